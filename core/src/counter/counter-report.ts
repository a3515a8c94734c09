import type { AuditEntry } from "../audit/audit-entry.ts";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import { NOTIFICATION_KINDS, type NotificationKind } from "./residence-notification.ts";

/** A handling time longer than this is a draft left open (lunch, the next day): not counted as handling. */
export const MAX_HANDLING_SECONDS = 4 * 60 * 60;

/**
 * Seconds from a draft's first scan to its print, or null when unknown or not plausible (no start, a start
 * after the print, longer than {@link MAX_HANDLING_SECONDS}).
 */
export const handlingSeconds = (startedAt: string | undefined, printedAt: Date): number | null => {
  if (startedAt === undefined) return null;
  const start = Date.parse(startedAt);
  if (Number.isNaN(start)) return null;
  const seconds = Math.round((printedAt.getTime() - start) / 1000);
  return seconds >= 0 && seconds <= MAX_HANDLING_SECONDS ? seconds : null;
};

/** One day's counts of one kind of notification. */
export interface CounterReportRow {
  readonly day: IsoDate;
  readonly kind: NotificationKind;
  /** 住民異動届 printed. */
  readonly forms: number;
  /** Median and 90th percentile of the handling minutes (one decimal), over the forms whose time is known. */
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
}

/** The counter's operational report of a period (C13): what was handled, how long it took, how the OCR did. */
export interface CounterReport {
  readonly rows: readonly CounterReportRow[];
  readonly totals: Readonly<Record<NotificationKind, number>>;
  /** Other forms printed from the same drafts (住民票の請求書, 印鑑登録 …), by layout id. */
  readonly relatedForms: Readonly<Record<string, number>>;
  readonly scans: { readonly read: number; readonly failed: number; readonly fields: number; readonly flagged: number };
}

const quantile = (sorted: readonly number[], q: number): number | null => {
  if (sorted.length === 0) return null;
  const at = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, at)]! / 60) * 10) / 10;
};

const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * The report from the audit entries of the period (`counter.form_printed`, `counter.scan_read`): no personal
 * data goes in or out — the entries hold ids, kinds, counts and times only.
 */
export const counterReport = (entries: readonly AuditEntry[]): CounterReport => {
  const perDay = new Map<string, { day: IsoDate; kind: NotificationKind; forms: number; seconds: number[] }>();
  const totals = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, 0])) as Record<NotificationKind, number>;
  const relatedForms: Record<string, number> = {};
  const scans = { read: 0, failed: 0, fields: 0, flagged: 0 };
  for (const e of entries) {
    if (e.action === "counter.scan_read") {
      if (e.result !== "success") scans.failed += 1;
      else {
        scans.read += 1;
        scans.fields += count(e.details["fields"]);
        scans.flagged += count(e.details["flagged"]);
      }
      continue;
    }
    if (e.action !== "counter.form_printed" || e.result !== "success") continue;
    const kind = e.details["kind"];
    if (e.details["layoutId"] !== "juminido-todoke" || typeof kind !== "string" || !(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      const layout = String(e.details["layoutId"] ?? "unknown");
      relatedForms[layout] = (relatedForms[layout] ?? 0) + 1;
      continue;
    }
    const day = japanCalendarDate(e.at);
    const key = `${day}|${kind}`;
    const row = perDay.get(key) ?? { day, kind: kind as NotificationKind, forms: 0, seconds: [] };
    row.forms += 1;
    const seconds = e.details["handlingSeconds"];
    if (typeof seconds === "number") row.seconds.push(seconds);
    perDay.set(key, row);
    totals[kind as NotificationKind] += 1;
  }
  const rows = [...perDay.values()]
    .sort((a, b) => a.day.localeCompare(b.day) || NOTIFICATION_KINDS.indexOf(a.kind) - NOTIFICATION_KINDS.indexOf(b.kind))
    .map(({ seconds, ...r }) => {
      const sorted = [...seconds].sort((a, b) => a - b);
      return { ...r, medianMinutes: quantile(sorted, 0.5), p90Minutes: quantile(sorted, 0.9) };
    });
  return { rows, totals, relatedForms, scans };
};
