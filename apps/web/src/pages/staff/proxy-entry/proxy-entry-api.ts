import { requestJson } from "../../../api.ts";
import type { EnteredApplication, IntakeCorrectionBody, ProxyEntryBody, StaffDetail } from "../../../api-types.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** S5: where staff send an application they enter for a resident (permission `applications.process`). */
export const PROXY_ENTRY_API = "/api/staff/applications";

/** S5: where the intake record of an entered application is corrected. */
export const intakeCorrectionUrl = (applicationId: string): string => `${PROXY_ENTRY_API}/${encodeURIComponent(applicationId)}/intake`;

/**
 * The proxy entry's endpoint, in the staff member's language (`Accept-Language`: the server's messages come back
 * in it; the body's `locale` is the resident's). With the session's CSRF token, as every staff POST.
 * 201: stored; 200 `replayed`: the same entry sent again; 422: field errors; 409: the submission key was used for
 * other content; 403: not this member's procedure, or not their permission.
 *
 * `correctIntake`: `PUT …/:id/intake` with the CSRF token, as the detail's commands. 200: the whole staff detail (a
 * new version and `intake.corrected` when something changed; the same detail otherwise); 422: field errors
 * (`intake.*`); 409 `application.concurrent_modification` (changed meanwhile) or `application.not_entered_by_staff`;
 * 403, 404.
 */
export const proxyEntryApi = (locale: Locale) => ({
  enter: (body: ProxyEntryBody, csrfToken: string) => requestJson<EnteredApplication>("POST", PROXY_ENTRY_API, { locale, csrfToken, body }),
  correctIntake: (applicationId: string, body: IntakeCorrectionBody, csrfToken: string) =>
    requestJson<StaffDetail>("PUT", intakeCorrectionUrl(applicationId), { locale, csrfToken, body }),
});
