import { requestJson } from "../../api.ts";
import type { ApiResult } from "../../api-result.ts";
import type { Locale } from "../../i18n/locale.ts";
import type { LoginStep } from "./account-api.ts";

/** One linked card, as `/api/resident/jpki/links` answers. */
export interface JpkiLink {
  readonly id: string;
  readonly method: "digital_auth_app" | "auth_certificate";
  readonly linkedAt: string;
}

/** The card's answer to a start: its PIN is asked (with the tries left, when the card tells). */
export type CardStep = { readonly step: "pin"; readonly triesLeft: number | null } | { readonly step: "redirect"; readonly url: string };

/** What the callback page read from its address and posts to the server. */
export interface JpkiCallbackParams {
  readonly state: string;
  readonly code?: string;
  readonly error?: string;
  readonly iss?: string;
}

const base = "/api/resident/jpki";

/** The JPKI login API in the UI language. */
export const jpkiApi = (locale: Locale) => ({
  options: () => requestJson<{ digitalAuthApp: boolean; card: boolean }>("GET", `${base}/options`, { locale }),
  startLogin: () => requestJson<{ authorizationUrl: string }>("POST", `${base}/app/login/start`, { body: { locale }, locale }),
  startLink: (csrf: string) => requestJson<{ authorizationUrl: string }>("POST", `${base}/app/link/start`, { body: { locale }, locale, csrfToken: csrf }),
  finish: (params: JpkiCallbackParams): Promise<ApiResult<LoginStep | { status: "linked"; created: boolean }>> =>
    requestJson("POST", `${base}/app/finish`, { body: { ...params, locale }, locale }),
  /** The card read by this service (the test card): a challenge signed with the authentication key after its PIN. */
  cardStartLogin: () => requestJson<CardStep>("POST", `${base}/card/login/start`, { body: { locale }, locale }),
  cardStartLink: (csrf: string) => requestJson<CardStep>("POST", `${base}/card/link/start`, { body: { locale }, locale, csrfToken: csrf }),
  cardFinish: (pin: string): Promise<ApiResult<LoginStep | { status: "linked"; created: boolean }>> =>
    requestJson("POST", `${base}/card/finish`, { body: { pin, locale }, locale }),
  /** Cancel at the PIN prompt: the card's session ends without spending a try; the answer is `resident.jpki_cancelled`. */
  cardCancel: () => requestJson<null>("POST", `${base}/card/cancel`, { body: { locale }, locale }),
  links: (signal?: AbortSignal) => requestJson<{ items: JpkiLink[]; digitalAuthApp: boolean }>("GET", `${base}/links`, { locale, ...(signal === undefined ? {} : { signal }) }),
  unlink: (csrf: string, id: string) => requestJson<null>("DELETE", `${base}/links/${encodeURIComponent(id)}`, { locale, csrfToken: csrf }),
});

/** Where the app sent the resident back, for the server to finish; null when the address has no state. */
export const callbackParams = (search: string): JpkiCallbackParams | null => {
  const q = new URLSearchParams(search);
  const state = q.get("state");
  if (state === null || state === "") return null;
  const optional = (name: "code" | "error" | "iss") => {
    const value = q.get(name);
    return value === null || value === "" ? {} : { [name]: value };
  };
  return { state, ...optional("code"), ...optional("error"), ...optional("iss") };
};
