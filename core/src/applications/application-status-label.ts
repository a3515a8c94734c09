import type { Locale, Localized } from "../shared/localized.ts";
import type { ApplicationStatus } from "./application-status.ts";

/** What residents and staff read for each status. */
export const STATUS_LABELS: { readonly [S in ApplicationStatus]: Localized } = {
  submitted: { ja: "申請済", en: "Submitted" },
  received: { ja: "受付", en: "Received" },
  processing: { ja: "処理中", en: "Processing" },
  completed: { ja: "完了", en: "Completed" },
  rejected: { ja: "不受理", en: "Rejected" },
  returned: { ja: "差戻し", en: "Returned for correction" },
  withdrawn: { ja: "取下げ", en: "Withdrawn" },
};

/** The label of a status in the given language (申請済, 受付, 処理中, 完了, 不受理, 差戻し, 取下げ). */
export const statusLabel = (status: ApplicationStatus, locale: Locale): string => STATUS_LABELS[status][locale];
