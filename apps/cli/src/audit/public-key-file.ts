import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";

/** The public part of the server's signing key file (or of any JSON with `keyId` and `publicKey`). */
const PublicKeySchema = Schema.Struct({ keyId: Schema.String, publicKey: Schema.String });

/** Reads `keyId` and `publicKey` from a signing key file; the private key in it is never touched. */
export const decodePublicKeyFile = (text: string): Result<{ readonly keyId: string; readonly publicKey: string }, string> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err("not JSON");
  }
  const decoded = Schema.decodeUnknownResult(PublicKeySchema)(json);
  return EffectResult.isSuccess(decoded) ? ok({ keyId: decoded.success.keyId, publicKey: decoded.success.publicKey }) : err("no keyId and publicKey");
};
