import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import { issueRecoveryCodes } from "../identity/one-time-codes/recovery-codes.ts";
import type { PasswordHashingError } from "../identity/passwords/password-hasher.port.ts";
import type { TotpError, TotpProvisioning, TotpSecret } from "../identity/totp/totp-authenticator.port.ts";
import { pendingTotpEnrolment } from "../identity/totp/totp-enrolment.ts";
import { confirmTotpEnrolment } from "../identity/totp/verify-totp-code.ts";
import { ResidentAccountId, type ResidentSecondFactor } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_ACCOUNT_GONE, RESIDENT_SECOND_FACTOR_REJECTED, type ResidentAccountGone, type ResidentSecondFactorRejected } from "./resident-account.errors.ts";
import { confirmResidentPassword, type ConfirmResidentPasswordError } from "./confirm-resident-password.ts";
import { notifyResident } from "./notify-resident.ts";

/** What the enrolment page shows once: the QR code, the URI, and the secret for typing by hand. */
export interface ResidentTotpOffer extends TotpProvisioning {
  readonly secret: TotpSecret;
}

/**
 * Starts TOTP enrolment after the current password: a fresh secret is stored as a pending
 * enrolment (replacing an earlier pending or confirmed one only when confirmed, see below) and shown
 * once. The login keeps using the old factor until {@link confirmResidentTotp}.
 */
export const startResidentTotpEnrolment =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly currentPassword: string }): ResultAsync<ResidentTotpOffer, ConfirmResidentPasswordError | TotpError | ResidentSecondFactorRejected> =>
    confirmResidentPassword(deps, input.accountId, input.currentPassword).andThen((account) => {
      // A new secret would replace the confirmed one before it is confirmed, and logins would fail
      // meanwhile: switch to email codes first, then enrol the new phone.
      if (account.secondFactor === "totp") return errAsync(RESIDENT_SECOND_FACTOR_REJECTED);
      const secret = deps.totp.generateSecret();
      // The account id, not the address: authenticator apps back their labels up to clouds.
      return deps.loginState
        .saveTotpEnrolment(account.id, pendingTotpEnrolment(secret))
        .andThen(() => deps.totp.provisioning(secret, { issuer: deps.serviceName, accountName: account.id.slice(0, 8) }))
        .map((provisioning) => ({ ...provisioning, secret }));
    });

/**
 * Confirms enrolment with a first code from the app: the account's second factor becomes TOTP, ten
 * recovery codes are issued (shown once, stored hashed) and the owner is told by mail.
 */
export const confirmResidentTotp =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly code: string }): ResultAsync<
    { readonly recoveryCodes: readonly string[] },
    ResidentSecondFactorRejected | ResidentAccountGone | TotpError | PasswordHashingError | StorageError
  > => {
    const now = deps.clock.now();
    return deps.loginState.loadTotpEnrolment(input.accountId).andThen((enrolment) => {
      if (enrolment === null || enrolment.confirmedAt !== null) return errAsync(RESIDENT_SECOND_FACTOR_REJECTED);
      const confirmed = confirmTotpEnrolment(deps.totp, { enrolment, code: input.code, now });
      if (confirmed.isErr()) return confirmed.error._tag === "TotpError" ? errAsync(confirmed.error) : errAsync(RESIDENT_SECOND_FACTOR_REJECTED);
      return deps.accounts.findById(ResidentAccountId(input.accountId)).andThen((account) => {
        if (account === null) return errAsync(RESIDENT_ACCOUNT_GONE);
        const updated = { ...account, secondFactor: "totp" as const, version: account.version + 1 };
        return deps.loginState
          .saveTotpEnrolment(account.id, confirmed.value)
          .andThen(() => issueRecoveryCodes(deps))
          .andThen((codes) => deps.loginState.saveRecoveryCodes(account.id, codes.stored).map(() => codes.shown))
          .andThen((shown) =>
            deps.accounts
              .update(updated, account.version)
              .andThen((written) => (written ? notifyResident(deps, updated, "totp_enrolled").map(() => ({ recoveryCodes: shown })) : errAsync(RESIDENT_ACCOUNT_GONE))),
          );
      });
    });
  };

/**
 * Switches to email codes or to no second step, after the current password. Leaving TOTP removes
 * the enrolment and the recovery codes, and the owner is told.
 */
export const chooseResidentSecondFactor =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly currentPassword: string; readonly choice: Exclude<ResidentSecondFactor, "totp"> }): ResultAsync<void, ConfirmResidentPasswordError> =>
    confirmResidentPassword(deps, input.accountId, input.currentPassword).andThen((account) => {
      if (account.secondFactor === input.choice) return okAsync(undefined);
      const updated = { ...account, secondFactor: input.choice, version: account.version + 1 };
      const leavingTotp = account.secondFactor === "totp";
      return deps.accounts.update(updated, account.version).andThen((written) => {
        if (!written) return errAsync(RESIDENT_ACCOUNT_GONE);
        if (!leavingTotp) return okAsync(undefined);
        return deps.loginState
          .saveTotpEnrolment(account.id, null)
          .andThen(() => deps.loginState.saveRecoveryCodes(account.id, []))
          .andThen(() => notifyResident(deps, updated, "totp_removed"));
      });
    });
