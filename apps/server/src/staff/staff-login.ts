import { errAsync, okAsync, ResultAsync } from "neverthrow";
import {
  authenticatePassword,
  authenticateTotpStep,
  confirmTotpEnrolment,
  GLOBAL_THROTTLE,
  issueRecoveryCodes,
  loadConfirmedTotp,
  loadLockout,
  lockoutVerdict,
  PER_ADDRESS_THROTTLE,
  pendingTotpEnrolment,
  putLatest,
  recordFailedAttempt,
  recordSuccessfulLogin,
  redeemRecoveryCode,
  saveTotpStep,
  STAFF_LOCKOUT_POLICY,
  failLoginStep,
  checkLoginThrottles,
  storageError,
  loginWithPasskey,
  type PasskeyRelyingParty,
  type PasskeyStore,
  loginSourceKey,
  type AccountLockoutState,
  type AuditEntryDraft,
  type AuditLogStore,
  type Hasher,
  type PasswordBlocklist,
  type PasswordRejected,
  checkNewPassword,
  issuePasswordReset,
  NO_PASSWORD_CONTEXT,
  redeemPasswordReset,
  STAFF_PASSWORD_POLICY,
  type Clock,
  type LastLogin,
  type LockoutPolicy,
  type LoginAttemptRecord,
  type LoginStateDeps,
  type LoginStateFacet,
  type LoginStateFacets,
  type LoginStateKey,
  type LoginStateStore,
  type PasswordHasher,
  type SecureRandom,
  type StaffId,
  type StaffStore,
  type InvalidCredentials,
  type StorageError,
  type TotpAuthenticator,
  type TotpProvisioning,
} from "@madoguchi/core";
import type { Logger } from "pino";
import { logAuditEntries, recordAudit } from "../audit/record-audit.ts";
import { verifyPassword } from "./password-hash.ts";

/** What the staff login needs from the composition root. */
export interface StaffLoginInput {
  readonly staff: StaffStore;
  readonly loginState: LoginStateStore;
  readonly auditLog: AuditLogStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly random: SecureRandom;
  readonly passwordHasher: PasswordHasher;
  readonly totp: TotpAuthenticator;
  /** Consecutive failures before a staff account locks (default 10). */
  readonly maxConsecutiveFailures?: number;
  /** The login message (banner) configured by the municipality, ja/en. */
  readonly loginMessage?: { readonly ja: string; readonly en: string };
  /** SHA-256 (reset tickets are stored hashed). */
  readonly hasher: Hasher;
  /** Common passwords refused for staff (NIST 800-63B blocklist). */
  readonly blocklist: PasswordBlocklist;
  /** The municipality's names, refused inside passwords. */
  readonly cityNames: readonly string[];
  /** Issuer shown in the authenticator app. */
  readonly issuer: string;
  /** Passkeys: a phishing-resistant second step instead of the TOTP code (ADR 15). */
  readonly passkeys: PasskeyStore;
  readonly passkeyRelyingParty: PasskeyRelyingParty;
}

const key = (accountId: string): LoginStateKey => ({ kind: "staff", accountId });

/**
 * The password hasher of staff logins: Argon2id, but hashes made by the walking skeleton's scrypt
 * (`scrypt$…`, password-hash.ts) still verify — once: `needsRehash` sees they are not Argon2id, so the
 * login stores an Argon2id hash in their place.
 */
const withLegacyScrypt = (argon2: PasswordHasher, argon2Decoy: string): PasswordHasher => ({
  ...argon2,
  verify: (hash, password) =>
    hash.startsWith("scrypt$")
      ? ResultAsync.fromSafePromise(verifyPassword(password, hash))
      : hash.startsWith("$argon2id$")
        ? argon2.verify(hash, password)
        : // An account awaiting set-up has no password: nothing verifies (and the work is the same).
          argon2.verify(argon2Decoy, password).map(() => false),
});

/** The staff login: password, then TOTP (mandatory; enrolled at first login), lockout and throttles persisted. */
export const createStaffLogin = async (input: StaffLoginInput) => {
  const decoy = await input.passwordHasher.hash(Buffer.from(input.random.bytes(24)).toString("base64url"));
  if (decoy.isErr()) throw new Error(`cannot start the password hasher: ${decoy.error.message}`);
  const passwordHasher = withLegacyScrypt(input.passwordHasher, decoy.value);
  const lockoutPolicy: LockoutPolicy = { ...STAFF_LOCKOUT_POLICY, maxConsecutiveFailures: input.maxConsecutiveFailures ?? STAFF_LOCKOUT_POLICY.maxConsecutiveFailures };

  /**
   * Each step's true outcome, as an audit entry; the person only ever hears "invalid". With the lockout
   * state the step wrote, the entry says whether the account is now locked, and until when.
   */
  const attemptDraft = (sourceIp: string | null, record: LoginAttemptRecord, lockout: AccountLockoutState | null): AuditEntryDraft => ({
    at: record.at,
    actor: record.accountId === null ? { kind: "anonymous", id: null } : { kind: "staff", id: record.accountId },
    action: "staff.login",
    target: null,
    result: record.outcome === "success" || record.outcome === "second_factor_required" ? "success" : "failure",
    sourceIp,
    details: { step: record.step, outcome: record.outcome, ...(lockout?.lockedUntil == null ? {} : { lockedUntil: lockout.lockedUntil.toISOString() }) },
  });
  /** A step that changed no stored state (unknown account, refused while locked, throttled, second factor due): appended directly. */
  const recordAttempt = (sourceIp: string | null) => (record: LoginAttemptRecord) =>
    ResultAsync.fromSafePromise(recordAudit(input, [attemptDraft(sourceIp, record, null)])).map(() => undefined);

  /** The entry of a member's own second-factor change (a recovery code used, TOTP enrolled), appended with that change. */
  const ownDraft = (accountId: string, sourceIp: string, action: "staff.recovery_code_used" | "staff.totp_enrolled", details: AuditEntryDraft["details"] = {}): AuditEntryDraft => ({
    at: input.clock.now(),
    actor: { kind: "staff", id: accountId },
    action,
    target: { kind: "staff_account", id: accountId },
    result: "success",
    sourceIp: sourceIp === "" ? null : sourceIp,
    details,
  });

  /** Writes a facet with audit entries in its transaction, and writes their log lines once it committed. */
  const putAudited = <F extends LoginStateFacet>(accountId: string, facet: F, value: LoginStateFacets[F], audit: readonly AuditEntryDraft[]) =>
    putLatest(input.loginState, key(accountId), facet, value, audit).map(() => logAuditEntries(input.logger, audit));

  const stateDeps = (sourceIp: string | null): LoginStateDeps => ({
    clock: input.clock,
    lockoutPolicy,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    // A counted failure (perhaps the one that locks) or a success, with its entry in the same write.
    saveLockout: (accountId, state, attempt) => putAudited(accountId, "lockout", state, attempt === null ? [] : [attemptDraft(sourceIp, attempt, state)]),
    loadThrottle: (k) => input.loginState.loadThrottle(k),
    saveThrottle: (k, b) => input.loginState.saveThrottle(k, b),
    recordAttempt: recordAttempt(sourceIp),
  });

  /**
   * The frame of a second step other than the TOTP code (recovery code, passkey): throttles, then the
   * account's lockout, then `check`; `wrong()` counts a failure like a wrong code (lockout, throttles,
   * audit) and answers INVALID_CREDENTIALS; a passed check resets the lockout and is audited.
   */
  const secondFactorStep = <T>(
    accountId: string,
    sourceIp: string,
    step: "totp" | "passkey",
    check: (now: Date, wrong: () => ResultAsync<never, InvalidCredentials | StorageError>) => ResultAsync<T, InvalidCredentials | StorageError>,
  ) => {
    const deps = stateDeps(sourceIp);
    const now = input.clock.now();
    const source = loginSourceKey(sourceIp);
    const attempt = { now, source, step, accountId };
    return checkLoginThrottles(deps, source, now, step, accountId)
      .andThen(() => loadLockout(input.loginState, key(accountId)))
      .andThen((lockout) => {
        const verdict = lockoutVerdict(lockout, now, lockoutPolicy);
        if (verdict.kind !== "open") return failLoginStep(deps, attempt, verdict.kind, null);
        return check(now, () => failLoginStep(deps, attempt, "wrong_second_factor", recordFailedAttempt(lockout, now, lockoutPolicy))).andThen((passed) =>
          deps.saveLockout(accountId, recordSuccessfulLogin(), { at: now, step, accountId, source, outcome: "success" }).map(() => passed),
        );
      });
  };

  return {
    lockoutPolicy,
    loginMessage: input.loginMessage ?? { ja: "", en: "" },
    /** The password step. `totpDue`: the account has a confirmed TOTP (else it must enrol now). */
    password: (loginId: string, password: string, sourceIp: string) =>
      authenticatePassword({
        ...stateDeps(sourceIp),
        passwordHasher,
        decoyHash: decoy.value,
        findAccount: (id) =>
          input.staff.findByLoginId(id).andThen((account) =>
            account === null
              ? okAsync(null)
              : loadLockout(input.loginState, key(account.id)).andThen((lockout) =>
                  input.loginState.get(key(account.id), "disabled").map((disabled) => ({
                    accountId: account.id,
                    passwordHash: account.passwordHash,
                    // A disabled account is refused exactly like a locked one (same answer, same work).
                    lockout: disabled === null ? lockout : { ...lockout, lockedUntil: new Date(8.64e15) },
                    requiresSecondFactor: true,
                  })),
                ),
          ),
      })({ loginId, password, sourceAddress: sourceIp }).andThen((accepted) =>
        (accepted.newPasswordHash === null ? okAsync(true) : input.staff.updatePasswordHash(accepted.accountId as StaffId, accepted.newPasswordHash))
          .andThen(() => loadConfirmedTotp(input.loginState, key(accepted.accountId)))
          .map((totp) => ({ accountId: accepted.accountId, enrolled: totp !== null })),
      ),

    /** The TOTP step (also the step-up check). */
    totpCode: (accountId: string, code: string, sourceIp: string) =>
      authenticateTotpStep({
        ...stateDeps(sourceIp),
        totp: input.totp,
        loadTotpAccount: (id) =>
          loadLockout(input.loginState, key(id)).andThen((lockout) => loadConfirmedTotp(input.loginState, key(id)).map((enrolment) => ({ lockout, enrolment }))),
        saveTotpStep: (id, previous, enrolment) => saveTotpStep(input.loginState, key(id), previous, enrolment),
      })({ accountId, code, sourceAddress: sourceIp }),

    /** A recovery code instead of TOTP: single use, under the same lockout and throttles; its use is audited with the used-up list. */
    recoveryCode: (accountId: string, typed: string, sourceIp: string) =>
      secondFactorStep(accountId, sourceIp, "totp", (now, wrong) =>
        input.loginState.get(key(accountId), "recovery_codes").andThen((stored) =>
          redeemRecoveryCode({ passwordHasher: input.passwordHasher }, { stored: stored?.value ?? [], typed, now })
            .orElse(wrong)
            .andThen((updated) => {
              // Conditional on the list read: a code used twice at once lets one login in (and only its use is audited).
              const left = updated.filter((c) => c.usedAt === null).length;
              const used = [ownDraft(accountId, sourceIp, "staff.recovery_code_used", { left })];
              return input.loginState
                .put(key(accountId), "recovery_codes", updated, stored?.version ?? null, used)
                .andThen((won) => (won === null ? wrong() : okAsync({ accountId, recoveryCodesLeft: left })))
                .map((passed) => {
                  logAuditEntries(input.logger, used);
                  return passed;
                });
            }),
        ),
      ),

    /**
     * A passkey instead of the TOTP code: the answer to a challenge bound to the pending session,
     * under the same throttles and lockout; a failure counts like a wrong code. The use is stored
     * against the counter that was read, so one assertion cannot complete two logins.
     */
    passkey: (accountId: string, response: unknown, expectedChallenge: string, sourceIp: string) =>
      secondFactorStep(accountId, sourceIp, "passkey", (now, wrong) =>
        loginWithPasskey(input)({ owner: { kind: "staff", accountId }, response, expectedChallenge, now })
          .map((used) => ({ accountId, label: used.label }))
          .orElse((e) => (e._tag === "PasskeyRejected" ? wrong() : errAsync(e._tag === "StorageError" ? e : storageError("staff-login.passkey", "unavailable", e.message)))),
      ),

    /** Starts (or restarts) the TOTP enrolment of an account that has none: a new secret, its QR code. */
    startEnrolment: (accountId: string, accountName: string): ResultAsync<{ readonly secret: string } & TotpProvisioning, StorageError | { readonly _tag: "TotpError" }> =>
      loadConfirmedTotp(input.loginState, key(accountId)).andThen((confirmed) => {
        if (confirmed !== null) return errAsync({ _tag: "TotpError" as const });
        const secret = input.totp.generateSecret();
        return putLatest(input.loginState, key(accountId), "totp", pendingTotpEnrolment(secret))
          .andThen(() => input.totp.provisioning(secret, { issuer: input.issuer, accountName }))
          .map((p) => ({ secret, ...p }));
      }),

    /**
     * Confirms the enrolment with a first code (wrong codes count against the lockout like a wrong
     * TOTP), then issues the recovery codes (their hashes stored; the codes shown once).
     */
    confirmEnrolment: (accountId: string, code: string, sourceIp: string) => {
      const deps = stateDeps(sourceIp);
      const now = input.clock.now();
      const source = loginSourceKey(sourceIp);
      const attempt = { now, source, step: "totp" as const, accountId };
      return checkLoginThrottles(deps, source, now, "totp", accountId)
        .andThen(() => loadLockout(input.loginState, key(accountId)))
        .andThen((lockout) => {
          const verdict = lockoutVerdict(lockout, now, lockoutPolicy);
          if (verdict.kind !== "open") return failLoginStep(deps, attempt, verdict.kind, null);
          const failed = recordFailedAttempt(lockout, now, lockoutPolicy);
          return input.loginState.get(key(accountId), "totp").andThen((stored) => {
            if (stored === null || stored.value.confirmedAt !== null) return failLoginStep(deps, attempt, "wrong_second_factor", failed);
            const confirmed = confirmTotpEnrolment(input.totp, { enrolment: stored.value, code, now });
            if (confirmed.isErr()) return failLoginStep(deps, attempt, "wrong_second_factor", failed);
            const enrolled = [ownDraft(accountId, sourceIp, "staff.totp_enrolled")];
            return input.loginState.put(key(accountId), "totp", confirmed.value, stored.version, enrolled).andThen((won) => {
              if (won === null) return failLoginStep(deps, attempt, "wrong_second_factor", failed);
              logAuditEntries(input.logger, enrolled);
              return issueRecoveryCodes({ random: input.random, passwordHasher: input.passwordHasher })
                .mapErr((e): StorageError => ({ _tag: "StorageError", reason: "unknown", operation: "staff-login.recoveryCodes", retryable: false, message: e.message }))
                .andThen((codes) => putLatest(input.loginState, key(accountId), "recovery_codes", codes.stored).map(() => codes.shown))
                .andThen((shown) =>
                  deps
                    .saveLockout(accountId, recordSuccessfulLogin(), { at: now, step: "totp", accountId, source, outcome: "success" })
                    .map(() => ({ accountId, recoveryCodes: shown })),
                );
            }            );
          });
        });
    },

    /** Records a sign-out as the last one (S2: shown at the next login). */
    rememberLogout: (accountId: string): ResultAsync<void, StorageError> => putLatest(input.loginState, key(accountId), "last_logout", { at: input.clock.now() }).map(() => undefined),

    /** The last sign-out, or `null` when the member never signed out (a session that only timed out is none). */
    lastLogout: (accountId: string): ResultAsync<Date | null, StorageError> => input.loginState.get(key(accountId), "last_logout").map((v) => v?.value.at ?? null),

    /** Records this login as the last one and answers the previous (shown to the person). */
    rememberLogin: (accountId: string, sourceIp: string | null): ResultAsync<LastLogin | null, StorageError> =>
      input.loginState
        .get(key(accountId), "last_login")
        .andThen((previous) => putLatest(input.loginState, key(accountId), "last_login", { at: input.clock.now(), sourceIp }).map(() => previous?.value ?? null)),

    /**
     * A set-up or reset link for an account (administrator): a single-use ticket valid 30 minutes,
     * stored as a hash; the token goes into the mailed link only. The administrator never sets a password.
     */
    issueSetupTicket: (accountId: string, audit: readonly AuditEntryDraft[] = []) => {
      const { token, ticket } = issuePasswordReset({ random: input.random, hasher: input.hasher }, { accountId, now: input.clock.now(), requestedBy: "administrator" });
      return putAudited(accountId, "password_reset", ticket, audit).map(() => token);
    },

    /**
     * Sets the password from a set-up/reset link: the ticket must match, be unused and unexpired; an
     * account with TOTP must give a valid code too (a reset never bypasses the second factor). The
     * ticket is used up conditionally (one use even when two requests race); all sessions end. `audit` is
     * appended with the new password hash, in its transaction.
     */
    setPasswordFromLink: (accountId: string, token: string, newPassword: string, totpCode: string | null, sourceIp: string, audit: readonly AuditEntryDraft[] = []) =>
      input.loginState.get(key(accountId), "password_reset").andThen((stored): ResultAsync<void, SetPasswordError> => {
        const now = input.clock.now();
        if (stored === null) return errAsync({ _tag: "LinkInvalid" as const });
        return loadConfirmedTotp(input.loginState, key(accountId)).andThen((totp): ResultAsync<void, SetPasswordError> => {
          const secondFactor: ResultAsync<boolean, SetPasswordError> =
            totp === null || totpCode === null
              ? okAsync(false)
              : authenticateTotpStep({
                  ...stateDeps(sourceIp),
                  totp: input.totp,
                  loadTotpAccount: (id) => loadLockout(input.loginState, key(id)).map((lockout) => ({ lockout, enrolment: totp })),
                  saveTotpStep: (id, previous, enrolment) => saveTotpStep(input.loginState, key(id), previous, enrolment),
                })({ accountId, code: totpCode, sourceAddress: sourceIp }).map(() => true).orElse(() => okAsync(false));
          return secondFactor.andThen((verified): ResultAsync<void, SetPasswordError> => {
            const redeemed = redeemPasswordReset({ hasher: input.hasher }, stored.value, { token, now, requiresSecondFactor: totp !== null, secondFactorVerified: verified });
            if (redeemed.isErr()) return errAsync({ _tag: "LinkInvalid" as const, reason: redeemed.error.reason });
            const checked = checkNewPassword(newPassword, { policy: STAFF_PASSWORD_POLICY, blocklist: input.blocklist, context: { ...NO_PASSWORD_CONTEXT, cityNames: input.cityNames, serviceNames: ["madoguchi", "窓口"], userId: null } });
            if (checked.isErr()) return errAsync(checked.error);
            return input.passwordHasher
              .hash(checked.value)
              .mapErr((): SetPasswordError => ({ _tag: "StorageError" }))
              .andThen((hash) =>
                input.loginState.put(key(accountId), "password_reset", redeemed.value, stored.version).andThen((won): ResultAsync<void, SetPasswordError> =>
                  won === null
                    ? errAsync({ _tag: "LinkInvalid" as const })
                    : input.staff
                        .updatePasswordHash(accountId as StaffId, hash, audit)
                        .map(() => logAuditEntries(input.logger, audit))
                        .andThen(() => putLatest(input.loginState, key(accountId), "lockout", recordSuccessfulLogin())),
                ),
              );
          });
        });
      }),

    /** What the admin page shows of an account: locked now, disabled, TOTP enrolled, password set. */
    accountState: (accountId: string) =>
      loadLockout(input.loginState, key(accountId)).andThen((lockout) =>
        input.loginState.get(key(accountId), "disabled").andThen((disabled) =>
          loadConfirmedTotp(input.loginState, key(accountId)).map((totp) => ({
            locked: lockoutVerdict(lockout, input.clock.now(), lockoutPolicy).kind === "locked",
            disabled: disabled !== null,
            totpEnrolled: totp !== null,
          })),
        ),
      ),

    /** Disables (administrator): no more logins; the caller ends the sessions. `audit` goes with the write. */
    disable: (accountId: string, by: string, audit: readonly AuditEntryDraft[] = []) => putAudited(accountId, "disabled", { at: input.clock.now(), by }, audit),
    /** Enables a disabled account again. Answers whether it was disabled; `audit` is appended with the change, so only then. */
    enable: (accountId: string, audit: readonly AuditEntryDraft[] = []) =>
      input.loginState.delete(key(accountId), "disabled", audit).map((changed) => {
        if (changed) logAuditEntries(input.logger, audit);
        return changed;
      }),

    /** Unlocks an account (administrator). `audit` goes with the write. */
    unlock: (accountId: string, audit: readonly AuditEntryDraft[] = []) => putAudited(accountId, "lockout", recordSuccessfulLogin(), audit),
  };
};

export type StaffLogin = Awaited<ReturnType<typeof createStaffLogin>>;

/** Why a password could not be set from a link (a link problem is always shown alike). */
export type SetPasswordError = { readonly _tag: "LinkInvalid"; readonly reason?: string } | PasswordRejected | { readonly _tag: "StorageError" };
