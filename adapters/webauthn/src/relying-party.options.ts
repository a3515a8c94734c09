import { Result as EffectResult, Schema } from "effect";

/**
 * The relying party: its id (the registrable domain the passkeys are scoped to, e.g.
 * `madoguchi.city.example.lg.jp`; `localhost` in development), the name authenticators show, and the
 * exact web origins that may run ceremonies (the resident and staff listeners' origins).
 */
export const WebAuthnRelyingPartyOptions = Schema.Struct({
  rpId: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9.-]+$/), Schema.isMaxLength(253))),
  rpName: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  origins: Schema.Array(Schema.String.pipe(Schema.check(Schema.isPattern(/^https?:\/\/[^/\s]+$/)))).pipe(Schema.check(Schema.isMinLength(1))),
});
export type WebAuthnRelyingPartyOptions = typeof WebAuthnRelyingPartyOptions.Type;

/** Validates the options at construction: a wrong RP id or origin is a deployment error, found at start. */
export const decodeRelyingPartyOptions = (input: unknown): WebAuthnRelyingPartyOptions => {
  const decoded = Schema.decodeUnknownResult(WebAuthnRelyingPartyOptions)(input, { errors: "all" });
  if (EffectResult.isFailure(decoded)) throw new TypeError(`invalid WebAuthn relying party options: ${String(decoded.failure)}`);
  for (const origin of decoded.success.origins) {
    const host = new URL(origin).hostname;
    // WebAuthn §5.1.4: the RP id must be the origin's host or a registrable suffix of it.
    if (host !== decoded.success.rpId && !host.endsWith(`.${decoded.success.rpId}`)) {
      throw new TypeError(`invalid WebAuthn relying party options: origin ${origin} is not within rpId ${decoded.success.rpId}`);
    }
  }
  return decoded.success;
};
