import { stripeLikeId } from "./stripe-ids.ts";

/**
 * The contract server's balance transactions (API reference, "Balance Transactions" and "List all
 * balance transactions"; ADR 0029), kept apart from the server's PaymentIntent code: the server books
 * one when a charge is captured (type `charge`, positive) and one per refund (type `refund`, negative),
 * and routes `GET /v1/balance_transactions` here. The list filters by `type`, `currency`,
 * `created[gte|gt|lte|lt]`, returns newest first, `limit` (1–100, default 10) per page after
 * `starting_after`, with `has_more`, and expands `data.source` and `data.source.payment_intent`.
 */
export interface BalanceTransactionBook {
  /** Books a movement; `source()` is read at listing time (the charge or refund as it is then). */
  book(entry: { readonly type: "charge" | "refund"; readonly amount: number; readonly paymentIntent: string; readonly source: () => Record<string, unknown> & { readonly id: string } }): void;
  /** The answer to `GET /v1/balance_transactions` with these query parameters. */
  list(params: Readonly<Record<string, unknown>>, intentJson: (paymentIntentId: string) => unknown): { readonly status: number; readonly body: unknown };
}

interface Booked {
  readonly id: string;
  readonly type: "charge" | "refund";
  readonly amount: number;
  readonly created: number;
  readonly paymentIntent: string;
  readonly source: () => Record<string, unknown> & { readonly id: string };
}

const invalid = (message: string, param: string) => ({ status: 400, body: { error: { type: "invalid_request_error", message, param } } });

export const createBalanceTransactionBook = (now: () => number = () => Math.floor(Date.now() / 1000)): BalanceTransactionBook => {
  const booked: Booked[] = [];
  return {
    book: (entry) => {
      booked.push({ ...entry, id: stripeLikeId("txn"), created: now(), amount: entry.type === "refund" ? -Math.abs(entry.amount) : entry.amount });
    },
    list: (params, intentJson) => {
      const created = typeof params["created"] === "object" && params["created"] !== null ? (params["created"] as Record<string, string>) : {};
      const bound = (name: string): number | undefined => {
        const v = created[name];
        return v === undefined ? undefined : /^\d{1,12}$/.test(v) ? Number(v) : Number.NaN;
      };
      const [gte, gt, lte, lt] = [bound("gte"), bound("gt"), bound("lte"), bound("lt")];
      if ([gte, gt, lte, lt].some((b) => Number.isNaN(b))) return invalid("Invalid timestamp", "created");
      const limitText = typeof params["limit"] === "string" ? params["limit"] : "10";
      if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100) return invalid("Invalid limit: must be between 1 and 100", "limit");
      const limit = Number(limitText);
      const type = typeof params["type"] === "string" ? params["type"] : undefined;
      const currency = typeof params["currency"] === "string" ? params["currency"] : undefined;
      const expand = Array.isArray(params["expand"]) ? (params["expand"] as string[]) : [];
      // Newest first; among equal seconds, the later booked first.
      const matching = booked
        .map((b, i) => ({ b, i }))
        .filter(
          ({ b }) =>
            (type === undefined || b.type === type) &&
            (currency === undefined || currency === "jpy") &&
            (gte === undefined || b.created >= gte) &&
            (gt === undefined || b.created > gt) &&
            (lte === undefined || b.created <= lte) &&
            (lt === undefined || b.created < lt),
        )
        .sort((x, y) => y.b.created - x.b.created || y.i - x.i)
        .map(({ b }) => b);
      const after = typeof params["starting_after"] === "string" ? params["starting_after"] : undefined;
      let start = 0;
      if (after !== undefined) {
        const at = matching.findIndex((b) => b.id === after);
        if (at < 0) return { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such balance transaction: '${after}'`, param: "starting_after" } } };
        start = at + 1;
      }
      const page = matching.slice(start, start + limit);
      const sourceOf = (b: Booked): unknown => {
        if (expand.includes("data.source.payment_intent")) return { ...b.source(), payment_intent: intentJson(b.paymentIntent) };
        return expand.includes("data.source") ? b.source() : b.source().id;
      };
      return {
        status: 200,
        body: {
          object: "list",
          url: "/v1/balance_transactions",
          has_more: start + limit < matching.length,
          data: page.map((b) => ({
            id: b.id,
            object: "balance_transaction",
            amount: b.amount,
            currency: "jpy",
            created: b.created,
            available_on: b.created,
            fee: 0,
            net: b.amount,
            status: "pending",
            reporting_category: b.type,
            type: b.type,
            source: sourceOf(b),
          })),
        },
      };
    },
  };
};
