import { requestJson } from "../../../api.ts";
import type { EnteredApplication, ProxyEntryBody } from "../../../api-types.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** S5: where staff send an application they enter for a resident (permission `applications.process`). */
export const PROXY_ENTRY_API = "/api/staff/applications";

/**
 * The proxy entry's endpoint, in the staff member's language (`Accept-Language`: the server's messages come back
 * in it; the body's `locale` is the resident's). With the session's CSRF token, as every staff POST.
 * 201: stored; 200 `replayed`: the same entry sent again; 422: field errors; 409: the submission key was used for
 * other content; 403: not this member's procedure, or not their permission.
 */
export const proxyEntryApi = (locale: Locale) => ({
  enter: (body: ProxyEntryBody, csrfToken: string) => requestJson<EnteredApplication>("POST", PROXY_ENTRY_API, { locale, csrfToken, body }),
});
