import { parseApiError, transportError, type ApiResult } from "./api-result.ts";
import type {
  AccessedApplications,
  PasskeyList,
  PasskeyRegistrationStart,
  AuditPage,
  AppConfig,
  Catalog,
  Inbox,
  PrepareBody,
  Prepared,
  Receipt,
  StaffDetail,
  StaffList,
  StaffSession,
  StaffLoginStarted,
  StaffTotpEnrolment,
  StatusView,
  SubmitBody,
} from "./api-types.ts";
import type { Locale } from "./i18n/locale.ts";

/** Options of one request. */
interface RequestOptions {
  readonly body?: unknown;
  readonly locale: Locale;
  readonly csrfToken?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Runs `run` with one signal for both the caller's abort and the timeout (AbortSignal.any is too new for
 * some phones), and releases the timer and the listener however it ends.
 */
async function withTimeout<R>(options: Pick<RequestOptions, "signal" | "timeoutMs">, defaultMs: number, run: (signal: AbortSignal) => Promise<R>): Promise<R> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? defaultMs);
  const forwardAbort = () => controller.abort();
  if (options.signal?.aborted === true) controller.abort();
  options.signal?.addEventListener("abort", forwardAbort, { once: true });
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forwardAbort);
  }
}

const baseHeaders = (options: Pick<RequestOptions, "locale" | "csrfToken">, extra: Record<string, string>): Record<string, string> => {
  const headers: Record<string, string> = { ...extra, "Accept-Language": options.locale };
  if (options.csrfToken !== undefined) headers["X-CSRF-Token"] = options.csrfToken;
  return headers;
};

/**
 * The one place where `fetch` is called and its exceptions become values. Always JSON; the UI language goes
 * in `Accept-Language` so the server's messages come back localised.
 */
export async function requestJson<T>(method: "GET" | "POST" | "PUT" | "DELETE", url: string, options: RequestOptions): Promise<ApiResult<T>> {
  const headers = baseHeaders(options, { "Content-Type": "application/json", Accept: "application/json" });
  return withTimeout(options, DEFAULT_TIMEOUT_MS, (signal) => {
    const init: RequestInit = { method, headers, signal, credentials: "same-origin" };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    return send<T>(url, init, options.signal);
  });
}

/**
 * POSTs a file's bytes as they are (not multipart: the server reads the body as the file, its type from
 * `Content-Type`) and reads a JSON answer, as {@link requestJson} does. The counter's scans.
 */
export async function requestUpload<T>(url: string, file: Blob, contentType: string, options: Omit<RequestOptions, "body">): Promise<ApiResult<T>> {
  const headers = baseHeaders(options, { "Content-Type": contentType, Accept: "application/json" });
  return withTimeout(options, DEFAULT_TIMEOUT_MS, (signal) => send<T>(url, { method: "POST", headers, body: file, signal, credentials: "same-origin" }, options.signal));
}

async function send<T>(url: string, init: RequestInit, callerSignal: AbortSignal | undefined): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, error: transportError(callerSignal?.aborted === true ? "aborted" : "network") };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    // Cut off mid-body (timeout, connection lost): no usable answer, even if the status said OK.
    return { ok: false, error: transportError(callerSignal?.aborted === true ? "aborted" : "network") };
  }
  const body = parseJsonOrNull(text);
  if (!response.ok) return { ok: false, error: parseApiError(response.status, body) };
  // A success without JSON (a captive portal, a misrouted proxy) must not reach pages as `null` data.
  if (body === null && response.status !== 204) {
    return { ok: false, error: { ...parseApiError(response.status, null), code: "invalid_response" } };
  }
  return { ok: true, status: response.status, data: body as T };
}

// Not JSON (a proxy's error page …): handled by the callers as a body-less answer.
const parseJsonOrNull = (text: string): unknown => {
  try {
    return text === "" ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
};

/** A downloaded file: its bytes, the name the server suggested (`Content-Disposition`), if any, and the answer's headers. */
export interface DownloadedFile {
  readonly blob: Blob;
  readonly filename: string | null;
  /** E.g. the counter's `X-Confirmation-Number`, sent with the printed form. */
  readonly headers: Headers;
}

/**
 * GETs a file (an export) with the session cookie. Unlike a plain link, a refusal comes back as a value
 * — e.g. `staff.step_up_required`, so the page can ask for the code and try again — instead of the
 * browser saving the JSON error as the file.
 */
export async function requestDownload(url: string, options: Pick<RequestOptions, "locale" | "signal" | "timeoutMs">): Promise<ApiResult<DownloadedFile>> {
  return fetchFile(url, { method: "GET", headers: baseHeaders(options, {}) }, options);
}

/**
 * POSTs JSON (with the CSRF token) and receives a file, as {@link requestDownload} does: a file made from what
 * the page holds, e.g. the counter's printed form from its draft.
 */
export async function requestFileByPost(url: string, options: RequestOptions & { readonly accept: string }): Promise<ApiResult<DownloadedFile>> {
  const headers = baseHeaders(options, { "Content-Type": "application/json", Accept: `${options.accept}, application/json` });
  return fetchFile(url, { method: "POST", headers, body: JSON.stringify(options.body ?? {}) }, options);
}

async function fetchFile(url: string, init: RequestInit, options: Pick<RequestOptions, "signal" | "timeoutMs">): Promise<ApiResult<DownloadedFile>> {
  return withTimeout(options, 120_000, async (signal) => {
    try {
      const response = await fetch(url, { ...init, signal, credentials: "same-origin" });
      if (!response.ok) return { ok: false, error: parseApiError(response.status, parseJsonOrNull(await response.text())) };
      const blob = await response.blob();
      const disposition = response.headers.get("content-disposition") ?? "";
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
      return { ok: true, status: response.status, data: { blob, filename, headers: response.headers } };
    } catch {
      return { ok: false, error: transportError(options.signal?.aborted === true ? "aborted" : "network") };
    }
  });
}

const query = (params: Record<string, string | number>): string =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** Typed calls to the madoguchi server API, bound to the UI language. */
export function createApi(locale: Locale) {
  const o = (extra: Omit<RequestOptions, "locale"> = {}): RequestOptions => ({ ...extra, locale });
  return {
    config: (signal?: AbortSignal) => requestJson<AppConfig>("GET", "/api/config", o(signal ? { signal } : {})),
    procedures: (signal?: AbortSignal) =>
      requestJson<Catalog>("GET", "/api/procedures", o(signal ? { signal } : {})),
    prepare: (body: PrepareBody) => requestJson<Prepared>("POST", "/api/applications/prepare", o({ body })),
    // Authorising the card can take the gateway a while: give it more than the default.
    submit: (body: SubmitBody) => requestJson<Receipt>("POST", "/api/applications", o({ body, timeoutMs: 90_000 })),
    lookup: (receiptNumber: string, accessSecret: string) =>
      requestJson<StatusView>("POST", "/api/applications/lookup", o({ body: { receiptNumber, accessSecret } })),
    withdraw: (receiptNumber: string, accessSecret: string) =>
      requestJson<StatusView>("POST", "/api/applications/withdraw", o({ body: { receiptNumber, accessSecret } })),
    staffMe: (signal?: AbortSignal) => requestJson<StaffSession>("GET", "/api/staff/me", o(signal ? { signal } : {})),
    staffLogin: (loginId: string, password: string) =>
      requestJson<StaffLoginStarted>("POST", "/api/staff/login", o({ body: { loginId, password } })),
    staffLoginTotp: (csrfToken: string, body: { code: string } | { recoveryCode: string }) =>
      requestJson<StaffSession>("POST", "/api/staff/login/totp", o({ body, csrfToken })),
    staffPasskeyLoginOptions: (csrfToken: string) =>
      requestJson<PasskeyRegistrationStart>("POST", "/api/staff/login/passkey/options", o({ body: {}, csrfToken })),
    staffLoginPasskey: (csrfToken: string, body: { challenge: string; response: unknown }) =>
      requestJson<StaffSession>("POST", "/api/staff/login/passkey", o({ body, csrfToken })),
    staffTotpEnrolment: (csrfToken: string) =>
      requestJson<StaffTotpEnrolment>("POST", "/api/staff/login/totp-enrolment", o({ body: {}, csrfToken })),
    staffTotpEnrolmentConfirm: (csrfToken: string, code: string) =>
      requestJson<StaffSession>("POST", "/api/staff/login/totp-enrolment/confirm", o({ body: { code }, csrfToken })),
    staffSetup: (body: { accountId: string; token: string; password: string; totpCode: string | null }) =>
      requestJson<{ ok: true }>("POST", "/api/staff/setup", o({ body })),
    staffLogout: (csrfToken: string) =>
      requestJson<unknown>("POST", "/api/staff/logout", o({ body: {}, csrfToken })),
    staffList: (params: { status: string; limit: number; offset: number }, signal?: AbortSignal) =>
      requestJson<StaffList>("GET", `/api/staff/applications?${query(params)}`, o(signal ? { signal } : {})),
    staffDetail: (id: string, signal?: AbortSignal) =>
      requestJson<StaffDetail>("GET", `/api/staff/applications/${encodeURIComponent(id)}`, o(signal ? { signal } : {})),
    staffCommand: (
      id: string,
      body: { command: string; reason: string | null; expectedVersion: number },
      csrfToken: string,
    ) =>
      requestJson<StaffDetail>(
        "POST",
        `/api/staff/applications/${encodeURIComponent(id)}/commands`,
        o({ body, csrfToken }),
      ),
    staffAudit: (params: Record<string, string | number>, signal?: AbortSignal) =>
      requestJson<AuditPage>("GET", `/api/staff/audit?${query(params)}`, o(signal ? { signal } : {})),
    staffAuditAccessed: (params: { staffId: string; from: string; to: string }, signal?: AbortSignal) =>
      requestJson<AccessedApplications>("GET", `/api/staff/audit/accessed?${query(params)}`, o(signal ? { signal } : {})),
    staffPasskeys: (signal?: AbortSignal) => requestJson<PasskeyList>("GET", "/api/staff/passkeys", o(signal ? { signal } : {})),
    staffPasskeyOptions: (csrfToken: string) => requestJson<PasskeyRegistrationStart>("POST", "/api/staff/passkeys/options", o({ body: {}, csrfToken })),
    staffAddPasskey: (body: { label: string; challenge: string; response: unknown }, csrfToken: string) =>
      requestJson<{ credentialId: string; label: string }>("POST", "/api/staff/passkeys", o({ body, csrfToken })),
    staffRemovePasskey: (credentialId: string, csrfToken: string) =>
      requestJson<null>("DELETE", `/api/staff/passkeys/${encodeURIComponent(credentialId)}`, o({ csrfToken })),
    devInbox: (signal?: AbortSignal) => requestJson<Inbox>("GET", "/api/dev/inbox", o(signal ? { signal } : {})),
  };
}

/** The API client type. */
export type Api = ReturnType<typeof createApi>;

/** The audit export's URL for a filter (fetched by the page: the export may ask for a step-up first). */
export const auditExportUrl = (params: Record<string, string>): string => `/api/staff/audit/export?${query(params)}`;
