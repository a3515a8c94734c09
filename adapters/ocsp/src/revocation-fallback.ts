import {
  REVOCATION_CHECKER_CONTRACT,
  type RevocationChecker,
  type RevocationError,
  type RevocationStatus,
} from "@madoguchi/core";
import { errAsync, okAsync, type Result, ResultAsync } from "neverthrow";

const decides = (result: Result<RevocationStatus, RevocationError>) => result.isOk() && result.value.status !== "unknown";

/**
 * Asks `primary` (OCSP), and `fallback` (the CRLs) only when the primary cannot decide:
 * - the primary's good or revoked is the answer; so is its `invalid_input` (the same input is not
 *   better for the fallback);
 * - otherwise (unknown, or unavailable) the fallback's good or revoked is the answer, with its own
 *   evidence;
 * - when neither decides: a retryable error of either (trying again later may help), else the
 *   primary's unknown.
 * A revoked answer of the primary is never overruled by an older "good" CRL.
 */
export const createRevocationCheckerWithFallback = (primary: RevocationChecker, fallback: RevocationChecker): RevocationChecker => ({
  meta: { contract: REVOCATION_CHECKER_CONTRACT, name: `${primary.meta.name}, then ${fallback.meta.name}`, capabilities: new Set<never>() },
  check: (input) =>
    new ResultAsync(
      (async (): Promise<Result<RevocationStatus, RevocationError>> => {
        const first = await primary.check(input);
        if (decides(first) || (first.isErr() && first.error.reason === "invalid_input")) return first;
        const second = await fallback.check(input);
        if (decides(second)) return second;
        for (const result of [first, second]) if (result.isErr() && result.error.retryable) return errAsync(result.error);
        return first.isOk() ? okAsync(first.value) : second.isOk() ? okAsync(second.value) : errAsync(first.error);
      })(),
    ),
});
