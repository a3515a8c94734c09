import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { lockoutVerdict } from "../identity/lockout/account-lockout.ts";
import { normalizeResidentEmail, ResidentAccountId } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { residentLinkInvalid, type ResidentLinkInvalid } from "./resident-account.errors.ts";
import { checkResidentEmailToken, issueResidentEmailToken } from "./resident-email-token.ts";
import { renderResidentMail } from "./resident-mails.ts";

/** Unlock links work for an hour (longer than a lock lasts would be pointless). */
export const UNLOCK_LINK_TTL_MS = 3_600_000;

/**
 * "My account is locked": answers `Ok` for every address; an account that is locked (or delayed)
 * right now gets an unlock link by mail. Asked for by the owner, so the mail is expected — unlike the
 * lock notice itself, which carries no link (links in unexpected security mail teach phishing).
 */
export const requestResidentUnlock =
  (deps: ResidentAccountDeps) =>
  (input: { readonly email: string }): ResultAsync<void, StorageError> => {
    const now = deps.clock.now();
    // Drawn on every path, as the reset request does, so the work does not depend on the address.
    const { token, pending } = issueResidentEmailToken(deps, "unlock", now, UNLOCK_LINK_TTL_MS);
    return deps.accounts.findByEmail(normalizeResidentEmail(input.email)).andThen((account) => {
      if (account === null) return okAsync(undefined);
      return deps.loginState.loadLockout(account.id).andThen((lockout) => {
        if (lockoutVerdict(lockout, now, deps.loginState.lockoutPolicy).kind === "open") return okAsync(undefined);
        return deps.accounts
          .update({ ...account, pendingUnlock: pending, version: account.version + 1 }, account.version)
          .andThen((written) =>
            written
              ? deps.queueMail(account.email, renderResidentMail(account.locale, deps.serviceName, { kind: "unlock_account", link: deps.links.unlock(account.id, token) }))
              : okAsync(undefined),
          );
      });
    });
  };

/** The audit entry of an unlock, written with the lockout reset: who unlocked (the owner or a staff member), how, from where. */
const unlockedEntry = (
  accountId: string,
  actor: AuditEntryDraft["actor"],
  change: "unlocked_by_email" | "unlocked_by_staff",
  at: Date,
  sourceIp: string | null,
): AuditEntryDraft => ({ at, actor, action: "resident.account_changed", target: { kind: "resident_account", id: accountId }, result: "success", sourceIp, details: { change } });

/**
 * Opens the unlock link (SECURITY.md: unlock by the owner through email, or by a staff administrator — see
 * {@link unlockResidentAccountByStaff}): the account's lockout starts over (as an administrator's unlock would).
 * Single use (the pending link is cleared in the same conditional update); the password is not
 * changed — the owner who did not cause the failures should change it, which the mail suggests.
 */
export const unlockResidentAccount =
  (deps: ResidentAccountDeps) =>
  (input: { readonly accountId: string; readonly token: string; readonly sourceIp: string | null }): ResultAsync<void, ResidentLinkInvalid | StorageError> => {
    const now = deps.clock.now();
    return deps.accounts.findById(ResidentAccountId(input.accountId)).andThen((account) => {
      if (account === null) return errAsync(residentLinkInvalid("missing"));
      const checked = checkResidentEmailToken(deps, "unlock", account.pendingUnlock, input.token, now);
      if (checked.isErr()) return errAsync(residentLinkInvalid(checked.error));
      return deps.accounts
        .update({ ...account, pendingUnlock: null, version: account.version + 1 }, account.version)
        .andThen((written) =>
          written
            ? // The unlock and its audit entry in one write.
              deps.loginState.resetLockout(account.id, [unlockedEntry(account.id, { kind: "resident", id: account.id }, "unlocked_by_email", now, input.sourceIp)])
            : errAsync(residentLinkInvalid("raced")),
        );
    });
  };

/** A staff administrator's unlock of a resident account found by its address; null when there is none. */
export const unlockResidentAccountByStaff =
  (deps: ResidentAccountDeps) =>
  (input: { readonly email: string; readonly staffId: string; readonly sourceIp: string | null }): ResultAsync<string | null, StorageError> =>
    deps.accounts.findByEmail(normalizeResidentEmail(input.email)).andThen((account) =>
      account === null
        ? okAsync(null)
        : // The lockout starts over with its audit entry in the same write (who: the staff member; whose: the resident).
          deps.loginState
            .resetLockout(account.id, [unlockedEntry(account.id, { kind: "staff", id: input.staffId }, "unlocked_by_staff", deps.clock.now(), input.sourceIp)])
            .map(() => account.id),
    );
