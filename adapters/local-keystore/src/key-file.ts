import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { Result as EffectResult, Schema } from "effect";
import { createPrivateFileOnce } from "./create-private-file-once.ts";

/** Length of a key-encryption key: AES-256. */
export const KEK_BYTES = 32;

/**
 * On-disk format of the key file (JSON). It may hold several key versions so that a rotation can add
 * one while data wrapped under older versions stays readable; removing a version is the
 * cryptographic erase of everything wrapped under it.
 */
const KeyFileSchema = Schema.Struct({
  format: Schema.Literal("madoguchi-local-keystore"),
  formatVersion: Schema.Literal(1),
  keys: Schema.Array(
    Schema.Struct({
      version: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
      algorithm: Schema.Literal("AES-256-GCM"),
      key: Schema.String,
      createdAt: Schema.String,
    }),
  ).check(Schema.isMinLength(1)),
});

/** The key-encryption keys loaded from a key file, by version, and the version used for new wraps. */
export interface KeyRing {
  readonly current: number;
  readonly keys: ReadonlyMap<number, Buffer>;
}

/** Why a key file could not be used. Texts never include key bytes or file contents. */
export type KeyFileProblem =
  | { readonly kind: "missing" }
  | { readonly kind: "insecure_permissions" }
  | { readonly kind: "malformed"; readonly detail: string }
  | { readonly kind: "io"; readonly code: string };

/** Thrown only inside this module and caught by {@link loadOrCreateKeyRing}. */
const problem = (p: KeyFileProblem): { readonly keyFileProblem: KeyFileProblem } => ({ keyFileProblem: p });

const decodeKeyFile = Schema.decodeUnknownResult(KeyFileSchema);

const parseKeyRing = (text: string): KeyRing => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw problem({ kind: "malformed", detail: "not JSON" });
  }
  const decoded = decodeKeyFile(json, { errors: "all" });
  if (EffectResult.isFailure(decoded)) throw problem({ kind: "malformed", detail: decoded.failure.message });
  const keys = new Map<number, Buffer>();
  for (const entry of decoded.success.keys) {
    const key = Buffer.from(entry.key, "base64");
    if (key.length !== KEK_BYTES || key.toString("base64") !== entry.key) {
      throw problem({ kind: "malformed", detail: `key version ${entry.version} is not ${KEK_BYTES} bytes of base64` });
    }
    if (keys.has(entry.version)) throw problem({ kind: "malformed", detail: `key version ${entry.version} twice` });
    keys.set(entry.version, key);
  }
  return { current: Math.max(...keys.keys()), keys };
};

const ioCode = (e: unknown): string =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "unknown";

/**
 * Reads the key file, refusing one that group or others may read: the key-encryption key protects
 * every record, so a world-readable copy is a leak even if nobody has used it yet.
 */
const readKeyRing = async (keyFile: string): Promise<KeyRing> => {
  let info;
  try {
    info = await stat(keyFile);
  } catch (e) {
    throw problem(ioCode(e) === "ENOENT" ? { kind: "missing" } : { kind: "io", code: ioCode(e) });
  }
  if (!info.isFile()) throw problem({ kind: "malformed", detail: "not a regular file" });
  if (process.platform !== "win32" && (info.mode & 0o077) !== 0) throw problem({ kind: "insecure_permissions" });
  let text: string;
  try {
    text = await readFile(keyFile, "utf8");
  } catch (e) {
    throw problem({ kind: "io", code: ioCode(e) });
  }
  return parseKeyRing(text);
};

/** Creates the key file with one fresh key-encryption key (atomically, once: see {@link createPrivateFileOnce}). */
const createKeyFile = (keyFile: string): Promise<void> =>
  createPrivateFileOnce(
    keyFile,
    `${JSON.stringify(
      {
        format: "madoguchi-local-keystore",
        formatVersion: 1,
        keys: [{ version: 1, algorithm: "AES-256-GCM", key: randomBytes(KEK_BYTES).toString("base64"), createdAt: new Date().toISOString() }],
      },
      null,
      2,
    )}\n`,
  );

/** Loads the key ring, creating the key file first when allowed and missing. */
export const loadOrCreateKeyRing = async (
  keyFile: string,
  createIfMissing: boolean,
): Promise<{ readonly ok: true; readonly ring: KeyRing } | { readonly ok: false; readonly problem: KeyFileProblem }> => {
  const attempt = async (): Promise<KeyRing> => {
    try {
      return await readKeyRing(keyFile);
    } catch (e) {
      if (!createIfMissing || !isProblem(e) || e.keyFileProblem.kind !== "missing") throw e;
    }
    try {
      await createKeyFile(keyFile);
    } catch (e) {
      throw problem({ kind: "io", code: ioCode(e) });
    }
    return readKeyRing(keyFile);
  };
  try {
    return { ok: true, ring: await attempt() };
  } catch (e) {
    if (isProblem(e)) return { ok: false, problem: e.keyFileProblem };
    throw e;
  }
};

const isProblem = (e: unknown): e is { readonly keyFileProblem: KeyFileProblem } =>
  typeof e === "object" && e !== null && "keyFileProblem" in e;
