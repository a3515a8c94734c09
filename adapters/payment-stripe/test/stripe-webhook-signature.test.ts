import { describe, expect, it } from "vitest";
import { signStripeWebhook, verifyStripeSignature } from "../src/index.ts";

const SECRET = "whsec_madoguchiUnitTest0123456789";
const OTHER = "whsec_madoguchiRotatedSecret98765";
const body = '{"id":"evt_1","type":"payment_intent.succeeded"}';
const t = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe("Stripe-Signature verification", () => {
  it("accepts the header Stripe sends, and refuses a changed body, another secret, a malformed header and a missing one", () => {
    const header = signStripeWebhook(SECRET, t, body);
    expect(verifyStripeSignature([SECRET], header, body, at(t))).toBe(true);
    expect(verifyStripeSignature([SECRET], header, body.replace("succeeded", "canceled"), at(t))).toBe(false);
    expect(verifyStripeSignature([OTHER], header, body, at(t))).toBe(false);
    expect(verifyStripeSignature([SECRET], header.replace("v1=", "v0="), body, at(t))).toBe(false);
    expect(verifyStripeSignature([SECRET], undefined, body, at(t))).toBe(false);
  });

  it("takes the timestamp from the signed header: 300 s either way, not one second more, and a re-dated header fails", () => {
    const header = signStripeWebhook(SECRET, t, body);
    expect(verifyStripeSignature([SECRET], header, body, at(t + 300))).toBe(true);
    expect(verifyStripeSignature([SECRET], header, body, at(t - 300))).toBe(true);
    expect(verifyStripeSignature([SECRET], header, body, at(t + 301))).toBe(false);
    expect(verifyStripeSignature([SECRET], header.replace(`t=${t}`, `t=${t + 1000}`), body, at(t + 1000))).toBe(false);
  });

  it("during a rotation accepts either secret, and any of several v1 signatures in the header", () => {
    const header = signStripeWebhook(OTHER, t, body);
    expect(verifyStripeSignature([SECRET, OTHER], header, body, at(t))).toBe(true);
    const two = `${signStripeWebhook(SECRET, t, body)},v1=${"0".repeat(64)}`;
    expect(verifyStripeSignature([SECRET], two, body, at(t))).toBe(true);
    expect(verifyStripeSignature([SECRET], `t=${t},v1=${"0".repeat(64)}`, body, at(t))).toBe(false);
  });
});
