/**
 * Compares two hex digests without an early exit, so the time taken does not reveal how many
 * leading characters matched. Core cannot reach `crypto.timingSafeEqual` (no platform APIs), and a
 * JIT gives no hard guarantee, but a full-length XOR accumulation removes the obvious leak of `===`.
 * Case-insensitive, because hex digests may be written in either case.
 */
export const timingSafeEqualHex = (a: string, b: string): boolean => {
  const length = Math.max(a.length, b.length);
  // A length difference is not secret (digests have a fixed length), but we still walk the longer
  // string so that both branches do the same work.
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    const x = i < a.length ? a.charCodeAt(i) | 0x20 : 0;
    const y = i < b.length ? b.charCodeAt(i) | 0x20 : 0;
    diff |= x ^ y;
  }
  return diff === 0;
};
