import { stat, readFile } from "node:fs/promises";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";

/**
 * The Stripe keys of a deployment, read from a file (never from the environment, where they would
 * show in process listings and crash reports): `{ "secretKey": "sk_live_…" | "rk_live_…",
 * "publishableKey": "pk_live_…", "webhookSecrets": ["whsec_…"] }` (two webhook secrets during a rotation).
 */
export interface StripeKeys {
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly webhookSecrets: readonly string[];
}

const KeysFile = Schema.Struct({
  secretKey: Schema.String,
  publishableKey: Schema.String,
  webhookSecrets: Schema.Array(Schema.String),
});

const SECRET = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/;
const PUBLISHABLE = /^pk_(test|live)_[A-Za-z0-9_]{8,}$/;
const WEBHOOK = /^whsec_[A-Za-z0-9_]{16,}$/;

/** Checks the keys' shapes and that they belong to the same mode; the message never repeats a key. */
export const validateStripeKeys = (value: unknown): Result<StripeKeys, string> => {
  const decoded = Schema.decodeUnknownResult(KeysFile)(value);
  if (!EffectResult.isSuccess(decoded)) return err("must be JSON with secretKey, publishableKey and webhookSecrets (a list)");
  const k = decoded.success;
  if (k.secretKey.startsWith("pk_")) return err("secretKey holds a publishable key (pk_…): give the secret key (sk_…) or a restricted key (rk_…)");
  const secretMode = SECRET.exec(k.secretKey)?.[2];
  if (secretMode === undefined) return err("secretKey must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)");
  const publishableMode = PUBLISHABLE.exec(k.publishableKey)?.[1];
  if (publishableMode === undefined) return err("publishableKey must be a Stripe publishable key (pk_test_… or pk_live_…)");
  if (secretMode !== publishableMode) return err(`secretKey is a ${secretMode} key but publishableKey is a ${publishableMode} key: both must be test keys or both live keys`);
  if (k.webhookSecrets.length < 1 || k.webhookSecrets.length > 2) return err("webhookSecrets must list one signing secret (two during a rotation)");
  if (!k.webhookSecrets.every((s) => WEBHOOK.test(s))) return err("every webhookSecrets entry must be an endpoint signing secret (whsec_…)");
  return ok({ secretKey: k.secretKey, publishableKey: k.publishableKey, webhookSecrets: [...k.webhookSecrets] });
};

/**
 * Reads and validates the keys file. Refuses a file that other users can read (the secret key moves
 * money). The error names the file and what is wrong, for the operator.
 */
export const readStripeKeysFile = async (path: string): Promise<Result<StripeKeys, string>> => {
  const where = `MADOGUCHI_STRIPE_KEYS_FILE (${path})`;
  let text: string;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) return err(`${where} is readable by other users: chmod 600 it`);
    text = await readFile(path, "utf8");
  } catch {
    return err(`${where} cannot be read`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err(`${where} is not JSON`);
  }
  return validateStripeKeys(parsed).mapErr((why) => `${where}: ${why}`);
};
