import type { Application } from "../applications/application.ts";
import type { ApplicationStatus } from "../applications/application-status.ts";
import { japanCalendarDate, japanMidnight } from "../shared/japan-calendar-date.ts";

/** A calendar month in Japan, `YYYY-MM`: what the monthly usage report is about (S8). */
export type ReportMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `s` is a month the report accepts (`2026-11`). */
export const isReportMonth = (s: string): s is ReportMonth => MONTH.test(s);

/** The month in Japan of an instant: the default month of the report. */
export const reportMonthOf = (at: Date): ReportMonth => japanCalendarDate(at).slice(0, 7);

/** The instants a month in Japan spans: from its first midnight JST (inclusive) to the next month's (exclusive). */
export const reportMonthRange = (month: ReportMonth): { readonly from: Date; readonly to: Date } => {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
  return { from: japanMidnight(`${month}-01`), to: japanMidnight(`${next}-01`) };
};

/** One procedure's line of the monthly report: the applications submitted in the month, by where they stand now. */
export interface ProcedureUsage {
  readonly procedureId: string;
  readonly submitted: number;
  /** Of those, still with staff (申請済, 受付, 処理中, 差戻し). */
  readonly open: number;
  readonly completed: number;
  readonly rejected: number;
  readonly withdrawn: number;
  /** Sum of their fees as applied for, integer yen. */
  readonly feeTotal: number;
}

const OPEN: readonly ApplicationStatus[] = ["submitted", "received", "processing", "returned"];

/**
 * The monthly usage report per procedure (S8: "monthly usage statistics report per procedure"): the applications
 * submitted in the month, counted by procedure in `procedureIds` order (a procedure with none still has its line,
 * with zeros), and by the status they have now. Applications outside the month or of other procedures are ignored.
 */
export const procedureUsage = (applications: readonly Application[], procedureIds: readonly string[], month: ReportMonth): readonly ProcedureUsage[] => {
  const { from, to } = reportMonthRange(month);
  const inMonth = applications.filter((a) => a.submittedAt.getTime() >= from.getTime() && a.submittedAt.getTime() < to.getTime());
  return procedureIds.map((procedureId) => {
    const mine = inMonth.filter((a) => a.procedureId === procedureId);
    const count = (statuses: readonly ApplicationStatus[]) => mine.filter((a) => statuses.includes(a.status)).length;
    return {
      procedureId,
      submitted: mine.length,
      open: count(OPEN),
      completed: count(["completed"]),
      rejected: count(["rejected"]),
      withdrawn: count(["withdrawn"]),
      feeTotal: mine.reduce((sum, a) => sum + a.fee.total, 0),
    };
  });
};
