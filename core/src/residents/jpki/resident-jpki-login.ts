import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { ResidentAccountDeps } from "../resident-account.deps.ts";
import { notifyResident } from "../notify-resident.ts";
import type { Clock } from "../../shared/clock.port.ts";
import type { Hasher } from "../../shared/hasher.port.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import { lockoutVerdict } from "../../identity/lockout/account-lockout.ts";
import type { LockoutPolicy } from "../../identity/lockout/lockout-policy.ts";
import { ResidentAccountId } from "../resident-account.ts";
import type { ResidentAccountStore } from "../resident-account-store.port.ts";
import type { ResidentLoginState } from "../resident-account.deps.ts";
import { jpkiIdentityKey, type JpkiLoginIdentity, type ResidentJpkiLink } from "./resident-jpki-link.ts";
import type { ResidentJpkiLinkStore } from "./resident-jpki-link-store.port.ts";

/** Dependencies of the JPKI login use cases. */
export interface ResidentJpkiDeps {
  readonly clock: Clock;
  readonly hasher: Hasher;
  readonly accounts: ResidentAccountStore;
  readonly links: ResidentJpkiLinkStore;
  readonly loginState: Pick<ResidentLoginState, "loadLockout">;
  readonly lockoutPolicy: LockoutPolicy;
}

/**
 * A JPKI login was refused; `reason` is for the audit log, the resident hears one message per case
 * the server chooses to tell apart (not linked yet is told: only the card's holder gets that far).
 */
export interface ResidentJpkiLoginRefused {
  readonly _tag: "ResidentJpkiLoginRefused";
  readonly code: "resident.jpki_login_refused";
  readonly reason: "not_linked" | "account_gone" | "email_not_verified" | "locked";
}

/** The card is linked to another account already. */
export interface ResidentJpkiLinkedElsewhere {
  readonly _tag: "ResidentJpkiLinkedElsewhere";
  readonly code: "resident.jpki_linked_elsewhere";
}

const refused = (reason: ResidentJpkiLoginRefused["reason"]): ResidentJpkiLoginRefused => ({
  _tag: "ResidentJpkiLoginRefused",
  code: "resident.jpki_login_refused",
  reason,
});

/**
 * Links a verified card to the logged-in resident's account. Linking the same card to the same
 * account again answers the existing link (`created: false`); a card linked to another account is
 * refused — the other account's holder must unlink it first.
 */
export const linkResidentJpki =
  (deps: Pick<ResidentJpkiDeps, "clock" | "hasher" | "links">) =>
  (input: { readonly accountId: string; readonly identity: JpkiLoginIdentity }): ResultAsync<{ readonly link: ResidentJpkiLink; readonly created: boolean }, ResidentJpkiLinkedElsewhere | StorageError> => {
    const key = jpkiIdentityKey(deps.hasher, input.identity);
    return deps.links.findByKey(key).andThen((found): ResultAsync<{ link: ResidentJpkiLink; created: boolean }, ResidentJpkiLinkedElsewhere | StorageError> => {
      if (found !== null) {
        return found.accountId === input.accountId
          ? okAsync({ link: found.link, created: false })
          : errAsync({ _tag: "ResidentJpkiLinkedElsewhere", code: "resident.jpki_linked_elsewhere" });
      }
      const link: ResidentJpkiLink = { key, method: input.identity.method, linkedAt: deps.clock.now() };
      return deps.links
        .add(input.accountId, link)
        .map(() => ({ link, created: true }))
        .orElse((error) =>
          error.reason === "conflict"
            ? errAsync<{ link: ResidentJpkiLink; created: boolean }, ResidentJpkiLinkedElsewhere | StorageError>({ _tag: "ResidentJpkiLinkedElsewhere", code: "resident.jpki_linked_elsewhere" })
            : errAsync(error),
        );
    });
  };

/**
 * A JPKI login: the verified card opens the account it is linked to. The card is possession plus its
 * PIN (the app's or the card's), i.e. two factors on its own, so no password or second step follows.
 * The account must still exist with a verified address and must not be locked: a lock stops every
 * way in, until the owner unlocks it by mail or the lock runs out.
 */
export const loginResidentWithJpki =
  (deps: ResidentJpkiDeps) =>
  (identity: JpkiLoginIdentity): ResultAsync<ResidentAccountId, ResidentJpkiLoginRefused | StorageError> =>
    deps.links.findByKey(jpkiIdentityKey(deps.hasher, identity)).andThen((found) => {
      if (found === null) return errAsync(refused("not_linked"));
      return deps.accounts.findById(ResidentAccountId(found.accountId)).andThen((account) => {
        if (account === null) return errAsync(refused("account_gone"));
        if (account.emailVerifiedAt === null) return errAsync(refused("email_not_verified"));
        return deps.loginState.loadLockout(account.id).andThen((lockout) =>
          lockoutVerdict(lockout, deps.clock.now(), deps.lockoutPolicy).kind === "locked" ? errAsync(refused("locked")) : okAsync(account.id),
        );
      });
    });

/** Unlinks one of the account's cards; `false` when it has no such link. */
export const unlinkResidentJpki =
  (deps: Pick<ResidentJpkiDeps, "links">) =>
  (input: { readonly accountId: string; readonly key: string }): ResultAsync<boolean, StorageError> =>
    deps.links.remove(input.accountId, input.key);

/**
 * Mails the owner that a card was linked or unlinked (ASVS V6 notice: a new way in is what a takeover
 * adds to stay in). No link and no card details in the mail.
 */
export const noticeResidentJpkiChange =
  (deps: Pick<ResidentAccountDeps, "accounts" | "queueMail" | "clock" | "serviceName">) =>
  (accountId: string, change: "jpki_linked" | "jpki_unlinked"): ResultAsync<void, StorageError> =>
    deps.accounts.findById(ResidentAccountId(accountId)).andThen((account) => (account === null ? okAsync(undefined) : notifyResident(deps, account, change)));
