import type { SecureRandom } from "./secure-random.port.ts";

/**
 * `length` characters drawn uniformly from `alphabet` (2…256 symbols) by rejection sampling: bytes
 * at or above the largest multiple of the alphabet size are thrown away, so `byte % size` has no
 * bias (a plain `% 10` on bytes would make 0–5 about 4 % likelier than 6–9).
 */
export const randomText = (random: SecureRandom, alphabet: string, length: number): string => {
  const symbols = Array.from(alphabet);
  const size = symbols.length;
  if (size < 2 || size > 256) throw new Error("alphabet must have 2 to 256 symbols");
  const limit = 256 - (256 % size);
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of random.bytes(length - out.length + 8)) {
      if (byte >= limit) continue;
      out.push(symbols[byte % size] ?? "");
      if (out.length === length) break;
    }
  }
  return out.join("");
};

/** Decimal digits, e.g. an email one-time code. */
export const DECIMAL_DIGITS = "0123456789";
/** Crockford's base32: no I, L, O, U, so codes read out or copied by hand are not mistaken. */
export const CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
