import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import { ResidentAccountId } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { residentLinkInvalid, type ResidentLinkInvalid } from "./resident-account.errors.ts";
import { checkResidentEmailToken } from "./resident-email-token.ts";

/**
 * Opens the verification link: the account's address is proved and it can log in. Single use: the
 * pending token is cleared in the same conditional update; a second opening (or a concurrent one
 * that lost) is {@link ResidentLinkInvalid}, as are an unknown account, a wrong or expired token.
 */
export const verifyResidentEmail =
  (deps: Pick<ResidentAccountDeps, "accounts" | "clock" | "hasher">) =>
  (input: { readonly accountId: string; readonly token: string }): ResultAsync<void, ResidentLinkInvalid | StorageError> => {
    const now = deps.clock.now();
    return deps.accounts.findById(ResidentAccountId(input.accountId)).andThen((account) => {
      if (account === null) return errAsync(residentLinkInvalid("missing"));
      const checked = checkResidentEmailToken(deps, "verify_email", account.emailVerification, input.token, now);
      if (checked.isErr()) return errAsync(residentLinkInvalid(checked.error));
      return deps.accounts
        .update({ ...account, emailVerifiedAt: now, emailVerification: null, version: account.version + 1 }, account.version)
        .andThen((written) => (written ? okAsync(undefined) : errAsync(residentLinkInvalid("raced"))));
    });
  };
