import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuthenticateTotpStepError } from "../identity/login/authenticate-totp-step.ts";
import { checkNewPassword } from "../identity/passwords/check-new-password.ts";
import type { PasswordHashingError } from "../identity/passwords/password-hasher.port.ts";
import type { PasswordRejected } from "../identity/passwords/password-rejection.ts";
import { redeemPasswordReset } from "../identity/password-reset/password-reset-ticket.ts";
import { requestPasswordReset } from "../identity/password-reset/request-password-reset.ts";
import { normalizeResidentEmail, ResidentAccountId } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { residentLinkInvalid, type ResidentLinkInvalid } from "./resident-account.errors.ts";
import { finishResidentLoginWithTotp } from "./login-resident.ts";
import { notifyResident } from "./notify-resident.ts";
import { residentPasswordRules } from "./register-resident.ts";
import { renderResidentMail } from "./resident-mails.ts";

/**
 * "Forgot my password" for residents, on `requestPasswordReset`: `Ok` whether or not the address
 * belongs to an account; a known address gets a link (30 minutes, once) naming the account id and a
 * 258-bit token, of which only the hash is stored in the login state.
 */
export const requestResidentPasswordReset =
  (deps: ResidentAccountDeps) =>
  (input: { readonly email: string }): ResultAsync<void, StorageError> =>
    requestPasswordReset({
      clock: deps.clock,
      random: deps.random,
      hasher: deps.hasher,
      findAccountIdByEmail: (email) => deps.accounts.findByEmail(normalizeResidentEmail(email)).map((a) => a?.id ?? null),
      saveTicketAndQueueEmail: (ticket, token) =>
        deps.accounts.findById(ResidentAccountId(ticket.accountId)).andThen((account) =>
          account === null
            ? okAsync(undefined)
            : deps.loginState
                .saveResetTicket(ticket)
                .andThen(() =>
                  deps.queueMail(account.email, renderResidentMail(account.locale, deps.serviceName, { kind: "reset_password", link: deps.links.resetPassword(account.id, token) })),
                ),
        ),
    })(input);

/** Errors of {@link completeResidentPasswordReset}. */
export type CompleteResidentPasswordResetError = ResidentLinkInvalid | PasswordRejected | PasswordHashingError | StorageError | AuthenticateTotpStepError;

/**
 * Sets a new password through the emailed link. Never bypasses the second factor: an account with
 * TOTP must give a valid code in the same request (checked by the login's TOTP step, so wrong codes
 * count towards the lockout); without it the ticket is refused and not used up. For an account with
 * email codes the link itself is the proof of the mailbox the code would go to, so nothing is added.
 * Order: link (no side effect), new password rules, TOTP, then the ticket is used up (compare-and-set)
 * and the hash stored. The address counts as verified afterwards (the link proved it); the owner is
 * told by mail.
 */
export const completeResidentPasswordReset =
  (deps: ResidentAccountDeps) =>
  (input: {
    readonly accountId: string;
    readonly token: string;
    readonly newPassword: string;
    readonly totpCode: string | null;
    readonly sourceAddress: string;
  }): ResultAsync<void, CompleteResidentPasswordResetError> => {
    const now = deps.clock.now();
    return deps.accounts.findById(ResidentAccountId(input.accountId)).andThen((account) => {
      if (account === null) return errAsync(residentLinkInvalid("missing"));
      return deps.loginState.loadResetTicket(account.id).andThen((ticket): ResultAsync<void, CompleteResidentPasswordResetError> => {
        if (ticket === null) return errAsync(residentLinkInvalid("missing"));
        const requiresSecondFactor = account.secondFactor === "totp";
        const linkOnly = redeemPasswordReset(deps, ticket, { token: input.token, now, requiresSecondFactor: false, secondFactorVerified: false });
        if (linkOnly.isErr()) return errAsync(residentLinkInvalid(linkOnly.error.reason === "mismatch" ? "mismatch" : linkOnly.error.reason === "expired" ? "expired" : "used"));
        const password = checkNewPassword(input.newPassword, residentPasswordRules(deps, account.email));
        if (password.isErr()) return errAsync(password.error);
        const secondFactor: ResultAsync<boolean, CompleteResidentPasswordResetError> = !requiresSecondFactor
          ? okAsync(false)
          : input.totpCode === null
            ? errAsync(residentLinkInvalid("second_factor_required"))
            : finishResidentLoginWithTotp(deps)({ accountId: account.id, code: input.totpCode, sourceAddress: input.sourceAddress }).map(() => true);
        return secondFactor.andThen((verified) => {
          const redeemed = redeemPasswordReset(deps, ticket, { token: input.token, now, requiresSecondFactor, secondFactorVerified: verified });
          if (redeemed.isErr()) return errAsync(residentLinkInvalid(redeemed.error.reason === "second_factor_required" ? "second_factor_required" : "used"));
          return deps.passwordHasher.hash(password.value).andThen((passwordHash) =>
            deps.loginState.useResetTicket(redeemed.value).andThen((won) => {
              if (!won) return errAsync(residentLinkInvalid("used"));
              const updated = { ...account, passwordHash, emailVerifiedAt: account.emailVerifiedAt ?? now, emailVerification: null, version: account.version + 1 };
              return deps.accounts
                .update(updated, account.version)
                .andThen((written) => (written ? notifyResident(deps, updated, "password_changed") : errAsync(residentLinkInvalid("raced"))));
            }),
          );
        });
      });
    });
  };
