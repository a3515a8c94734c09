import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** GCM nonce length: 96 bits, the size GCM is designed for (NIST SP 800-38D). */
export const IV_BYTES = 12;
/** Full 128-bit authentication tag; shorter tags weaken forgery resistance. */
export const TAG_BYTES = 16;

/** Encrypts with AES-256-GCM under a fresh random IV; returns iv‖ciphertext‖tag. */
export const seal = (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
};

/**
 * Decrypts iv‖ciphertext‖tag; `null` when the bytes are too short, were tampered with, or the key
 * or AAD differ (GCM cannot tell these apart, and callers must not either).
 */
export const open = (key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null => {
  if (sealed.length < IV_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
};
