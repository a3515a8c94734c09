import { errAsync, type ResultAsync } from "neverthrow";
import { checkNewPassword } from "../identity/passwords/check-new-password.ts";
import type { PasswordRejected } from "../identity/passwords/password-rejection.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_ACCOUNT_GONE } from "./resident-account.errors.ts";
import { confirmResidentPassword, type ConfirmResidentPasswordError } from "./confirm-resident-password.ts";
import { notifyResident } from "./notify-resident.ts";
import { residentPasswordRules } from "./register-resident.ts";

/** Changes the password of a logged-in resident after re-asking the current one; the owner is told by mail. */
export const changeResidentPassword =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly currentPassword: string; readonly newPassword: string }): ResultAsync<void, ConfirmResidentPasswordError | PasswordRejected> =>
    confirmResidentPassword(deps, input.accountId, input.currentPassword).andThen((account) => {
      const password = checkNewPassword(input.newPassword, residentPasswordRules(deps, account.email));
      if (password.isErr()) return errAsync(password.error);
      return deps.passwordHasher.hash(password.value).andThen((passwordHash) => {
        const updated = { ...account, passwordHash, version: account.version + 1 };
        return deps.accounts.update(updated, account.version).andThen((written) => (written ? notifyResident(deps, updated, "password_changed") : errAsync(RESIDENT_ACCOUNT_GONE)));
      });
    });
