import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { Passkey } from "./passkey.ts";
import type { PasskeyError, PasskeyRelyingParty } from "./passkey-relying-party.port.ts";
import { passkeyRejected, type PasskeyRejected } from "./passkey-rejection.ts";

/**
 * Whether a signature counter may follow the stored one. Authenticators that do not count report 0
 * every time (synced passkeys); once either side is non-zero the counter must strictly increase,
 * otherwise two authenticators share the key — a clone (WebAuthn §6.1.1).
 */
export const signCountAdvanced = (stored: number, received: number): boolean => (stored === 0 && received === 0) || received > stored;

/**
 * A passkey login for an account: finds which of the account's passkeys answered, verifies the
 * answer through the relying party, enforces the counter rule, and returns the passkey as it must be
 * stored now (new counter, last use). A passkey of another account is `unknown_credential`.
 */
export const verifyPasskeyLogin =
  (relyingParty: PasskeyRelyingParty) =>
  (input: {
    readonly response: unknown;
    readonly expectedChallenge: string;
    readonly passkeys: readonly Passkey[];
    readonly now: Date;
  }): ResultAsync<Passkey, PasskeyRejected | PasskeyError> => {
    const credentialId = relyingParty.credentialIdOf(input.response);
    if (credentialId.isErr()) return errAsync(credentialId.error);
    const passkey = input.passkeys.find((p) => p.credentialId === credentialId.value);
    if (passkey === undefined) return errAsync(passkeyRejected("unknown_credential"));
    return relyingParty
      .verifyAuthentication({ response: input.response, expectedChallenge: input.expectedChallenge, passkey })
      .andThen(({ signCount }) =>
        signCountAdvanced(passkey.signCount, signCount)
          ? okAsync<Passkey, PasskeyRejected | PasskeyError>({ ...passkey, signCount, lastUsedAt: input.now })
          : errAsync(passkeyRejected("counter_regressed")),
      );
  };
