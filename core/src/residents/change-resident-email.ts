import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import { isPlausibleEmail, normalizeResidentEmail, ResidentAccountId } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_ACCOUNT_GONE, RESIDENT_EMAIL_INVALID, residentLinkInvalid, type ResidentEmailInvalid, type ResidentLinkInvalid } from "./resident-account.errors.ts";
import { confirmResidentPassword, type ConfirmResidentPasswordError } from "./confirm-resident-password.ts";
import { EMAIL_VERIFICATION_TTL_MS, checkResidentEmailToken, issueResidentEmailToken } from "./resident-email-token.ts";
import { notifyResident } from "./notify-resident.ts";
import { renderResidentMail } from "./resident-mails.ts";

/**
 * Starts a change of address: after the current password, the new address gets a confirmation link
 * and nothing changes until it is opened. If the new address belongs to another account the answer
 * is the same and that address is told it is already registered.
 */
export const requestResidentEmailChange =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly currentPassword: string; readonly newEmail: string }): ResultAsync<void, ConfirmResidentPasswordError | ResidentEmailInvalid> => {
    const email = normalizeResidentEmail(input.newEmail);
    if (!isPlausibleEmail(email)) return errAsync(RESIDENT_EMAIL_INVALID);
    return confirmResidentPassword(deps, input.accountId, input.currentPassword).andThen((account) =>
      deps.accounts.findByEmail(email).andThen((other): ResultAsync<void, ConfirmResidentPasswordError> => {
        if (other !== null) {
          return deps.queueMail(email, renderResidentMail(account.locale, deps.serviceName, { kind: "already_registered", loginLink: deps.links.login() }));
        }
        const { token, pending } = issueResidentEmailToken(deps, "change_email", deps.clock.now(), EMAIL_VERIFICATION_TTL_MS);
        return deps.accounts
          .update({ ...account, pendingEmailChange: { ...pending, email }, version: account.version + 1 }, account.version)
          .andThen((written) =>
            written
              ? deps.queueMail(email, renderResidentMail(account.locale, deps.serviceName, { kind: "confirm_email_change", link: deps.links.confirmEmailChange(account.id, token) }))
              : errAsync(RESIDENT_ACCOUNT_GONE),
          );
      }),
    );
  };

/**
 * Opens the confirmation link of an address change: the new address replaces the old one (single
 * use: the pending change is cleared in the same conditional update), and both addresses are told.
 * If another account took the address meanwhile, the store refuses it and the link is invalid.
 */
export const confirmResidentEmailChange =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly token: string }): ResultAsync<void, ResidentLinkInvalid | StorageError> => {
    const now = deps.clock.now();
    return deps.accounts.findById(ResidentAccountId(input.accountId)).andThen((account) => {
      if (account === null) return errAsync(residentLinkInvalid("missing"));
      const pending = account.pendingEmailChange;
      const checked = checkResidentEmailToken(deps, "change_email", pending, input.token, now);
      if (checked.isErr() || pending === null) return errAsync(residentLinkInvalid(checked.isErr() ? checked.error : "missing"));
      const updated = { ...account, email: pending.email, emailVerifiedAt: now, pendingEmailChange: null, version: account.version + 1 };
      return deps.accounts
        .update(updated, account.version)
        .orElse((e) => (e.reason === "conflict" ? okAsync(false) : errAsync(e)))
        .andThen((written) =>
          written
            ? notifyResident(deps, updated, "email_changed", account.email).andThen(() => notifyResident(deps, updated, "email_changed"))
            : errAsync(residentLinkInvalid("raced")),
        );
    });
  };
