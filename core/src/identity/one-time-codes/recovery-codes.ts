import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { PasswordHasher, PasswordHashingError } from "../passwords/password-hasher.port.ts";
import { CROCKFORD_BASE32, randomText } from "../random-text.ts";
import type { SecureRandom } from "../secure-random.port.ts";

/** Codes issued at a time (the usual 10: enough for a year of lost phones, few enough to print). */
export const RECOVERY_CODE_COUNT = 10;
/** Characters per code: 10 Crockford base32 symbols, 50 bits (NIST SP 800-63B-4 look-up secrets need ≥ 20 bits when rate-limited, 64 when not; these are also throttled and hashed with Argon2id). */
export const RECOVERY_CODE_LENGTH = 10;

/** A recovery code as stored: only its hash, and when it was used. */
export interface StoredRecoveryCode {
  readonly hash: string;
  readonly usedAt: Date | null;
}

/** Fresh recovery codes: `shown` go to the person once (then are forgotten), `stored` go to the database. */
export interface IssuedRecoveryCodes {
  /** Formatted `XXXXX-XXXXX`. Show once; never store, log or email. */
  readonly shown: readonly string[];
  readonly stored: readonly StoredRecoveryCode[];
}

/** Tidies a typed recovery code: NFKC, upper case, no spaces or hyphens, Crockford's reading of I/L as 1 and O as 0. `null` if not a code. */
export const normalizeRecoveryCode = (typed: string): string | null => {
  const code = typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  return code.length === RECOVERY_CODE_LENGTH && [...code].every((c) => CROCKFORD_BASE32.includes(c)) ? code : null;
};

/**
 * Issues a new set of single-use recovery codes, replacing any earlier set (the caller stores
 * `stored` in place of the old list). Hashed with the password hasher (Argon2id), so a stolen
 * database does not hand them out.
 */
export const issueRecoveryCodes = (
  deps: { readonly random: SecureRandom; readonly passwordHasher: PasswordHasher },
  count: number = RECOVERY_CODE_COUNT,
): ResultAsync<IssuedRecoveryCodes, PasswordHashingError> => {
  const codes = Array.from({ length: count }, () => randomText(deps.random, CROCKFORD_BASE32, RECOVERY_CODE_LENGTH));
  return ResultAsync.combine(codes.map((c) => deps.passwordHasher.hash(c))).map((hashes) => ({
    shown: codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`),
    stored: hashes.map((hash) => ({ hash, usedAt: null })),
  }));
};

/** A recovery code was not accepted (never carries the code). */
export interface RecoveryCodeRejected {
  readonly _tag: "RecoveryCodeRejected";
  /** `malformed`: not a code at all; `invalid`: no unused code matches (a used one answers the same). */
  readonly reason: "malformed" | "invalid";
  readonly code: "recovery_code.malformed" | "recovery_code.invalid";
}

const rejected = (reason: RecoveryCodeRejected["reason"]): RecoveryCodeRejected => ({
  _tag: "RecoveryCodeRejected",
  reason,
  code: `recovery_code.${reason}`,
});

/**
 * Redeems a recovery code: if it matches an unused stored code, returns the list with that code
 * marked used at `now` (the caller stores it, conditionally on the previous list, before letting the
 * person in). Each code works once. All unused codes are checked, whichever matches.
 */
export const redeemRecoveryCode = (
  deps: { readonly passwordHasher: PasswordHasher },
  input: { readonly stored: readonly StoredRecoveryCode[]; readonly typed: string; readonly now: Date },
): ResultAsync<readonly StoredRecoveryCode[], RecoveryCodeRejected | PasswordHashingError> => {
  const code = normalizeRecoveryCode(input.typed);
  if (code === null) return errAsync(rejected("malformed"));
  const unused = input.stored.flatMap((s, index) => (s.usedAt === null ? [{ s, index }] : []));
  return ResultAsync.combine(unused.map(({ s }) => deps.passwordHasher.verify(s.hash, code))).andThen((matches): ResultAsync<readonly StoredRecoveryCode[], RecoveryCodeRejected> => {
    const hit = unused.find((_, i) => matches[i] === true);
    if (hit === undefined) return errAsync(rejected("invalid"));
    const updated = input.stored.map((s, i) => (i === hit.index ? { ...s, usedAt: input.now } : s));
    return okAsync(updated);
  });
};

/** How many codes are left (to warn the person when few remain). */
export const unusedRecoveryCodes = (stored: readonly StoredRecoveryCode[]): number => stored.filter((s) => s.usedAt === null).length;
