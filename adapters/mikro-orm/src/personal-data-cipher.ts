import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM under a fresh random 96-bit IV, bound to `aad`; iv‖ciphertext‖tag. */
const seal = (dataKey: Uint8Array, aad: Buffer, plaintext: Uint8Array): Uint8Array => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
};

/** Decrypts iv‖ciphertext‖tag; `null` if it does not authenticate (tampered, other AAD or key). */
const open = (dataKey: Uint8Array, aad: Buffer, sealed: Uint8Array): Uint8Array | null => {
  if (sealed.length < IV_BYTES + TAG_BYTES) return null;
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", dataKey, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
};

/**
 * AAD of an application's personal ciphertext: `applicationId|personal|keyVersion`. It binds the
 * ciphertext to its row and field, so a ciphertext copied into another row (or a column swapped
 * with another encrypted field later) fails to decrypt instead of showing someone else's data.
 */
const personalAad = (applicationId: string, keyVersion: number): Buffer =>
  Buffer.from(`${applicationId}|personal|${keyVersion}`, "utf8");

/** Encrypts the personal part with AES-256-GCM under a fresh random 96-bit IV; iv‖ciphertext‖tag. */
export const sealPersonal = (dataKey: Uint8Array, applicationId: string, keyVersion: number, plaintext: Uint8Array): Uint8Array =>
  seal(dataKey, personalAad(applicationId, keyVersion), plaintext);

/** Decrypts iv‖ciphertext‖tag; `null` if it does not authenticate (tampered, wrong row or key). */
export const openPersonal = (dataKey: Uint8Array, applicationId: string, keyVersion: number, sealed: Uint8Array): Uint8Array | null =>
  open(dataKey, personalAad(applicationId, keyVersion), sealed);

/**
 * Where a ciphertext belongs when a row holds several (a record's summary and each of its documents): the
 * record (its KeyStore context), the part of it, and the KEK version that wrapped the record's key.
 */
export interface SealedPart {
  readonly record: string;
  /** `summary`, `document:<id>` …: two parts of one record never share a name. */
  readonly part: string;
  readonly keyVersion: number;
}

/**
 * AAD of a part: the JSON array `[record, part, keyVersion]`. JSON, not a joined string, because ids here
 * are free text: `a|b` + `c` and `a` + `b|c` must not give the same AAD.
 */
const partAad = (at: SealedPart): Buffer => Buffer.from(JSON.stringify([at.record, at.part, at.keyVersion]), "utf8");

/** Seals one part of a record: a ciphertext moved to another record or another part of the same one does not open. */
export const sealPart = (dataKey: Uint8Array, at: SealedPart, plaintext: Uint8Array): Uint8Array => seal(dataKey, partAad(at), plaintext);

/** Opens what {@link sealPart} sealed for the same record and part; `null` if it does not authenticate. */
export const openPart = (dataKey: Uint8Array, at: SealedPart, sealed: Uint8Array): Uint8Array | null => open(dataKey, partAad(at), sealed);
