/**
 * ECDSA signatures in WebAuthn are DER `SEQUENCE { INTEGER r, INTEGER s }` (WebAuthn §6.5.6). The library
 * unwraps r and s and ignores the framing, so a signature with a wrong outer length still verified: not a
 * forgery (r and s are the signer's), but a second byte string for one signature. A relying party accepts
 * exactly one encoding — the canonical DER — as OpenSSL does, so every changed byte of a signature is refused.
 */
import { cose, decodeCredentialPublicKey } from "@simplewebauthn/server/helpers";

/** COSE algorithms whose signatures are DER-encoded ECDSA: ES256, ES384, ES512. */
const ECDSA_ALGORITHMS: ReadonlySet<number> = new Set([cose.COSEALG.ES256, cose.COSEALG.ES384, cose.COSEALG.ES512]);

/** A DER length at `at`: its value and where the content starts; null when not minimal or malformed. */
const derLength = (bytes: Uint8Array, at: number): { length: number; start: number } | null => {
  const first = bytes[at];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, start: at + 1 };
  // Long form: only 0x81 is ever needed for these sizes, and only for lengths of 128 or more.
  if (first !== 0x81) return null;
  const length = bytes[at + 1];
  return length === undefined || length < 0x80 ? null : { length, start: at + 2 };
};

/** A minimal, non-negative DER INTEGER at `at`; answers the index after it, or null. */
const derPositiveInteger = (bytes: Uint8Array, at: number): number | null => {
  if (bytes[at] !== 0x02) return null;
  const len = derLength(bytes, at + 1);
  if (len === null || len.length === 0 || len.start + len.length > bytes.length) return null;
  const head = bytes[len.start]!;
  if (head >= 0x80) return null; // negative
  if (head === 0x00 && (len.length === 1 || bytes[len.start + 1]! < 0x80)) return null; // a zero or a needless leading zero
  return len.start + len.length;
};

/** Whether `signature` is exactly the canonical DER of an ECDSA (r, s) pair. */
export const isCanonicalDerEcdsaSignature = (signature: Uint8Array): boolean => {
  if (signature[0] !== 0x30) return false;
  const seq = derLength(signature, 1);
  if (seq === null || seq.start + seq.length !== signature.length) return false;
  const afterR = derPositiveInteger(signature, seq.start);
  if (afterR === null) return false;
  return derPositiveInteger(signature, afterR) === signature.length;
};

/** Whether the credential's COSE key names an ECDSA algorithm (its signatures must then be canonical DER). */
export const signsWithEcdsa = (cosePublicKey: Uint8Array): boolean => {
  try {
    const alg = decodeCredentialPublicKey(cosePublicKey as Uint8Array<ArrayBuffer>).get(cose.COSEKEYS.alg);
    return typeof alg === "number" && ECDSA_ALGORITHMS.has(alg);
  } catch {
    return false;
  }
};
