import { okAsync } from "neverthrow";
import {
  GLOBAL_THROTTLE,
  PER_ADDRESS_THROTTLE,
  RESIDENT_LOCKOUT_POLICY,
  UNLOCKED_ACCOUNT,
  type AccountLockoutState,
  type Clock,
  type EmailCodeChallenge,
  type LoginAttemptRecord,
  type PasswordResetTicket,
  type ResidentLoginState,
  type StorageError,
  type StoredRecoveryCode,
  type ThrottleBucket,
  type TotpEnrolment,
} from "@madoguchi/core";
import type { ResultAsync } from "neverthrow";

/**
 * Residents' login state in process memory — the interim until the shared login-state port
 * (`login-state-store@1`, keyed `("resident", id)`) is wired here through core's
 * `residentLoginState`. Lost at restart: a restart unlocks accounts and voids pending codes and reset
 * links (never the reverse), and TOTP enrolments would be lost, which is why this is not for production.
 */
export const createMemoryResidentLoginState = (
  clock: Clock,
  recordAttempt: (record: LoginAttemptRecord) => ResultAsync<void, StorageError>,
): ResidentLoginState => {
  const lockouts = new Map<string, AccountLockoutState>();
  const throttles = new Map<string, ThrottleBucket>();
  const totp = new Map<string, TotpEnrolment>();
  const recovery = new Map<string, readonly StoredRecoveryCode[]>();
  const challenges = new Map<string, EmailCodeChallenge>();
  const tickets = new Map<string, PasswordResetTicket>();
  const done = okAsync<void, StorageError>(undefined);
  return {
    clock,
    lockoutPolicy: RESIDENT_LOCKOUT_POLICY,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    recordAttempt,
    loadThrottle: (key) => okAsync(throttles.get(key) ?? null),
    saveThrottle: (key, bucket) => (throttles.set(key, bucket), done),
    saveLockout: (id, state) => (lockouts.set(id, state), done),
    loadLockout: (id) => okAsync(lockouts.get(id) ?? UNLOCKED_ACCOUNT),
    loadTotpEnrolment: (id) => okAsync(totp.get(id) ?? null),
    saveTotpEnrolment: (id, enrolment) => (enrolment === null ? totp.delete(id) : totp.set(id, enrolment), done),
    saveTotpStep: (id, previousStep, enrolment) => {
      const current = totp.get(id);
      if (current === undefined || current.lastUsedStep !== previousStep) return okAsync(false);
      totp.set(id, enrolment);
      return okAsync(true);
    },
    loadRecoveryCodes: (id) => okAsync(recovery.get(id) ?? []),
    saveRecoveryCodes: (id, codes) => (recovery.set(id, codes), done),
    loadEmailCodeChallenge: (id) => okAsync(challenges.get(id) ?? null),
    replaceEmailCodeChallenge: (id, challenge) => (challenges.set(id, challenge), done),
    saveEmailCodeChallenge: (id, challenge) => {
      const current = challenges.get(id);
      if (current === undefined || current.consumedAt !== null || current.attemptId !== challenge.attemptId) return okAsync(false);
      challenges.set(id, challenge);
      return okAsync(true);
    },
    loadResetTicket: (id) => okAsync(tickets.get(id) ?? null),
    saveResetTicket: (ticket) => (tickets.set(ticket.accountId, ticket), done),
    useResetTicket: (ticket) => {
      const current = tickets.get(ticket.accountId);
      if (current === undefined || current.usedAt !== null || current.tokenHash !== ticket.tokenHash) return okAsync(false);
      tickets.set(ticket.accountId, ticket);
      return okAsync(true);
    },
  };
};
