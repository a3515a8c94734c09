import { err, ok, type Result } from "neverthrow";
import type { PasswordBlocklist } from "./password-blocklist.ts";
import { matchingContextWord, type PasswordContext } from "./password-context.ts";
import type { PasswordPolicy } from "./password-policy.ts";
import { passwordRejected, type PasswordRejected } from "./password-rejection.ts";
import { codePointCount, foldForComparison, normalizePassword } from "./password-text.ts";

/** What {@link checkNewPassword} needs besides the password. */
export interface NewPasswordRules {
  readonly policy: PasswordPolicy;
  readonly blocklist: PasswordBlocklist;
  readonly context: PasswordContext;
}

/**
 * True when the whole text is one character repeated (`aaaaaaaa`) or a run of consecutive code
 * points up or down (`12345678`, `abcdefgh`, `87654321`, `あいうえお` is not one: its code points are
 * not consecutive). 800-63B-4 names such strings as examples of what a blocklist should hold; they are
 * generated rather than listed because there are too many.
 */
export const isRepetitiveOrSequential = (password: string): boolean => {
  const points = Array.from(foldForComparison(password), (c) => c.codePointAt(0) ?? 0);
  if (points.length < 2) return false;
  const step = (points[1] ?? 0) - (points[0] ?? 0);
  if (step !== 0 && step !== 1 && step !== -1) return false;
  return points.every((p, i) => i === 0 || p - (points[i - 1] ?? 0) === step);
};

/**
 * Checks a password someone is choosing (registration, change, reset) and returns it NFKC-normalised,
 * ready for the hasher. Rules in order, the first that fails is reported: length in code points
 * (after NFKC), equality with a context word, the common-password blocklist, repetition/sequence.
 * There are no composition rules: 800-63B-4 forbids them (they make passwords harder to remember,
 * not harder to guess).
 */
export const checkNewPassword = (raw: string, rules: NewPasswordRules): Result<string, PasswordRejected> => {
  const password = normalizePassword(raw);
  const length = codePointCount(password);
  if (length < rules.policy.minCodePoints) return err(passwordRejected("too_short", rules.policy));
  if (length > rules.policy.maxCodePoints) return err(passwordRejected("too_long", rules.policy));
  const word = matchingContextWord(password, rules.context);
  if (word !== null) return err(passwordRejected("context_word", rules.policy, word.kind));
  if (rules.blocklist.has(password)) return err(passwordRejected("common_password", rules.policy));
  if (isRepetitiveOrSequential(password)) return err(passwordRejected("repetitive_or_sequential", rules.policy));
  return ok(password);
};
