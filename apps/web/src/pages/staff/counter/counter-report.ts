import { isReportMonth, NOTIFICATION_KINDS, RELATED_FORMS, type CounterReport, type NotificationKind } from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";
import { relatedFormName } from "./counter-related-forms.ts";

/**
 * The pure parts of the counter's operational report (C13, 窓口の利用状況): the API's shape, the month asked for,
 * and how minutes, shares and names are shown. The page (`counter-report-page.tsx`) only renders these. The
 * report holds counts and times only: no personal data.
 */

/** `GET /api/staff/counter/report?month=YYYY-MM`: core's `CounterReport` of the month (as JSON: its days are ISO dates). */
export type CounterReportAnswer = CounterReport & { readonly month: string };

/** The report's page, under the counter. */
export const COUNTER_REPORT_PATH = "/staff/counter/report";

/** What stands for a value that is not known (no handling time, no field read). */
export const NO_VALUE = "—";

/** The query of a month's report. */
export const reportQuery = (month: string): string => new URLSearchParams({ month }).toString();

/** What is wrong with a month typed (browsers without a month picker show a plain text input): none, or not `YYYY-MM`. */
export const monthProblem = (typed: string): "missing" | "invalid" | null => {
  const t = typed.trim();
  if (t === "") return "missing";
  return isReportMonth(t) ? null : "invalid";
};

/** A month `YYYY-MM` in words: `2026年11月`, `November 2026`; anything else as it is. */
export const monthText = (month: string, locale: Locale): string => {
  if (!isReportMonth(month)) return month;
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale === "ja") return `${year}年${m}月`;
  return `${new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)))} ${year}`;
};

const numberFormat = (locale: Locale, digits: number) =>
  new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Handling minutes (the server rounds them to one decimal) as `3.5`; {@link NO_VALUE} when unknown. */
export const minutesText = (minutes: number | null, locale: Locale): string =>
  minutes === null || !Number.isFinite(minutes) ? NO_VALUE : numberFormat(locale, 1).format(minutes);

/**
 * The share of the values read that needed checking (確認が必要だった項目の割合), in percent to one decimal; null when
 * no value was read (a share of nothing is not 0 %).
 */
export const flaggedShare = (scans: CounterReport["scans"]): number | null =>
  scans.fields > 0 && Number.isFinite(scans.flagged) ? Math.round((Math.max(0, scans.flagged) / scans.fields) * 1000) / 10 : null;

/** A percentage as `12.5%`; {@link NO_VALUE} when there is none. */
export const percentText = (percent: number | null, locale: Locale): string => (percent === null || !Number.isFinite(percent) ? NO_VALUE : `${numberFormat(locale, 1).format(percent)}%`);

/** A row of the totals: each kind of notification of core's `NOTIFICATION_KINDS`, in its order, none left out. */
export interface KindTotal {
  readonly kind: NotificationKind;
  readonly forms: number;
}

/** The month's forms per kind, every kind listed (0 when the server sent none), and their sum. */
export const kindTotals = (totals: Partial<Readonly<Record<string, number>>>): { readonly rows: readonly KindTotal[]; readonly all: number } => {
  const rows = NOTIFICATION_KINDS.map((kind) => ({ kind, forms: count(totals[kind]) }));
  return { rows, all: rows.reduce((sum, r) => sum + r.forms, 0) };
};

/** A row of the related forms' counts: the form's layout id, its name, and how many were printed. */
export interface RelatedFormCount {
  readonly formId: string;
  readonly name: string;
  readonly printed: number;
}

/**
 * The related forms printed in the month: core's `RELATED_FORMS` first, in their order and listed at 0 too, then any
 * other layout the server counted (a newer form), by its id's order, under its id when this page does not know its name.
 */
export const relatedFormCounts = (counts: Readonly<Record<string, number>>, locale: Locale): readonly RelatedFormCount[] => {
  const known: readonly string[] = RELATED_FORMS;
  const others = Object.keys(counts)
    .filter((id) => !known.includes(id))
    .sort();
  return [...known, ...others].map((formId) => ({ formId, name: relatedFormName(formId, locale), printed: count(counts[formId]) }));
};

const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0);
