import { IdempotencyKey, yen } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createStripePaymentGateway, signStripeWebhook } from "../src/index.ts";
import { RETURN_URL, SECRET_KEY, startStripeContractRig, WEBHOOK_SECRET, type StripeContractRig } from "./support/stripe-harness.ts";

// A refund made in Stripe's dashboard goes straight to Stripe: the charge never gets our key (the adapter
// labels it only before its own refunds). Its charge.refunded must still name our authorisation (ADR 0028).
let rig: StripeContractRig;
beforeAll(async () => {
  rig = await startStripeContractRig();
});
afterAll(() => rig.close());

const gateway = () => createStripePaymentGateway({ apiBase: rig.server.url, secretKey: SECRET_KEY, timeoutMs: 2000, webhookSecrets: [WEBHOOK_SECRET], returnUrl: RETURN_URL });

/** Stripe's API as the dashboard uses it: a form body, the secret key, no key of ours anywhere. */
const dashboard = async (path: string, form: Record<string, string>) => {
  const res = await fetch(`${rig.server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("charge.refunded of a refund made in Stripe's dashboard", () => {
  it("is read as authorization.refunded of the PaymentIntent, and re-reading that authorisation gives our key back", async () => {
    const g = gateway();
    const key = IdempotencyKey(`auth-dashboard-refund-${Date.now()}-0123456789abcdef`);
    const a = (await g.authorize({ amount: yen(700), description: "dashboard refund", idempotencyKey: key, source: { kind: "token", token: await rig.tokens.success() } }))._unsafeUnwrap();
    (await g.capture(a.id, yen(700), IdempotencyKey(`cap-${a.id}`)))._unsafeUnwrap();
    expect((await dashboard("/v1/refunds", { payment_intent: a.id, amount: "250" })).status).toBe(200);

    const delivery = await vi.waitFor(() => {
      const d = rig.harness.webhooks!.deliveries().find((x) => x.rawBody.includes('"charge.refunded"') && x.rawBody.includes(a.id));
      if (d === undefined) throw new Error("no charge.refunded yet");
      return d;
    }, { timeout: 10_000, interval: 20 });
    const charge = JSON.parse(delivery.rawBody).data.object;
    expect([charge.payment_intent, charge.metadata]).toEqual([a.id, {}]);

    const event = g.verifyWebhook(delivery, new Date())._unsafeUnwrap();
    expect([event.type, event.authorization.id, event.authorization.status, event.authorization.capturedAmount, event.authorization.refundedAmount]).toEqual([
      "authorization.refunded",
      a.id,
      "captured",
      700,
      250,
    ]);
    // The charge does not know our key: the receiver finds the application through the re-read intent.
    expect(String(event.authorization.idempotencyKey)).toBe("");
    const current = (await g.getAuthorization(event.authorization.id))._unsafeUnwrap();
    expect([current?.idempotencyKey, current?.refundedAmount]).toEqual([key, 250]);
  });

  it("a charge.refunded of a charge without a PaymentIntent (a charge madoguchi never made) is not read", async () => {
    const g = gateway();
    const body = JSON.stringify({
      id: "evt_legacy_charge",
      object: "event",
      created: Math.floor(Date.now() / 1000),
      type: "charge.refunded",
      data: { object: { id: "ch_legacy", amount: 500, amount_captured: 500, amount_refunded: 500, captured: true, payment_intent: null, payment_method_details: { card: { brand: "visa", last4: "4242" } }, metadata: {} } },
    });
    const delivery = { rawBody: body, headers: { "stripe-signature": signStripeWebhook(WEBHOOK_SECRET, Math.floor(Date.now() / 1000), body) } };
    expect(g.verifyWebhook(delivery, new Date())._unsafeUnwrapErr().reason).toBe("invalid_request");
  });
});
