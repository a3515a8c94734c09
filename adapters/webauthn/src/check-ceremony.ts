import { createHash } from "node:crypto";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { passkeyRejected, type PasskeyRejected } from "@madoguchi/core";
import { ClientData } from "./webauthn-response.schema.ts";

/** What a ceremony must show, decided by the relying party's configuration and the attempt. */
export interface CeremonyExpectation {
  readonly type: "webauthn.create" | "webauthn.get";
  readonly challenge: string;
  readonly origins: readonly string[];
  readonly rpId: string;
}

/** Decodes a value against a schema, or `malformed`. */
export const decodeOrMalformed = <S extends Schema.Codec<unknown, unknown>>(schema: S, value: unknown): Result<S["Type"], PasskeyRejected> => {
  const decoded = Schema.decodeUnknownResult(schema as never)(value);
  return EffectResult.isSuccess(decoded) ? ok(decoded.success as S["Type"]) : err(passkeyRejected("malformed"));
};

/** Decodes base64url into a fresh `Uint8Array` on its own `ArrayBuffer` (what the library's types ask for). */
const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, "base64url"));

/**
 * The checks of WebAuthn §7.1/§7.2 that need no key — client data type, challenge, origin (no
 * cross-origin framing), then the RP id hash and the user-present and user-verified flags — done here
 * in this order so that each failure gets its own reason, before the library verifies the
 * attestation or the signature. `authData` is the raw authenticator data.
 */
export const checkCeremony = (clientDataJSON: string, authData: Uint8Array, expected: CeremonyExpectation): Result<void, PasskeyRejected> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
  } catch {
    return err(passkeyRejected("malformed"));
  }
  return decodeOrMalformed(ClientData, parsed).andThen((clientData): Result<void, PasskeyRejected> => {
    if (clientData.type !== expected.type) return err(passkeyRejected("wrong_ceremony"));
    if (clientData.challenge !== expected.challenge) return err(passkeyRejected("challenge_mismatch"));
    if (!expected.origins.includes(clientData.origin) || clientData.crossOrigin === true || clientData.topOrigin !== undefined) {
      return err(passkeyRejected("origin_mismatch"));
    }
    // Authenticator data: rpIdHash (32) | flags (1) | signCount (4) | …
    if (authData.length < 37) return err(passkeyRejected("malformed"));
    const rpIdHash = createHash("sha256").update(expected.rpId, "utf8").digest();
    if (!rpIdHash.equals(Buffer.from(authData.subarray(0, 32)))) return err(passkeyRejected("rp_mismatch"));
    const flags = authData[32] ?? 0;
    const userPresent = (flags & 0x01) !== 0;
    const userVerified = (flags & 0x04) !== 0;
    if (!userPresent || !userVerified) return err(passkeyRejected("user_not_verified"));
    return ok(undefined);
  });
};

export { fromBase64Url };
