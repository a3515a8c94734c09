import type { ApplicationStatus } from "@madoguchi/core";
import { requestJson } from "../../../api.ts";
import type { Locale } from "../../../i18n/locale.ts";

/** A finished application kept longer than the period: ids, procedure, status and dates only (nothing of the resident). */
export interface ExpiredApplication {
  readonly receiptNumber: string;
  readonly procedureId: string;
  readonly procedureName: string;
  readonly status: ApplicationStatus;
  /** ISO date-times: when it finished (完了・不受理・取下げ) and when its retention ended. */
  readonly finishedAt: string;
  readonly expiredAt: string;
}

/** `GET /api/staff/retention/applications/expired`: the earliest 100, and whether there are more. */
export interface ExpiredApplications {
  readonly months: number;
  readonly items: readonly ExpiredApplication[];
  readonly more: boolean;
}

/** `POST /api/staff/retention/applications/purge`: how many were deleted, and whether some are left for the next run. */
export interface PurgeOutcome {
  readonly purged: number;
  readonly receiptNumbers: readonly string[];
  readonly more: boolean;
}

/** The S4 endpoints of the applications past their retention (permission `retention.manage`). */
export const retentionApi = (locale: Locale) => ({
  expired: (signal: AbortSignal) => requestJson<ExpiredApplications>("GET", "/api/staff/retention/applications/expired", { locale, signal }),
  // Deletes for good: the server asks for a recent step-up and audits each deletion.
  purge: (csrfToken: string) => requestJson<PurgeOutcome>("POST", "/api/staff/retention/applications/purge", { locale, body: {}, csrfToken }),
});
