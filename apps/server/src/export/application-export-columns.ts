import { findDeliveryMethod, INTAKE_CHANNEL_LABELS, japanCalendarDate, type Application, type Locale, type Localized, type ProcedureCatalog } from "@madoguchi/core";
import { procedureNameOf, statusLabels } from "../http/localized-labels.ts";

/** One column staff may choose for the CSV export of the application list (S3), with how its cell is written. */
interface ExportColumn {
  readonly label: Localized;
  readonly cell: (a: Application, catalog: ProcedureCatalog, locale: Locale) => string | number;
}

/**
 * Every column of the export, in the order a file lists them (S3: "CSV export of the list with selectable
 * columns"). Ids are stable: they are what the URL and the audit entry name. Personal data columns are the
 * applicant's; every export of them is audited per application whatever the columns.
 */
export const APPLICATION_EXPORT_COLUMNS = {
  receiptNumber: { label: { ja: "受付番号", en: "Receipt number" }, cell: (a) => a.receiptNumber },
  procedure: { label: { ja: "手続", en: "Procedure" }, cell: (a, catalog, locale) => procedureNameOf(catalog, a.procedureId)[locale] },
  applicantName: { label: { ja: "申請者氏名", en: "Applicant name" }, cell: (a) => a.applicant.name },
  applicantNameKana: { label: { ja: "申請者氏名（フリガナ）", en: "Applicant name (kana)" }, cell: (a) => a.applicant.nameKana },
  dateOfBirth: { label: { ja: "生年月日", en: "Date of birth" }, cell: (a) => a.applicant.dateOfBirth },
  postalCode: { label: { ja: "郵便番号", en: "Postal code" }, cell: (a) => a.applicant.postalCode },
  address: { label: { ja: "住所", en: "Address" }, cell: (a) => a.applicant.address },
  phone: { label: { ja: "電話番号", en: "Phone" }, cell: (a) => a.applicant.phone },
  email: { label: { ja: "メールアドレス", en: "Email" }, cell: (a) => a.applicant.email },
  copies: { label: { ja: "通数", en: "Copies" }, cell: (a) => a.request.copies },
  deliveryMethod: { label: { ja: "交付方法", en: "Delivery" }, cell: (a, catalog, locale) => findDeliveryMethod(catalog, a.request.deliveryMethodId)?.name[locale] ?? a.request.deliveryMethodId },
  status: { label: { ja: "状態", en: "Status" }, cell: (a, _catalog, locale) => statusLabels(a.status)[locale] },
  submittedAt: { label: { ja: "申請日時", en: "Submitted at" }, cell: (a) => a.submittedAt.toISOString() },
  // S5: how it came (オンライン for the resident's own submission) and the day it arrived, for the back office's counts.
  channel: { label: { ja: "受付方法", en: "Received by" }, cell: (a, _catalog, locale) => (a.intake === undefined ? { ja: "オンライン", en: "Online" } : INTAKE_CHANNEL_LABELS[a.intake.channel])[locale] },
  receivedOn: { label: { ja: "受付日", en: "Received on" }, cell: (a) => a.intake?.receivedOn ?? japanCalendarDate(a.submittedAt) },
  updatedAt: { label: { ja: "更新日時", en: "Updated at" }, cell: (a) => a.updatedAt.toISOString() },
  feeTotal: { label: { ja: "手数料合計", en: "Total fee" }, cell: (a) => a.fee.total },
} as const satisfies Record<string, ExportColumn>;

/** The id of an export column. */
export type ExportColumnId = keyof typeof APPLICATION_EXPORT_COLUMNS;

/** Every column id, in file order. */
export const EXPORT_COLUMN_IDS = Object.keys(APPLICATION_EXPORT_COLUMNS) as readonly ExportColumnId[];

/** What a file holds when no columns are chosen: the list's own columns, as before columns could be chosen. */
export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumnId[] = ["receiptNumber", "procedure", "applicantName", "status", "submittedAt", "feeTotal"];

/**
 * The columns asked for by `?columns=a,b,c` (absent: the default ones), in the order given; `null` when one is
 * unknown, repeated, or none is left — the request is refused rather than answered with other columns.
 */
export const exportColumnsOf = (param: unknown): readonly ExportColumnId[] | null => {
  if (param === undefined) return DEFAULT_EXPORT_COLUMNS;
  if (typeof param !== "string") return null;
  const ids = param.split(",").map((s) => s.trim());
  if (ids.length === 0 || ids.some((id) => !(EXPORT_COLUMN_IDS as readonly string[]).includes(id)) || new Set(ids).size !== ids.length) return null;
  return ids as ExportColumnId[];
};

/** The header and rows of an export with `columns`, in `locale`. */
export const exportTable = (items: readonly Application[], columns: readonly ExportColumnId[], catalog: ProcedureCatalog, locale: Locale): (string | number)[][] => [
  columns.map((c) => APPLICATION_EXPORT_COLUMNS[c].label[locale]),
  ...items.map((a) => columns.map((c) => APPLICATION_EXPORT_COLUMNS[c].cell(a, catalog, locale))),
];
