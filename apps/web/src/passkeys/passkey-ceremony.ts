import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { ApiError, ApiResult } from "../api-result.ts";
import type { PasskeyRegistrationStart } from "../api-types.ts";

/** How a browser ceremony ended: done, refused by the server (its error), or cancelled at the prompt. */
export type CeremonyOutcome<T> =
  | { readonly kind: "ok"; readonly data: T }
  /** `at`: whether the server refused to start (e.g. the session expired) or refused the answer. */
  | { readonly kind: "failed"; readonly at: "start" | "finish"; readonly error: ApiError }
  | { readonly kind: "cancelled" };

/**
 * A WebAuthn ceremony in the browser, for staff and residents alike: the server's options (with the
 * challenge it bound to the session), the browser's prompt (@simplewebauthn/browser), the answer sent
 * back. A closed prompt or a refusing authenticator is `cancelled`: nothing reached the server.
 */
const ceremony =
  (prompt: (optionsJSON: never) => Promise<unknown>) =>
  async <T>(start: () => Promise<ApiResult<PasskeyRegistrationStart>>, finish: (body: { challenge: string; response: unknown }) => Promise<ApiResult<T>>): Promise<CeremonyOutcome<T>> => {
    const started = await start();
    if (!started.ok) return { kind: "failed", at: "start", error: started.error };
    let response: unknown;
    try {
      response = await prompt(started.data.publicKey as never);
    } catch {
      return { kind: "cancelled" };
    }
    const finished = await finish({ challenge: started.data.challenge, response });
    return finished.ok ? { kind: "ok", data: finished.data } : { kind: "failed", at: "finish", error: finished.error };
  };

/** Registers a new passkey (`navigator.credentials.create()`). */
export const registerPasskeyInBrowser = ceremony((optionsJSON) => startRegistration({ optionsJSON }));
/** Signs in with a passkey (`navigator.credentials.get()`). */
export const authenticateWithPasskeyInBrowser = ceremony((optionsJSON) => startAuthentication({ optionsJSON }));
