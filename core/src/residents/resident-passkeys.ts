import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { PasskeyUser } from "../identity/passkeys/passkey.ts";
import { ResidentAccountId, type ResidentAccount } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_PASSKEY_NEEDS_SECOND_FACTOR, type ResidentPasskeyNeedsSecondFactor } from "./resident-account.errors.ts";
import { confirmResidentPassword, type ConfirmResidentPasswordError } from "./confirm-resident-password.ts";
import { notifyResident } from "./notify-resident.ts";

/**
 * The address as an authenticator's account chooser shows it: the first two characters of the local
 * part and the domain (`ta…@example.jp`). Synced passkeys carry this name to the platform's cloud, so
 * it says enough for the owner to recognise, and no more (as TOTP labels carry only the account id).
 */
export const maskResidentEmail = (email: string): string => {
  const at = email.lastIndexOf("@");
  if (at < 0) return "…";
  return `${[...email.slice(0, at)].slice(0, 2).join("")}…${email.slice(at)}`;
};

/** The WebAuthn user of a resident account: its id as user handle, a masked address as name. */
export const residentPasskeyUser = (account: ResidentAccount): PasskeyUser => {
  const name = maskResidentEmail(account.email);
  return { accountId: account.id, name, displayName: name };
};

/** Errors of {@link authorizeResidentPasskeyRegistration}. */
export type ResidentPasskeyRegistrationError = ConfirmResidentPasswordError | ResidentPasskeyNeedsSecondFactor;

/**
 * May this signed-in resident start registering a passkey? Adding an authenticator is the change a
 * takeover would make to stay in, so, as for TOTP enrolment, the current password is asked again (a
 * wrong one counts towards the lockout) on top of the session, which already passed the second step.
 * An account without a second step (`none`) is refused: a passkey here stands in for that step, and
 * keeping the chosen step means removing the last passkey never leaves the account weaker than it was.
 */
export const authorizeResidentPasskeyRegistration =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly currentPassword: string }): ResultAsync<{ readonly account: ResidentAccount; readonly user: PasskeyUser }, ResidentPasskeyRegistrationError> =>
    confirmResidentPassword(deps, input.accountId, input.currentPassword).andThen((account) =>
      account.secondFactor === "none"
        ? errAsync<{ readonly account: ResidentAccount; readonly user: PasskeyUser }, ResidentPasskeyRegistrationError>(RESIDENT_PASSKEY_NEEDS_SECOND_FACTOR)
        : okAsync({ account, user: residentPasskeyUser(account) }),
    );

/** Mails the owner that a passkey was added or removed (no link, no passkey name: ASVS V6 notice). */
export const noticeResidentPasskeyChange =
  (deps: ResidentAccountDeps) =>
  (accountId: string, change: "passkey_added" | "passkey_removed"): ResultAsync<void, StorageError> =>
    deps.accounts.findById(ResidentAccountId(accountId)).andThen((account) => (account === null ? okAsync(undefined) : notifyResident(deps, account, change)));
