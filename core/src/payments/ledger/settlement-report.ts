import { err, ok, type Result } from "neverthrow";
import { yen, type Yen } from "../../shared/yen.ts";
import type { MoneyEvent } from "./money-state.ts";

/**
 * The payment agent's card fee rate in basis points (1/100 of a percent): 350 = 3.5 %. An integer, so the
 * fee is computed in integers and the same on every machine.
 */
export type CardFeeRateBasisPoints = number & { readonly __brand: "CardFeeRateBasisPoints" };

/**
 * Reads a rate written as a percent with at most two decimals (`"3.5"`, `"3.24"`, `"0"`), the way a
 * contract with a payment agent states it, into basis points; at most 100 %.
 */
export const parseCardFeeRate = (text: string): Result<CardFeeRateBasisPoints, "invalid_card_fee_rate"> => {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (m === null) return err("invalid_card_fee_rate");
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? ok(bp as CardFeeRateBasisPoints) : err("invalid_card_fee_rate");
};

/**
 * The card fee on `captured` yen: captured × rate, **rounded down to the yen** (端数切捨て), once per report
 * row (day × procedure) — the agent's statement rounds per its own rule, so a row may differ from it by
 * less than one yen. Refunds do not give the fee back (agents keep it), so it is on captures only.
 */
export const cardFee = (captured: number, rate: CardFeeRateBasisPoints): Yen => yen(Math.floor((captured * rate) / 10_000));

/** One money event of one application, as the report reads it. */
export interface LedgerEntry {
  readonly applicationId: string;
  readonly procedureId: string;
  readonly event: MoneyEvent;
}

/** One row: what moved on one day (JST) for one procedure. */
export interface SettlementRow {
  /** The calendar day in Japan, `YYYY-MM-DD`. */
  readonly day: string;
  readonly procedureId: string;
  /** Number of captures that day. */
  readonly count: number;
  readonly captured: Yen;
  readonly refunded: Yen;
  readonly cardFee: Yen;
  /** captured − refunded − card fee: what the municipality receives for the row (may be negative). */
  readonly net: number;
}

/** The report: rows ordered by day then procedure, and their sums. */
export interface SettlementReport {
  readonly rows: readonly SettlementRow[];
  readonly totals: { readonly count: number; readonly captured: Yen; readonly refunded: Yen; readonly cardFee: Yen; readonly net: number };
}

const JST_OFFSET_MS = 9 * 60 * 60_000;

/** The Japanese calendar day of an instant (Japan has no daylight saving time: UTC+9 all year). */
export const jstDay = (at: Date): string => new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The daily settlement report: per day (JST) and procedure, the captures (count and yen), the refunds and
 * the card fee at `rate`. Only `captured` and `refunded` events move money; authorisations and voids are
 * holds, and fee changes are promises. `from`/`to` are inclusive JST days (`YYYY-MM-DD`).
 */
export const settlementReport = (
  entries: readonly LedgerEntry[],
  rate: CardFeeRateBasisPoints,
  period: { readonly from: string; readonly to: string },
): SettlementReport => {
  const byKey = new Map<string, { day: string; procedureId: string; count: number; captured: number; refunded: number }>();
  for (const { procedureId, event } of entries) {
    if (event.kind !== "captured" && event.kind !== "refunded") continue;
    const day = jstDay(event.at);
    if (day < period.from || day > period.to) continue;
    const key = `${day}\u0000${procedureId}`;
    const row = byKey.get(key) ?? { day, procedureId, count: 0, captured: 0, refunded: 0 };
    if (event.kind === "captured") {
      row.count += 1;
      row.captured += event.amount;
    } else {
      row.refunded += event.amount;
    }
    byKey.set(key, row);
  }
  const rows = [...byKey.values()]
    .sort((a, b) => (a.day === b.day ? (a.procedureId < b.procedureId ? -1 : a.procedureId > b.procedureId ? 1 : 0) : a.day < b.day ? -1 : 1))
    .map((r): SettlementRow => {
      const fee = cardFee(r.captured, rate);
      return { ...r, captured: yen(r.captured), refunded: yen(r.refunded), cardFee: fee, net: r.captured - r.refunded - fee };
    });
  const add = (f: (r: SettlementRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    rows,
    totals: {
      count: add((r) => r.count),
      captured: yen(add((r) => r.captured)),
      refunded: yen(add((r) => r.refunded)),
      cardFee: yen(add((r) => r.cardFee)),
      net: add((r) => r.net),
    },
  };
};
