import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { Passkey } from "./passkey.ts";
import type { PasskeyError, PasskeyRelyingParty } from "./passkey-relying-party.port.ts";
import { passkeyRejected, type PasskeyRejected } from "./passkey-rejection.ts";
import type { PasskeyOwner, PasskeyStore } from "./passkey-store.port.ts";
import { verifyPasskeyLogin } from "./verify-passkey-login.ts";

/** What {@link loginWithPasskey} needs: where passkeys are kept and the relying party that checks answers. */
export interface PasskeyLoginDeps {
  readonly passkeys: PasskeyStore;
  readonly passkeyRelyingParty: PasskeyRelyingParty;
}

/**
 * The passkey part of a login step, the same for staff and residents: the owner's passkeys, the
 * answer verified against them ({@link verifyPasskeyLogin}: a passkey of another owner is
 * `unknown_credential`), and the use recorded against the counter that was read. A use that lost
 * that compare-and-set (the same answer completing two logins at once) is refused as
 * `challenge_mismatch`: the answer was spent. Lockout and throttles are the caller's frame.
 */
export const loginWithPasskey =
  (deps: PasskeyLoginDeps) =>
  (input: { readonly owner: PasskeyOwner; readonly response: unknown; readonly expectedChallenge: string; readonly now: Date }): ResultAsync<
    Passkey,
    PasskeyRejected | PasskeyError | StorageError
  > =>
    deps.passkeys.list(input.owner).andThen((passkeys) =>
      verifyPasskeyLogin(deps.passkeyRelyingParty)({ response: input.response, expectedChallenge: input.expectedChallenge, passkeys, now: input.now }).andThen(
        (used): ResultAsync<Passkey, PasskeyRejected | PasskeyError | StorageError> => {
          const before = passkeys.find((p) => p.credentialId === used.credentialId)?.signCount ?? 0;
          return deps.passkeys
            .recordUse(used.credentialId, before, { signCount: used.signCount, usedAt: input.now })
            .andThen((won) => (won ? okAsync(used) : errAsync(passkeyRejected("challenge_mismatch"))));
        },
      ),
    );
