import { describe, expect, it } from "vitest";
import { isStripeChallengeComplete, STRIPE_3DS_COMPLETE } from "../src/payments/stripe-messages.ts";

const ours = "http://localhost:3000";

describe("isStripeChallengeComplete", () => {
  it("accepts our return page's message from our origin only", () => {
    expect(isStripeChallengeComplete({ origin: ours, data: { type: STRIPE_3DS_COMPLETE } }, ours)).toBe(true);
    expect(isStripeChallengeComplete({ origin: ours, data: { type: STRIPE_3DS_COMPLETE } }, `${ours}/`)).toBe(true);
    // Stripe's own origins, another site or an opaque origin cannot finish the challenge for us.
    for (const origin of ["https://hooks.stripe.com", "https://js.stripe.com", "http://localhost:3001", "null"]) {
      expect(isStripeChallengeComplete({ origin, data: { type: STRIPE_3DS_COMPLETE } }, ours), origin).toBe(false);
    }
  });

  it("ignores anything but that exact message, and a broken configured origin", () => {
    for (const data of [STRIPE_3DS_COMPLETE, null, {}, { type: "madoguchi-sandbox:challenge-complete" }, { type: `${STRIPE_3DS_COMPLETE} ` }]) {
      expect(isStripeChallengeComplete({ origin: ours, data }, ours)).toBe(false);
    }
    expect(isStripeChallengeComplete({ origin: ours, data: { type: STRIPE_3DS_COMPLETE } }, "not a url")).toBe(false);
  });
});
