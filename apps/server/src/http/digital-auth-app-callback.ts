import type { Request } from "express";
import { Schema } from "effect";
import type { JpkiSigningCompletion } from "@madoguchi/core";

/**
 * The pieces every return from the Digital Authentication App shares — a login (ADR 23) and an
 * application signature (ADR 25): which registered redirect URI the browser is sent back to, and what
 * the callback page of ours reads from its address and posts to the server.
 */

/** What a callback page posts: the code and state, or the provider's error; `iss` when sent (RFC 9207). */
export const AppCallbackFields = {
  state: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(512))),
  code: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(2048)))),
  error: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(128)))),
  iss: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(2048)))),
} as const;

export interface AppCallback {
  readonly state: string;
  readonly code?: string | undefined;
  readonly error?: string | undefined;
  readonly iss?: string | undefined;
}

/** The origin the browser is on: its cookies (and the pending ceremony's) live there. */
const requestOrigin = (req: Request): string => req.get("origin") ?? `${req.protocol}://${req.get("host") ?? ""}`;

/** Of the registered redirect URIs (one per public origin), the one of the browser's origin, else the first. */
export const redirectUriFor = (uris: readonly string[], req: Request): string => {
  const origin = requestOrigin(req);
  return uris.find((uri) => new URL(uri).origin === origin) ?? uris[0]!;
};

/** The callback as the app's URL carried it, rebuilt on the redirect URI the authorization was requested with. */
export const callbackUrl = (redirectUri: string, callback: AppCallback): string => {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries({ code: callback.code, state: callback.state, error: callback.error, iss: callback.iss })) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return url.href;
};

/**
 * The callback as the `JpkiSigner` port's completion (`jpki-signer@2`): the provider's `error=` is
 * `declined` (the signer tells `access_denied` from the provider failing), otherwise the code and state.
 * Null when it carries neither, or an `iss` that is not the provider's (RFC 9207: a mix-up).
 */
export const signingCompletionOf = (callback: AppCallback, issuer: string): JpkiSigningCompletion | null => {
  if (callback.iss !== undefined && callback.iss !== issuer) return null;
  if (callback.error !== undefined) return { kind: "declined", error: callback.error, state: callback.state };
  if (callback.code !== undefined) return { kind: "authorization_code", code: callback.code, state: callback.state };
  return null;
};
