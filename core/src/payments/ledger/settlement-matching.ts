import { yen, type Yen } from "../../shared/yen.ts";
import type { SettlementRecord } from "../payment-gateway.port.ts";
import { jstDay, type LedgerEntry } from "./settlement-report.ts";

/** What moved of one authorisation on one side: captured and refunded yen. */
export interface MovedAmounts {
  readonly captured: Yen;
  readonly refunded: Yen;
}

/**
 * How one authorisation's money of the period compares (ADR 0029):
 * - `matched`: our books and the gateway's records moved the same captured and refunded yen;
 * - `amount_differs`: both moved money of it, not the same (`ours` and `theirs` say how);
 * - `only_ours`: our books say money moved, the gateway's records of the period have none of it;
 * - `only_gateway`: the gateway moved money our books do not know (e.g. a capture whose answer was lost).
 */
export type MatchStatus = "matched" | "amount_differs" | "only_ours" | "only_gateway";

/** One authorisation's comparison. `applicationId` from our books, `idempotencyKey` from the gateway's records. */
export interface AuthorizationMatch {
  readonly authorizationId: string;
  readonly status: MatchStatus;
  /** The application our books book it under; `null` when our books have none of it in the period. */
  readonly applicationId: string | null;
  /** The gateway's idempotency key of the authorisation (names our application even when our books do not). */
  readonly idempotencyKey: string | null;
  /** `null` for `only_gateway`. */
  readonly ours: MovedAmounts | null;
  /** `null` for `only_ours`. */
  readonly theirs: MovedAmounts | null;
}

/** One day (JST) of the period: the totals each side booked on it, and whether they agree. */
export interface DayMatch {
  /** `YYYY-MM-DD` in Japan. */
  readonly day: string;
  readonly ours: MovedAmounts;
  readonly theirs: MovedAmounts;
  readonly agrees: boolean;
}

/** The matching of a period: every authorisation with money moved on either side, every day with any. */
export interface SettlementMatching {
  /** True when every authorisation is `matched` and every day agrees: "照合: 一致". */
  readonly agrees: boolean;
  /** Ordered: differences first (by status, then id), then the matched ones by id. */
  readonly authorizations: readonly AuthorizationMatch[];
  /** Days with money moved on either side, in order. */
  readonly days: readonly DayMatch[];
  readonly totals: { readonly ours: MovedAmounts; readonly theirs: MovedAmounts };
}

interface Sums {
  captured: number;
  refunded: number;
}
const sums = (): Sums => ({ captured: 0, refunded: 0 });
const add = (s: Sums, kind: "capture" | "refund", amount: number): void => {
  if (kind === "capture") s.captured += amount;
  else s.refunded += amount;
};
const moved = (s: Sums): MovedAmounts => ({ captured: yen(s.captured), refunded: yen(s.refunded) });
const same = (a: Sums, b: Sums): boolean => a.captured === b.captured && a.refunded === b.refunded;

const STATUS_ORDER: Readonly<Record<MatchStatus, number>> = { only_gateway: 0, only_ours: 1, amount_differs: 2, matched: 3 };
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Matches our books against the gateway's own records for the JST days `from`…`to` (inclusive): per
 * authorisation (captured and refunded yen) and per day (totals). Each side is read on its own clock — a
 * movement in our books and at the gateway on either side of midnight makes the two days disagree, as it
 * would on the payment agent's daily statement. Entries and records outside the period are ignored, so
 * the callers may read a little more. Pure: the same inputs in any order give the same answer.
 */
export const matchSettlement = (
  ours: readonly LedgerEntry[],
  theirs: readonly SettlementRecord[],
  period: { readonly from: string; readonly to: string },
): SettlementMatching => {
  const inPeriod = (at: Date): string | null => {
    const day = jstDay(at);
    return day >= period.from && day <= period.to ? day : null;
  };
  const byAuthorization = new Map<string, { ours: Sums | null; theirs: Sums | null; applicationId: string | null; idempotencyKey: string | null }>();
  const byDay = new Map<string, { ours: Sums; theirs: Sums }>();
  const entry = (id: string) => {
    const found = byAuthorization.get(id) ?? { ours: null, theirs: null, applicationId: null, idempotencyKey: null };
    byAuthorization.set(id, found);
    return found;
  };
  const dayOf = (day: string) => {
    const found = byDay.get(day) ?? { ours: sums(), theirs: sums() };
    byDay.set(day, found);
    return found;
  };

  for (const { applicationId, event } of ours) {
    if (event.kind !== "captured" && event.kind !== "refunded") continue;
    const day = inPeriod(event.at);
    if (day === null) continue;
    const kind = event.kind === "captured" ? "capture" : "refund";
    const e = entry(event.authorizationId);
    e.ours ??= sums();
    add(e.ours, kind, event.amount);
    // Several applications never share an authorisation; the smallest id keeps the answer order-independent.
    if (e.applicationId === null || applicationId < e.applicationId) e.applicationId = applicationId;
    add(dayOf(day).ours, kind, event.amount);
  }
  for (const record of theirs) {
    const day = inPeriod(record.at);
    if (day === null) continue;
    const e = entry(record.authorizationId);
    e.theirs ??= sums();
    add(e.theirs, record.kind, record.amount);
    if (record.idempotencyKey !== null && (e.idempotencyKey === null || record.idempotencyKey < e.idempotencyKey)) e.idempotencyKey = record.idempotencyKey;
    add(dayOf(day).theirs, record.kind, record.amount);
  }

  const authorizations = [...byAuthorization.entries()]
    .map(([authorizationId, e]): AuthorizationMatch => {
      const status: MatchStatus = e.ours === null ? "only_gateway" : e.theirs === null ? "only_ours" : same(e.ours, e.theirs) ? "matched" : "amount_differs";
      return {
        authorizationId,
        status,
        applicationId: e.applicationId,
        idempotencyKey: e.idempotencyKey,
        ours: e.ours === null ? null : moved(e.ours),
        theirs: e.theirs === null ? null : moved(e.theirs),
      };
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byText(a.authorizationId, b.authorizationId));
  const days = [...byDay.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([day, d]): DayMatch => ({ day, ours: moved(d.ours), theirs: moved(d.theirs), agrees: same(d.ours, d.theirs) }));
  const total = (side: "ours" | "theirs"): MovedAmounts => ({
    captured: yen(days.reduce((s, d) => s + d[side].captured, 0)),
    refunded: yen(days.reduce((s, d) => s + d[side].refunded, 0)),
  });
  return {
    agrees: authorizations.every((a) => a.status === "matched") && days.every((d) => d.agrees),
    authorizations,
    days,
    totals: { ours: total("ours"), theirs: total("theirs") },
  };
};

/**
 * Which application a gateway idempotency key names, from the keys madoguchi makes: a submission's
 * authorisation `auth-<submission key>-<16 hex>` (`paymentIdempotencyKey`) or a paid difference
 * `diff-<application id>-<n>-<16 hex>`. `null` for any other key (another system's charge).
 */
export const applicationOfPaymentKey = (
  key: string,
): { readonly kind: "submission"; readonly submissionKey: string } | { readonly kind: "application"; readonly applicationId: string } | null => {
  const diff = /^diff-(.+)-\d+-[0-9a-f]{16}$/.exec(key);
  if (diff?.[1] !== undefined) return { kind: "application", applicationId: diff[1] };
  const auth = /^auth-(.+)-[0-9a-f]{16}$/.exec(key);
  if (auth?.[1] !== undefined) return { kind: "submission", submissionKey: auth[1] };
  return null;
};
