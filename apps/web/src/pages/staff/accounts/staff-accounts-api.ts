import { requestJson } from "../../../api.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** An account as the admin page sees it (`GET /api/staff/admin/accounts/by-login/:loginId`). */
export interface AdminAccountView {
  readonly id: string;
  readonly loginId: string;
  readonly displayName: string;
  readonly locked: boolean;
  readonly disabled: boolean;
  readonly totpEnrolled: boolean;
}

/** The staff account administration endpoints (their step-up goes through `useStepUp`). */
export const staffAccountsApi = (locale: Locale) => {
  const base = "/api/staff/admin/accounts";
  return {
    find: (loginId: string) => requestJson<AdminAccountView>("GET", `${base}/by-login/${encodeURIComponent(loginId)}`, { locale }),
    issue: (body: { loginId: string; displayName: string; email: string }, csrfToken: string) =>
      requestJson<{ id: string }>("POST", base, { locale, body, csrfToken }),
    action: (id: string, action: "unlock" | "disable" | "enable", csrfToken: string) =>
      requestJson<{ ok: true }>("POST", `${base}/${encodeURIComponent(id)}/${action}`, { locale, body: {}, csrfToken }),
    reset: (id: string, email: string, csrfToken: string) => requestJson<{ ok: true }>("POST", `${base}/${encodeURIComponent(id)}/reset`, { locale, body: { email }, csrfToken }),
    /** A resident's account, found by its address, unlocked (admin unlock). */
    unlockResident: (email: string, csrfToken: string) => requestJson<{ ok: true }>("POST", "/api/staff/admin/residents/unlock", { locale, body: { email }, csrfToken }),
  };
};
