import { errAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import { PAYMENT_GATEWAY_CONTRACT, type PaymentCapability, type PaymentGateway } from "./payment-gateway.port.ts";

/** Contract id of the previous version, which a {@link PaymentGatewayV2} declares. */
export const PAYMENT_GATEWAY_V2_CONTRACT = "payment-gateway@2" as const;

/**
 * A `payment-gateway@2` adapter (ADR 0027): every method of version 3 but `listSettlementRecords`, and no
 * `settlementRecords` capability.
 */
export interface PaymentGatewayV2 extends Omit<PaymentGateway, "meta" | "listSettlementRecords"> {
  readonly meta: AdapterMeta<Exclude<PaymentCapability, "settlementRecords">>;
}

/**
 * A version 2 adapter as a `payment-gateway@3` one (ADR 0029's migration note): every call goes to the
 * adapter as it is; `listSettlementRecords` answers `unsupported`, and `settlementRecords` is not declared,
 * so the settlement report says the gateway's records cannot be read instead of matching them. Refuses
 * (throws, a programmer error) an adapter that does not declare version 2.
 */
export const fromPaymentGatewayV2 = (v2: PaymentGatewayV2): PaymentGateway => {
  if (v2.meta.contract !== PAYMENT_GATEWAY_V2_CONTRACT) throw new Error(`fromPaymentGatewayV2: the adapter declares ${v2.meta.contract}, not ${PAYMENT_GATEWAY_V2_CONTRACT}`);
  return {
    meta: { contract: PAYMENT_GATEWAY_CONTRACT, name: v2.meta.name, capabilities: new Set<PaymentCapability>(v2.meta.capabilities) },
    authorize: (request) => v2.authorize(request),
    completeChallenge: (id, key) => v2.completeChallenge(id, key),
    capture: (id, amount, key) => v2.capture(id, amount, key),
    void: (id, key) => v2.void(id, key),
    refund: (id, amount, key) => v2.refund(id, amount, key),
    findByIdempotencyKey: (key) => v2.findByIdempotencyKey(key),
    getAuthorization: (id) => v2.getAuthorization(id),
    ensureCustomer: (reference) => v2.ensureCustomer(reference),
    findCustomer: (reference) => v2.findCustomer(reference),
    saveCard: (customerId, token, key) => v2.saveCard(customerId, token, key),
    updateSavedCard: (customerId, cardId, token, key) => v2.updateSavedCard(customerId, cardId, token, key),
    deleteSavedCard: (customerId, cardId) => v2.deleteSavedCard(customerId, cardId),
    verifyWebhook: (delivery, now) => v2.verifyWebhook(delivery, now),
    listSettlementRecords: () =>
      errAsync({
        _tag: "PaymentError",
        reason: "unsupported",
        operation: "payment-gateway.listSettlementRecords",
        retryable: false,
        message: `${v2.meta.name} implements ${PAYMENT_GATEWAY_V2_CONTRACT}, which cannot list settlement records`,
      }),
    healthCheck: () => v2.healthCheck(),
  };
};
