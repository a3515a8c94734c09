import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Stripe's webhook signature scheme (docs "Check the webhook signatures"): the `Stripe-Signature`
 * header holds `t=<unix seconds>` and one or more `v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * (several during a secret rotation); other schemes (`v0`) are ignored.
 */
export const STRIPE_SIGNATURE_HEADER = "stripe-signature";

/** Stripe's libraries' default tolerance, also SECURITY.md's: 300 s between the signed time and ours. */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: string, rawBody: string): Buffer => createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest();

/** The header Stripe would send for `rawBody` at `timestamp` (the contract server signs with it). */
export const signStripeWebhook = (secret: string, timestamp: number, rawBody: string): string => `t=${timestamp},v1=${mac(secret, String(timestamp), rawBody).toString("hex")}`;

/**
 * Whether `header` signs `rawBody` with one of `secrets` within the tolerance of `now`. The timestamp
 * is inside the MAC, so an old delivery cannot be re-dated; the compare is constant-time.
 */
export const verifyStripeSignature = (secrets: readonly string[], header: string | undefined, rawBody: string, now: Date): boolean => {
  if (header === undefined || header.length > 4096) return false;
  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [name, value] = part.split("=", 2);
    if (name === "t" && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = value;
    if (name === "v1" && value !== undefined && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, "hex"));
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > STRIPE_SIGNATURE_TOLERANCE_SECONDS) return false;
  const ts = timestamp;
  return secrets.some((secret) => {
    const expected = mac(secret, ts, rawBody);
    return signatures.some((signature) => timingSafeEqual(expected, signature));
  });
};
