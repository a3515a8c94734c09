const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * Decodes standard base64 (RFC 4648 §4, padding optional, ASCII whitespace ignored) to bytes;
 * `null` if the text is not base64. Written in plain TypeScript because core uses no platform API
 * (`Buffer`) and `Uint8Array.fromBase64` is not in Node 24.
 */
export const decodeBase64 = (text: string): Uint8Array | null => {
  const clean = text.replace(/[\t\n\r ]/g, "");
  const unpadded = clean.replace(/={1,2}$/, "");
  if (clean.length % 4 !== 0 && clean.length !== unpadded.length) return null;
  if (unpadded.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const c of unpadded) {
    const v = VALUES.get(c);
    if (v === undefined) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise two texts would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
};

/** Encodes bytes as standard padded base64 (the inverse of {@link decodeBase64}). */
export const encodeBase64 = (bytes: Uint8Array): string => {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : "=";
  }
  return out;
};
