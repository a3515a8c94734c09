import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AAD of an application's personal ciphertext: `applicationId|personal|keyVersion`. It binds the
 * ciphertext to its row and field, so a ciphertext copied into another row (or a column swapped
 * with another encrypted field later) fails to decrypt instead of showing someone else's data.
 */
const personalAad = (applicationId: string, keyVersion: number): Buffer =>
  Buffer.from(`${applicationId}|personal|${keyVersion}`, "utf8");

/** Encrypts the personal part with AES-256-GCM under a fresh random 96-bit IV; iv‖ciphertext‖tag. */
export const sealPersonal = (dataKey: Uint8Array, applicationId: string, keyVersion: number, plaintext: Uint8Array): Uint8Array => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(personalAad(applicationId, keyVersion));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
};

/** Decrypts iv‖ciphertext‖tag; `null` if it does not authenticate (tampered, wrong row or key). */
export const openPersonal = (dataKey: Uint8Array, applicationId: string, keyVersion: number, sealed: Uint8Array): Uint8Array | null => {
  if (sealed.length < IV_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", dataKey, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(personalAad(applicationId, keyVersion));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
};
