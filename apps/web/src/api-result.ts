import type { FieldError } from "./api-types.ts";

/**
 * A failed API call, as a value. `status` 0 means no HTTP answer: `code` is then `network` (offline,
 * refused, timed out) or `aborted` (the page no longer wants the answer).
 */
export interface ApiError {
  readonly status: number;
  /** The server's stable `error.code` (e.g. `payment.declined`), or `http_<status>` when it sent none. */
  readonly code: string;
  /** Already localised by the server; `null` when it sent none (the UI then uses its own text). */
  readonly message: string | null;
  /** Per-field messages of a 422 (empty otherwise). */
  readonly fieldErrors: readonly FieldError[];
  /** Tries left before the test card locks (its 401 answer), else `null`. */
  readonly triesLeft: number | null;
  /** What the resident can do next (the signing refusals' `nextSteps`, localised by the server). */
  readonly nextSteps?: readonly string[];
  /** With `payment.challenge_required`: the card issuer's 3-D Secure page (the gateway's origin). */
  readonly challengeUrl?: string;
  /**
   * With `counter.draft_not_ready`: what stops the draft from being printed (core's `DraftIssue`s), as the
   * server sent them — unchecked here; the counter page keeps the entries it recognises.
   */
  readonly issues?: readonly unknown[];
}

/** The outcome of an API call: never thrown, always returned. */
export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | { readonly ok: false; readonly error: ApiError };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const asFieldName = (field: unknown): string | null => {
  if (typeof field === "string") return field;
  // Tolerate a path array (["applicant", "name"]) as some validators report it.
  if (Array.isArray(field) && field.every((p) => typeof p === "string" || typeof p === "number")) {
    return field.join(".");
  }
  return null;
};

/**
 * Reads an error answer `{ error: { code, message, triesLeft? }, errors?: [{ field, code, message }] }`.
 * Pure and lenient: a proxy's HTML error page still becomes a usable {@link ApiError}.
 */
export function parseApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body["error"]) ? body["error"] : {};
  const code = typeof error["code"] === "string" ? error["code"] : `http_${status}`;
  const message = typeof error["message"] === "string" && error["message"] !== "" ? error["message"] : null;
  const triesLeft = typeof error["triesLeft"] === "number" ? error["triesLeft"] : null;
  const rawErrors = isRecord(body) && Array.isArray(body["errors"]) ? body["errors"] : [];
  const fieldErrors: FieldError[] = [];
  for (const entry of rawErrors) {
    if (!isRecord(entry)) continue;
    const field = asFieldName(entry["field"]);
    if (field === null) continue;
    fieldErrors.push({
      field,
      code: typeof entry["code"] === "string" ? entry["code"] : "invalid",
      message: typeof entry["message"] === "string" ? entry["message"] : "",
    });
  }
  const nextSteps = Array.isArray(error["nextSteps"]) ? error["nextSteps"].filter((s): s is string => typeof s === "string") : [];
  const challenge = isRecord(body) && isRecord(body["challenge"]) ? body["challenge"] : {};
  const challengeUrl = typeof challenge["url"] === "string" ? challenge["url"] : null;
  const issues = Array.isArray(error["issues"]) ? (error["issues"] as readonly unknown[]) : null;
  return {
    status,
    code,
    message,
    fieldErrors,
    triesLeft,
    ...(nextSteps.length > 0 ? { nextSteps } : {}),
    ...(challengeUrl === null ? {} : { challengeUrl }),
    ...(issues === null ? {} : { issues }),
  };
}

/** An error for a call that got no HTTP answer. */
export const transportError = (code: "network" | "aborted"): ApiError => ({
  status: 0,
  code,
  message: null,
  fieldErrors: [],
  triesLeft: null,
});
