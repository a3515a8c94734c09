/** In-memory login state for core's use-case tests: accounts, lockouts, throttles, audit records. */
import { okAsync } from "neverthrow";
import {
  GLOBAL_THROTTLE,
  PER_ADDRESS_THROTTLE,
  STAFF_LOCKOUT_POLICY,
  UNLOCKED_ACCOUNT,
  type AccountLockoutState,
  type AuthenticatePasswordDeps,
  type AuthenticateEmailCodeStepDeps,
  type AuthenticateTotpStepDeps,
  type EmailCodeChallenge,
  type Hasher,
  type LoginAttemptRecord,
  type PasswordHasher,
  type ThrottleBucket,
  type TotpAuthenticator,
  type TotpEnrolment,
} from "../../src/index.ts";

export interface FakeAccount {
  passwordHash: string;
  lockout: AccountLockoutState;
  requiresSecondFactor: boolean;
  enrolment: TotpEnrolment | null;
}

export const loginWorld = (hasher: PasswordHasher, decoyHash: string, totp: Pick<TotpAuthenticator, "codeAt">, start: Date, sha256?: Hasher) => {
  let now = start.getTime();
  const accounts = new Map<string, FakeAccount>();
  const throttles = new Map<string, ThrottleBucket>();
  const records: LoginAttemptRecord[] = [];
  /** Email-code challenges by attempt id. */
  const challenges = new Map<string, EmailCodeChallenge>();
  /** Makes the next compare-and-set of a TOTP step lose, as if a concurrent request had won. */
  let loseNextCas = false;
  const state = {
    clock: { now: () => new Date(now) },
    lockoutPolicy: STAFF_LOCKOUT_POLICY,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    /** The attempt that changed the lockout is recorded with it, as the store appends its entry in the same write. */
    saveLockout: (id: string, lockout: AccountLockoutState, attempt: LoginAttemptRecord | null) => {
      const a = accounts.get(id);
      if (a !== undefined) a.lockout = lockout;
      if (attempt !== null) records.push(attempt);
      return okAsync(undefined);
    },
    loadThrottle: (key: string) => okAsync(throttles.get(key) ?? null),
    saveThrottle: (key: string, bucket: ThrottleBucket) => {
      throttles.set(key, bucket);
      return okAsync(undefined);
    },
    recordAttempt: (r: LoginAttemptRecord) => {
      records.push(r);
      return okAsync(undefined);
    },
  };
  const passwordDeps: AuthenticatePasswordDeps = {
    ...state,
    passwordHasher: hasher,
    decoyHash,
    findAccount: (loginId) => {
      const a = accounts.get(loginId);
      return okAsync(a === undefined ? null : { accountId: loginId, passwordHash: a.passwordHash, lockout: a.lockout, requiresSecondFactor: a.requiresSecondFactor });
    },
  };
  const totpDeps: AuthenticateTotpStepDeps = {
    ...state,
    totp,
    loadTotpAccount: (id) => {
      const a = accounts.get(id);
      return okAsync({ lockout: a?.lockout ?? UNLOCKED_ACCOUNT, enrolment: a?.enrolment ?? null });
    },
    saveTotpStep: (id, previous, enrolment) => {
      const a = accounts.get(id);
      if (a === undefined || a.enrolment === null || a.enrolment.lastUsedStep !== previous || loseNextCas) {
        loseNextCas = false;
        return okAsync(false);
      }
      a.enrolment = enrolment;
      return okAsync(true);
    },
  };
  const emailDeps: AuthenticateEmailCodeStepDeps = {
    ...state,
    hasher: sha256 ?? { sha256Hex: () => "" },
    loadEmailCodeAttempt: (id, attemptId) => okAsync({ lockout: accounts.get(id)?.lockout ?? UNLOCKED_ACCOUNT, challenge: challenges.get(attemptId) ?? null }),
    saveEmailCodeChallenge: (_id, challenge) => {
      const stored = challenges.get(challenge.attemptId);
      if (stored !== undefined && stored.consumedAt !== null) return okAsync(false);
      challenges.set(challenge.attemptId, challenge);
      return okAsync(true);
    },
  };
  return {
    accounts,
    challenges,
    emailDeps,
    records,
    passwordDeps,
    totpDeps,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => new Date(now),
    loseNextCas: () => {
      loseNextCas = true;
    },
  };
};
