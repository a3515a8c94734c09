/**
 * A fresh submission key: 32 lowercase hex characters (128 random bits, like a UUID without dashes).
 * Generated once per application attempt and sent with every prepare/submit of that attempt, so a double
 * click or a retry after a lost answer returns the stored application instead of creating (and charging)
 * a second one. `getRandomValues` rather than `randomUUID`: the latter exists only in secure contexts, and
 * an intranet deployment may be served over plain HTTP.
 */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
