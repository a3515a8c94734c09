import type { Application } from "../../applications/application.ts";
import type { OfflinePayment } from "../../applications/intake.ts";
import { yen, type Yen } from "../../shared/yen.ts";
import { jstDay } from "./settlement-report.ts";

/** The fees paid outside the card books (ADR 40): a 定額小為替 enclosed, cash at the counter. */
export type OfflineTakingKind = Exclude<OfflinePayment, "not_required">;

/**
 * One row of the offline takings: what staff took in on one day (JST, the day they entered the requests) for one
 * procedure in one way. `toReturn` is the part of `taken` whose application was then refused (不受理) or withdrawn:
 * money the municipality gives back (a money order returned), so it is not revenue.
 */
export interface OfflineTakingRow {
  readonly day: string;
  readonly procedureId: string;
  readonly kind: OfflineTakingKind;
  readonly count: number;
  readonly taken: Yen;
  readonly toReturn: Yen;
  /** taken − toReturn. */
  readonly kept: Yen;
}

export interface OfflineTakings {
  readonly rows: readonly OfflineTakingRow[];
  readonly totals: { readonly count: number; readonly taken: Yen; readonly toReturn: Yen; readonly kept: Yen };
}

const RETURNED_STATUSES: ReadonlySet<Application["status"]> = new Set(["rejected", "withdrawn"]);

/**
 * S5: the fees of applications staff entered (代理入力) on the days `from`..`to` (JST, inclusive), paid by postal
 * money order or in cash — the other half of the settlement report, which covers the card payments only. Each
 * application counts on the day it was entered, for its fee total; 支払いなし entries hold no money and are left out.
 * Rows ordered by day, procedure, kind.
 */
export const offlineTakings = (applications: readonly Application[], period: { readonly from: string; readonly to: string }): OfflineTakings => {
  const rows = new Map<string, { day: string; procedureId: string; kind: OfflineTakingKind; count: number; taken: number; toReturn: number }>();
  for (const a of applications) {
    const payment = a.intake?.payment;
    if (payment === undefined || payment === "not_required") continue;
    const day = jstDay(a.submittedAt);
    if (day < period.from || day > period.to) continue;
    const key = `${day}\u0000${a.procedureId}\u0000${payment}`;
    const row = rows.get(key) ?? { day, procedureId: a.procedureId, kind: payment, count: 0, taken: 0, toReturn: 0 };
    row.count += 1;
    row.taken += a.fee.total;
    if (RETURNED_STATUSES.has(a.status)) row.toReturn += a.fee.total;
    rows.set(key, row);
  }
  // The key (day, procedure, kind joined by NUL) sorts as the rows are ordered.
  const sorted = [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]): OfflineTakingRow => ({ ...r, taken: yen(r.taken), toReturn: yen(r.toReturn), kept: yen(r.taken - r.toReturn) }));
  const sum = (f: (r: OfflineTakingRow) => number) => sorted.reduce((s, r) => s + f(r), 0);
  return {
    rows: sorted,
    totals: { count: sum((r) => r.count), taken: yen(sum((r) => r.taken)), toReturn: yen(sum((r) => r.toReturn)), kept: yen(sum((r) => r.kept)) },
  };
};
