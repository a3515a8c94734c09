import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { fromPaymentGatewayV2, IdempotencyKey, PAYMENT_GATEWAY_CONTRACT, yen, type Authorization, type PaymentGatewayV2 } from "../../src/index.ts";

const authorization: Authorization = {
  id: "auth_1",
  amount: yen(300),
  capturedAmount: yen(300),
  refundedAmount: yen(0),
  status: "captured",
  brand: "jcb",
  last4: "0505",
  idempotencyKey: IdempotencyKey("k"),
  challenge: null,
};

/** A version 2 adapter: every method but listSettlementRecords; only capture and healthCheck are called here. */
const v2 = (contract = "payment-gateway@2"): PaymentGatewayV2 & { captured: string[] } => {
  const captured: string[] = [];
  const unused = () => {
    throw new Error("not used");
  };
  return {
    captured,
    meta: { contract, name: "vendor-v2", capabilities: new Set(["refund" as const]) },
    capture: (id) => {
      captured.push(id);
      return okAsync(authorization);
    },
    healthCheck: () => okAsync(undefined),
    authorize: unused,
    completeChallenge: unused,
    void: unused,
    refund: unused,
    findByIdempotencyKey: unused,
    getAuthorization: unused,
    ensureCustomer: unused,
    findCustomer: unused,
    saveCard: unused,
    updateSavedCard: unused,
    deleteSavedCard: unused,
    verifyWebhook: unused,
  };
};

describe("fromPaymentGatewayV2 (ADR 29 migration)", () => {
  it("declares version 3 with the adapter's capabilities, delegates every call, and answers unsupported for settlement records", async () => {
    const old = v2();
    const g = fromPaymentGatewayV2(old);
    expect(g.meta).toMatchObject({ contract: PAYMENT_GATEWAY_CONTRACT, name: "vendor-v2" });
    expect([...g.meta.capabilities]).toEqual(["refund"]);
    expect((await g.capture("auth_1", yen(300), IdempotencyKey("c")))._unsafeUnwrap()).toEqual(authorization);
    expect(old.captured).toEqual(["auth_1"]);
    const listed = await g.listSettlementRecords({ from: new Date(0), to: new Date(1) });
    expect(listed._unsafeUnwrapErr()).toMatchObject({ _tag: "PaymentError", reason: "unsupported", retryable: false });
  });

  it("refuses an adapter that does not declare version 2", () => {
    expect(() => fromPaymentGatewayV2(v2("payment-gateway@1"))).toThrow(/payment-gateway@1/);
  });
});
