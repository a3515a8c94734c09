import {
  ApplicationId,
  applicationOfPaymentKey,
  matchSettlement,
  type ApplicationStore,
  type AuthorizationMatch,
  type DayMatch,
  type LedgerEntry,
  type MatchStatus,
  type MovedAmounts,
  type PaymentError,
  type PaymentGateway,
} from "@madoguchi/core";

/** One authorisation that does not match, as staff see it: the receipt number, never the applicant. */
export interface MatchingDifference {
  readonly authorizationId: string;
  readonly status: Exclude<MatchStatus, "matched">;
  /** The application's receipt number when our books or the gateway's key name one we know; else `null`. */
  readonly receiptNumber: string | null;
  readonly ours: MovedAmounts | null;
  readonly theirs: MovedAmounts | null;
}

/**
 * The settlement report's "照合" (ADR 29): our books against the gateway's own records of the same period.
 * `unsupported`: the gateway does not declare `settlementRecords`; `unavailable`: it could not be read now.
 */
export type SettlementMatchingView =
  | { readonly state: "unsupported" }
  | { readonly state: "unavailable"; readonly reason: PaymentError["reason"] }
  | {
      readonly state: "matched" | "differs";
      readonly matchedCount: number;
      readonly differences: readonly MatchingDifference[];
      readonly days: readonly DayMatch[];
      readonly totals: { readonly ours: MovedAmounts; readonly theirs: MovedAmounts };
    };

/** At most this many differences get a receipt number looked up (each is one read); the rest show the gateway id only. */
const MAX_LOOKUPS = 200;

/** The receipt number of the application a difference belongs to, from our books or the gateway's key. */
const receiptNumberOf = async (applications: ApplicationStore, match: AuthorizationMatch): Promise<string | null> => {
  const link = match.applicationId !== null ? { kind: "application" as const, applicationId: match.applicationId } : match.idempotencyKey === null ? null : applicationOfPaymentKey(match.idempotencyKey);
  if (link === null) return null;
  const found = link.kind === "application" ? await applications.findById(ApplicationId(link.applicationId)) : await applications.findBySubmissionKey(link.submissionKey);
  return found.isOk() && found.value !== null ? found.value.receiptNumber : null;
};

/**
 * Reads the gateway's records of `[start, end)` and matches them with our books' `entries` for the JST
 * days `period` (ADR 29). Never fails: a gateway that cannot be read is a state of the answer, so the
 * report itself (our books) is always shown.
 */
export const matchWithGateway = async (
  deps: { readonly gateway: PaymentGateway; readonly applications: ApplicationStore },
  entries: readonly LedgerEntry[],
  period: { readonly from: string; readonly to: string },
  window: { readonly start: Date; readonly end: Date },
): Promise<SettlementMatchingView> => {
  if (!deps.gateway.meta.capabilities.has("settlementRecords")) return { state: "unsupported" };
  const records = await deps.gateway.listSettlementRecords({ from: window.start, to: window.end });
  if (records.isErr()) return { state: "unavailable", reason: records.error.reason };
  const matching = matchSettlement(entries, records.value, period);
  const unmatched = matching.authorizations.filter((a) => a.status !== "matched");
  const differences: MatchingDifference[] = [];
  for (const [i, a] of unmatched.entries()) {
    if (a.status === "matched") continue;
    const receiptNumber = i < MAX_LOOKUPS ? await receiptNumberOf(deps.applications, a) : null;
    differences.push({ authorizationId: a.authorizationId, status: a.status, receiptNumber, ours: a.ours, theirs: a.theirs });
  }
  return {
    state: matching.agrees ? "matched" : "differs",
    matchedCount: matching.authorizations.length - unmatched.length,
    differences,
    days: matching.days,
    totals: matching.totals,
  };
};

const STATUS_LABELS: Readonly<Record<Exclude<MatchStatus, "matched">, { readonly ja: string; readonly en: string }>> = {
  amount_differs: { ja: "金額が異なる", en: "Amounts differ" },
  only_ours: { ja: "当方の記録のみ", en: "Only in our books" },
  only_gateway: { ja: "決済代行の記録のみ", en: "Only at the payment agent" },
};

/** The one-line verdict: "照合: 一致", or what kept it from agreeing. */
export const matchingVerdict = (view: SettlementMatchingView, locale: "ja" | "en"): string => {
  const ja = locale === "ja";
  switch (view.state) {
    case "matched":
      return ja ? "照合: 一致" : "Reconciliation: matches";
    case "differs":
      return ja ? `照合: 不一致（${view.differences.length}件の決済、${view.days.filter((d) => !d.agrees).length}日の日計）` : `Reconciliation: differs (${view.differences.length} payments, ${view.days.filter((d) => !d.agrees).length} daily totals)`;
    case "unsupported":
      return ja ? "照合: この決済代行の記録は読み取れません" : "Reconciliation: this payment gateway's records cannot be read";
    case "unavailable":
      return ja ? "照合: 決済代行の記録を取得できませんでした。しばらくしてから再度表示してください" : "Reconciliation: the payment agent's records could not be read; please try again later";
  }
};

/**
 * The CSV section after the report's total: a blank line, the verdict, then (when it differs) one row per
 * payment and per day that differs — receipt number, gateway id, what, our and the agent's captured and
 * refunded yen. Ids and amounts only: no personal data.
 */
export const matchingCsvRows = (view: SettlementMatchingView, locale: "ja" | "en"): (string | number)[][] => {
  const ja = locale === "ja";
  const rows: (string | number)[][] = [[], [matchingVerdict(view, locale)]];
  if (view.state !== "differs") return rows;
  rows.push(ja ? ["受付番号／日付", "決済ID", "内容", "当方売上額", "当方返金額", "決済代行売上額", "決済代行返金額"] : ["Receipt number / date", "Payment id", "What", "Our captured", "Our refunded", "Agent captured", "Agent refunded"]);
  const amounts = (m: MovedAmounts | null) => (m === null ? ["", ""] : [m.captured, m.refunded]);
  for (const d of view.differences) rows.push([d.receiptNumber ?? "", d.authorizationId, STATUS_LABELS[d.status][locale], ...amounts(d.ours), ...amounts(d.theirs)]);
  for (const d of view.days.filter((x) => !x.agrees)) rows.push([d.day, "", ja ? "日計が異なる" : "Daily totals differ", ...amounts(d.ours), ...amounts(d.theirs)]);
  return rows;
};
