/**
 * An independent RFC 4226/6238 implementation on node:crypto, for core's tests only (core has no
 * HMAC of its own). It is itself checked against the RFC 6238 appendix B vectors in the tests.
 */
import { createHmac } from "node:crypto";
import { ok } from "neverthrow";
import { TotpSecret, type TotpAuthenticator } from "../../src/index.ts";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const base32Encode = (bytes: Uint8Array): string => {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

const base32Decode = (text: string): Buffer => {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text) {
    value = (value << 5) | BASE32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

export const hotp = (secretBase32: string, counter: number, digits = 6): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", base32Decode(secretBase32)).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
};

/** The RFC 6238 appendix B SHA-1 seed, "12345678901234567890", in base32. */
export const RFC6238_SECRET = TotpSecret(base32Encode(Buffer.from("12345678901234567890", "ascii")));

/** `codeAt` backed by the oracle, counting calls. */
export const oracleAuthenticator = () => {
  const calls: number[] = [];
  const authenticator: Pick<TotpAuthenticator, "codeAt"> = {
    codeAt: (secret, step) => {
      calls.push(step);
      return ok(hotp(secret, step));
    },
  };
  return { authenticator, calls };
};
