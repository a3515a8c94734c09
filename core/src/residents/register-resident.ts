import { errAsync, type ResultAsync } from "neverthrow";
import type { Locale } from "../shared/localized.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { checkNewPassword } from "../identity/passwords/check-new-password.ts";
import type { PasswordHashingError } from "../identity/passwords/password-hasher.port.ts";
import type { PasswordRejected } from "../identity/passwords/password-rejection.ts";
import { isPlausibleEmail, normalizeResidentEmail, ResidentAccountId, type ResidentAccount } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";
import { RESIDENT_EMAIL_INVALID, type ResidentEmailInvalid } from "./resident-account.errors.ts";
import { EMAIL_VERIFICATION_TTL_MS, issueResidentEmailToken } from "./resident-email-token.ts";
import { renderResidentMail } from "./resident-mails.ts";

/** Errors of {@link registerResident}: only ones that do not depend on whether the address is taken. */
export type RegisterResidentError = ResidentEmailInvalid | PasswordRejected | StorageError | PasswordHashingError;

/** The password context of a resident: the service's and city's names, and their own address. */
export const residentPasswordRules = (deps: Pick<ResidentAccountDeps, "passwordRules">, email: string) => ({
  policy: deps.passwordRules.policy,
  blocklist: deps.passwordRules.blocklist,
  context: { cityNames: deps.passwordRules.cityNames, serviceNames: deps.passwordRules.serviceNames, userId: null, email },
});

/**
 * Registration (R3). Answers the same `Ok` whether or not the address is taken, after the same work
 * (the password is checked and hashed on both paths, and exactly one mail is queued): a new address
 * gets an account — not usable until the emailed link is opened — and a verification mail; a taken
 * address gets a mail saying so and nothing is created (ASVS 5.0 V6: no enumeration by registration).
 * A race between two registrations of one new address ends the same way: the store's unique blind
 * index refuses the second insert, and its owner is told by mail.
 */
export const registerResident =
  (deps: ResidentAccountDeps) =>
  (input: { readonly email: string; readonly password: string; readonly locale: Locale }): ResultAsync<void, RegisterResidentError> => {
    const email = normalizeResidentEmail(input.email);
    if (!isPlausibleEmail(email)) return errAsync(RESIDENT_EMAIL_INVALID);
    const password = checkNewPassword(input.password, residentPasswordRules(deps, email));
    if (password.isErr()) return errAsync(password.error);
    const now = deps.clock.now();
    const alreadyRegistered = () =>
      deps.queueMail(email, renderResidentMail(input.locale, deps.serviceName, { kind: "already_registered", loginLink: deps.links.login() }));

    return deps.passwordHasher.hash(password.value).andThen((passwordHash) =>
      deps.accounts.findByEmail(email).andThen((existing): ResultAsync<void, RegisterResidentError> => {
        if (existing !== null) return alreadyRegistered();
        const { token, pending } = issueResidentEmailToken(deps, "verify_email", now, EMAIL_VERIFICATION_TTL_MS);
        const account: ResidentAccount = {
          id: ResidentAccountId(deps.ids.uuid()),
          email,
          passwordHash,
          emailVerifiedAt: null,
          emailVerification: pending,
          pendingEmailChange: null,
          pendingUnlock: null,
          // Email codes by default: a second step every resident can use without installing anything.
          secondFactor: "email_code",
          locale: input.locale,
          createdAt: now,
          version: 1,
        };
        return deps.accounts
          .insert(account)
          .andThen(() => deps.queueMail(email, renderResidentMail(input.locale, deps.serviceName, { kind: "verify_email", link: deps.links.verifyEmail(account.id, token) })))
          .orElse((e) => (e._tag === "StorageError" && e.reason === "conflict" ? alreadyRegistered() : errAsync(e)));
      }),
    );
  };

