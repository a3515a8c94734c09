import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { Result as EffectResult, Schema } from "effect";
import { createPrivateFileOnce } from "../create-private-file-once.ts";

/**
 * On-disk format of the audit signing key (JSON, mode 0600): an Ed25519 private key (PKCS#8 DER,
 * base64) and its public key (SPKI DER, base64). The key id is derived from the public key, so a
 * rotated key has a new id and old checkpoints keep verifying under the old public key.
 */
const SigningKeyFileSchema = Schema.Struct({
  format: Schema.Literal("madoguchi-audit-signing-key"),
  formatVersion: Schema.Literal(1),
  algorithm: Schema.Literal("Ed25519"),
  keyId: Schema.String,
  privateKey: Schema.String,
  publicKey: Schema.String,
  createdAt: Schema.String,
});

/** A loaded signing key. */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  /** SPKI DER, base64. */
  readonly publicKey: string;
}

/** Why the key file could not be used. Never includes key bytes. */
export type SigningKeyProblem = "missing" | "insecure_permissions" | "malformed" | "io";

/** The key id of a public key: `ed25519-` and the first 16 hex digits of the SHA-256 of its SPKI DER. */
export const keyIdOf = (publicKeySpkiBase64: string): string =>
  `ed25519-${createHash("sha256").update(Buffer.from(publicKeySpkiBase64, "base64")).digest("hex").slice(0, 16)}`;

const decode = Schema.decodeUnknownResult(SigningKeyFileSchema);

const parse = (text: string): SigningKey | "malformed" => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "malformed";
  }
  const decoded = decode(json);
  if (EffectResult.isFailure(decoded)) return "malformed";
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(decoded.success.privateKey, "base64"), format: "der", type: "pkcs8" });
    const publicKey = createPublicKey(privateKey).export({ type: "spki", format: "der" }).toString("base64");
    // The stored public key and id must belong to the private key: a swapped public key would make
    // every checkpoint unverifiable, which we would rather learn at start.
    if (privateKey.asymmetricKeyType !== "ed25519" || publicKey !== decoded.success.publicKey || keyIdOf(publicKey) !== decoded.success.keyId) return "malformed";
    return { keyId: decoded.success.keyId, privateKey, publicKey };
  } catch {
    return "malformed";
  }
};

const code = (e: unknown): string => (typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "unknown");

const read = async (keyFile: string): Promise<SigningKey | SigningKeyProblem> => {
  try {
    const info = await stat(keyFile);
    if (process.platform !== "win32" && (info.mode & 0o077) !== 0) return "insecure_permissions";
    return parse(await readFile(keyFile, "utf8"));
  } catch (e) {
    return code(e) === "ENOENT" ? "missing" : "io";
  }
};

/** Writes a new key file atomically, once (see {@link createPrivateFileOnce}: the loser of a race reads the winner's). */
const create = async (keyFile: string): Promise<void> => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicDer = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const content = `${JSON.stringify(
    {
      format: "madoguchi-audit-signing-key",
      formatVersion: 1,
      algorithm: "Ed25519",
      keyId: keyIdOf(publicDer),
      privateKey: privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
      publicKey: publicDer,
      createdAt: new Date().toISOString(),
    },
    null,
    2,
  )}\n`;
  await createPrivateFileOnce(keyFile, content);
};

/** Loads the signing key, creating the file first when allowed and missing. */
export const loadOrCreateSigningKey = async (keyFile: string, createIfMissing: boolean): Promise<SigningKey | SigningKeyProblem> => {
  const first = await read(keyFile);
  if (first !== "missing" || !createIfMissing) return first;
  try {
    await create(keyFile);
  } catch {
    return "io";
  }
  return read(keyFile);
};
