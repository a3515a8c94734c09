import { requestJson } from "../../api.ts";
import type { ApiResult } from "../../api-result.ts";
import type { HistoryEntry, PasskeyList, PasskeyRegistrationStart } from "../../api-types.ts";
import type { Localized, Locale } from "../../i18n/locale.ts";

/** The logged-in resident, as `/api/resident/me` answers. */
export interface ResidentMe {
  readonly email: string;
  readonly secondFactor: "none" | "totp" | "email_code";
  readonly locale: Locale;
  readonly csrfToken: string;
}

/** One of "my applications". */
export interface MyApplication {
  readonly receiptNumber: string;
  readonly procedureName: Localized;
  readonly status: string;
  readonly statusLabel: Localized;
  readonly submittedAt: string;
  /** The status history (dates and reasons of 不受理 / 差戻し). */
  readonly history: readonly HistoryEntry[];
}

/** Where a login stands: done, or waiting for the account's second step. */
export interface LoginStep {
  readonly step: "done" | "totp" | "email_code";
  readonly csrfToken?: string;
}

/** What the TOTP enrolment shows once. */
export interface TotpOffer {
  readonly uri: string;
  readonly qrSvg: string;
  readonly secret: string;
}

const base = "/api/resident";

/** The resident account API in the UI language (the server answers its messages in it). */
export const accountApi = (locale: Locale) => {
  const post = <T>(path: string, body: unknown, csrfToken?: string): Promise<ApiResult<T>> =>
    requestJson<T>("POST", `${base}${path}`, { body: { ...(body as object), locale }, locale, ...(csrfToken === undefined ? {} : { csrfToken }) });
  return {
    register: (email: string, password: string) => post<{ status: string }>("/register", { email, password }),
    verifyEmail: (accountId: string, token: string) => post<{ status: string }>("/verify-email", { accountId, token }),
    confirmEmail: (accountId: string, token: string) => post<{ status: string }>("/email/confirm", { accountId, token }),
    login: (email: string, password: string) => post<LoginStep>("/login", { email, password }),
    secondFactor: (code: string) => post<LoginStep>("/login/second-factor", { code }),
    recoveryCode: (recoveryCode: string) => post<LoginStep>("/login/second-factor", { recoveryCode }),
    logout: () => post<null>("/logout", {}),
    forgot: (email: string) => post<{ status: string }>("/password/forgot", { email }),
    unlockRequest: (email: string) => post<{ status: string }>("/unlock/request", { email }),
    unlock: (accountId: string, token: string) => post<{ status: string }>("/unlock", { accountId, token }),
    reset: (accountId: string, token: string, newPassword: string, totpCode: string) =>
      post<{ status: string }>("/password/reset", { accountId, token, newPassword, ...(totpCode.trim() === "" ? {} : { totpCode: totpCode.trim() }) }),
    me: (signal?: AbortSignal) => requestJson<ResidentMe>("GET", `${base}/me`, { locale, ...(signal === undefined ? {} : { signal }) }),
    applications: (signal?: AbortSignal) =>
      requestJson<{ items: MyApplication[]; total: number }>("GET", `${base}/applications`, { locale, ...(signal === undefined ? {} : { signal }) }),
    changePassword: (csrf: string, currentPassword: string, newPassword: string) => post<{ status: string }>("/password/change", { currentPassword, newPassword }, csrf),
    changeEmail: (csrf: string, currentPassword: string, newEmail: string) => post<{ status: string }>("/email/change", { currentPassword, newEmail }, csrf),
    totpStart: (csrf: string, currentPassword: string) => post<TotpOffer>("/totp/start", { currentPassword }, csrf),
    totpConfirm: (csrf: string, code: string) => post<{ recoveryCodes: string[] }>("/totp/confirm", { code }, csrf),
    chooseSecondFactor: (csrf: string, currentPassword: string, choice: "none" | "email_code") =>
      post<{ secondFactor: string }>("/second-factor", { currentPassword, choice }, csrf),
    passkeys: (signal?: AbortSignal) => requestJson<PasskeyList>("GET", `${base}/passkeys`, { locale, ...(signal === undefined ? {} : { signal }) }),
    /** Starts a registration: the current password again, then the options with a challenge bound to this session. */
    passkeyOptions: (csrf: string, currentPassword: string) => post<PasskeyRegistrationStart>("/passkeys/options", { currentPassword }, csrf),
    addPasskey: (csrf: string, body: { label: string; challenge: string; response: unknown }) => post<{ credentialId: string; label: string }>("/passkeys", body, csrf),
    removePasskey: (csrf: string, credentialId: string) => requestJson<null>("DELETE", `${base}/passkeys/${encodeURIComponent(credentialId)}`, { locale, csrfToken: csrf }),
    /** The second step with a passkey: options for this pending login, then the browser's answer. */
    passkeyLoginOptions: () => post<PasskeyRegistrationStart>("/login/passkey/options", {}),
    passkeyLogin: (body: { challenge: string; response: unknown }) => post<LoginStep>("/login/passkey", body),
  };
};

/** The message of a failed call: the server's (already localised), or a fallback. */
export const failureText = (result: ApiResult<unknown>, fallback: string): string => (result.ok ? "" : (result.error.message ?? fallback));
