/** The message our 3-D Secure return page posts to the payment page that framed it (Stripe's return_url). */
export const STRIPE_3DS_COMPLETE = "madoguchi-stripe:3ds-complete";

/**
 * True when a `message` event is our return page saying Stripe's 3-D Secure frame is done: only from the
 * return page's origin (ours), with exactly that type. The caller also checks that it comes from its
 * own challenge frame. The message carries nothing else: the server learns the outcome from Stripe.
 */
export function isStripeChallengeComplete(event: { readonly origin: string; readonly data: unknown }, returnOrigin: string): boolean {
  let expected: string;
  try {
    expected = new URL(returnOrigin).origin;
  } catch {
    return false;
  }
  if (event.origin !== expected) return false;
  const data = event.data;
  return typeof data === "object" && data !== null && (data as Record<string, unknown>)["type"] === STRIPE_3DS_COMPLETE;
}
