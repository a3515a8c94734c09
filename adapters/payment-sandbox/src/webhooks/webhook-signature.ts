import { createHmac, timingSafeEqual } from "node:crypto";

/** Header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = "madoguchi-sandbox-signature";

/** How far a webhook's timestamp may be from the receiver's clock (SECURITY.md: 300 s). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");

/** The signature header for `rawBody` sent at `timestamp` (unix seconds). */
export const signWebhook = (secret: string, timestamp: number, rawBody: string): string => `t=${timestamp},v1=${mac(secret, timestamp, rawBody)}`;

/**
 * Whether `header` signs `rawBody` with `secret` within the tolerance of `now`. Constant-time compare
 * of the MAC; the timestamp is inside the MAC, so a replayed old delivery cannot be re-dated.
 */
export const verifyWebhookSignature = (secret: string, header: string | undefined, rawBody: string, now: Date): boolean => {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (match?.[1] === undefined || match[2] === undefined) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  return timingSafeEqual(Buffer.from(mac(secret, timestamp, rawBody), "hex"), Buffer.from(match[2], "hex"));
};
