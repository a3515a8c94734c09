import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  ApplicationId,
  canSeeApplication,
  decideFeeChange,
  editOrFixFee,
  FEE_REASON_MAX,
  feeChangeNeedsApproval,
  japanMidnight,
  findProcedure,
  moneyTotals,
  paymentDueMessage,
  settlementReport,
  applicationsSubmittedSince,
  offlineTakings,
  OFFLINE_PAYMENT_LABELS,
  type Application,
  type ApplicationBooks,
  type FeeChangeRefused,
  type LedgerRecord,
  type MoneyRefused,
} from "@madoguchi/core";
import { auditDenied, logAuditEntries, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import { csvBytes, type CsvEncoding } from "../../export/csv.ts";
import { carryOutMoney, ledgerRecord, loadBooks, planForStatus, type MoneyRunError } from "../../payments/application-money.ts";
import { matchingCsvRows, matchingVerdict, matchWithGateway } from "../../payments/settlement-matching-view.ts";
import { disagreementsOf, disagreementsSince } from "../../payments/payment-disagreements.ts";
import { passApprovalGate } from "../approvals/approval-gate.ts";
import { decodeBody } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { procedureNameOf } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission, staffAccessOf } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";

const FeeChangeBody = Schema.Struct({
  /** How many records the books held when the member loaded them: a change from stale books is refused. */
  expectedCount: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  edits: Schema.Array(
    Schema.Struct({
      index: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 100 }))),
      quantity: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 }))),
      exemptionReason: Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isMaxLength(FEE_REASON_MAX)))),
    }),
  ).pipe(Schema.check(Schema.isMaxLength(100))),
  reason: Schema.String.pipe(Schema.check(Schema.isMaxLength(FEE_REASON_MAX))),
  approvalId: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(100)))),
});

/** The codes of this file's refusals, each with its status and a Japanese and English message. */
type FeeAnswerCode = FeeChangeRefused["code"] | MoneyRefused["code"] | "fee.closed" | "fee.paid_outside_card" | "money.concurrent_modification" | "money.books_broken" | "settlement.invalid_period" | "payments.invalid_days";

const ANSWERS: Readonly<Record<FeeAnswerCode, { readonly status: number; readonly ja: string; readonly en: string }>> = {
  "fee.reason_required": { status: 422, ja: "変更の理由を入力してください（500文字まで）。", en: "Enter the reason for the change (up to 500 characters)." },
  "fee.invalid_edit": { status: 422, ja: "数量は1〜1000の整数で、郵送料は1のままにしてください。", en: "Quantities are whole numbers from 1 to 1000; postage stays at 1." },
  "fee.unchanged": { status: 422, ja: "手数料が変わっていません。", en: "The fee does not change." },
  "fee.paid_outside_card": {
    status: 409,
    ja: "職員が代理入力した申請の手数料は、定額小為替や現金で精算します。差額は窓口または郵送で精算してください。この画面では変更できません。",
    en: "The fee of an application entered by staff is settled by postal money order or cash; settle any difference at the counter or by mail; it cannot be changed here.",
  },
  "fee.closed": { status: 409, ja: "不受理または取下げの申請の手数料は変更できません。", en: "The fee of a rejected or withdrawn application cannot be changed." },
  "money.fee_not_fixed": { status: 409, ja: "事後決済の手数料がまだ確定していません。先に手数料を確定してください。", en: "The fee (pay after assessment) is not fixed yet. Fix the fee first." },
  "money.difference_unpaid": { status: 409, ja: "申請者が差額をまだ支払っていません。支払いの後に完了にしてください。", en: "The resident has not paid the difference yet. Complete the application after it is paid." },
  "money.concurrent_modification": { status: 409, ja: "ほかの職員が支払いを変更しました。画面を再読み込みしてください。", en: "Another staff member changed the payment. Please reload the page." },
  "money.books_broken": { status: 500, ja: "支払いの記録が矛盾しています。管理者に連絡してください。", en: "The payment records are inconsistent. Please contact the administrator." },
  "settlement.invalid_period": { status: 400, ja: "期間は YYYY-MM-DD で、366日以内で指定してください。", en: "Give the period as YYYY-MM-DD, at most 366 days." },
  "payments.invalid_days": { status: 400, ja: "日数は 1〜366 の整数で指定してください。", en: "Give the number of days as a whole number from 1 to 366." },
};

const answer = (res: Response, req: Request, code: FeeAnswerCode, extra: Record<string, unknown> = {}): void => {
  const a = ANSWERS[code];
  res.status(a.status).json({ error: { code, message: requestLocale(req) === "ja" ? a.ja : a.en }, ...extra });
};

/** A storage or gateway failure, or broken books, as the answer. */
const failed = (res: Response, req: Request, e: MoneyRunError): void => {
  if (e._tag === "MoneyInvariantViolation") return answer(res, req, "money.books_broken");
  if (e._tag === "StorageError" && e.reason === "conflict") return answer(res, req, "money.concurrent_modification");
  const { status, body } = errorResponse(e, requestLocale(req));
  res.status(status).json(body);
};

/** The answer when completion must wait for the money (fee not fixed, difference unpaid) or the books cannot be read. */
export const refuseCompletion = (req: Request, res: Response, e: MoneyRunError | MoneyRefused): void =>
  e._tag === "MoneyRefused" ? answer(res, req, e.code, { pendingDifference: e.pendingDifference }) : failed(res, req, e);

/** The books as staff see them: the fee in force, the sums, each authorisation, and every fee change with its reason. */
export const moneyView = (books: ApplicationBooks, records: readonly LedgerRecord[], submittedTotal: number) => {
  let due = submittedTotal;
  const feeChanges = records.flatMap((r) => {
    if (r.event.kind !== "fee_fixed" || r.feeChange === null) return [];
    const change = { at: r.event.at.toISOString(), staffId: r.feeChange.staffId, from: due, to: r.event.due, reason: r.feeChange.reason, approvalId: r.feeChange.approvalId };
    due = r.event.due;
    return [change];
  });
  return {
    count: books.count,
    feeFixed: books.state.feeFixed,
    due: books.state.due,
    fee: books.fee,
    totals: moneyTotals(books.state),
    authorizations: books.state.authorizations,
    feeChanges,
  };
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** 00:00 in Japan of a `YYYY-MM-DD` day, as an instant (JST is UTC+9 all year). */

/**
 * Staff fee changes, the money of an application, and the daily settlement report (ADR 26). Changing a fee
 * needs `fees.change`, a recent step-up and, above the threshold, a second person's approval; the fee change
 * and its audit entry are one write of the books; the refunds it decides go through the gateway after.
 */
export const feeRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canView = requirePermission(deps, "applications.view");
  const canChangeFee = requirePermission(deps, "fees.change");

  /** The application if the member's groups cover it; otherwise 404 as if absent, and the refusal recorded. */
  const findVisible = async (req: Request, res: Response): Promise<Application | null> => {
    const found = await deps.applications.findById(ApplicationId(String(req.params["id"]).slice(0, 100)));
    if (found.isErr()) {
      const { status, body } = errorResponse(found.error, requestLocale(req));
      res.status(status).json(body);
      return null;
    }
    const a = found.value;
    if (a !== null && canSeeApplication(staffAccessOf(res), a, findProcedure(deps.catalog, a.procedureId))) return a;
    if (a !== null) {
      await recordAudit(deps, [
        staffActionDraft(deps, req, staffSession(res).staff.id, "authorization.denied", { kind: "application", id: a.id }, { reason: "out_of_scope", method: req.method, path: req.path.slice(0, 200) }, "denied"),
      ]);
    }
    const { status, body } = errorResponse({ _tag: "ApplicationNotFound", code: "application.not_found" }, requestLocale(req));
    res.status(status).json(body);
    return null;
  };

  const view = async (req: Request, res: Response, a: Application, extra: Record<string, unknown> = {}): Promise<void> => {
    const records = await deps.paymentLedger.listForApplication(a.id);
    if (records.isErr()) return failed(res, req, records.error);
    const books = await loadBooks(deps, a);
    if (books.isErr()) return failed(res, req, books.error);
    // What the sweep or a webhook found the gateway disagreeing with the books about: staff must look.
    const disagreements = await disagreementsOf(deps.auditLog, a.id);
    if (disagreements.isErr()) return failed(res, req, disagreements.error);
    res.json({ ...moneyView(books.value, records.value, a.fee.total), disagreements: disagreements.value, approvalThreshold: deps.feeApprovalThreshold, ...extra });
  };

  router.get("/api/staff/applications/:id/money", staffOnly, canView, async (req, res) => {
    const a = await findVisible(req, res);
    if (a === null) return;
    await view(req, res, a);
  });

  router.post("/api/staff/applications/:id/fee", staffOnly, canChangeFee, requireRecentStepUp(deps), async (req, res) => {
    const body = decodeBody(FeeChangeBody, req, res, requestLocale(req));
    if (body === null) return;
    const a = await findVisible(req, res);
    if (a === null) return;
    if (a.status === "rejected" || a.status === "withdrawn") return answer(res, req, "fee.closed");
    // S5: its money is not in the card books, which could only ask the resident for a card payment.
    if (a.intake !== undefined) return answer(res, req, "fee.paid_outside_card");
    const books = await loadBooks(deps, a);
    if (books.isErr()) return failed(res, req, books.error);
    if (books.value.count !== body.expectedCount) return answer(res, req, "money.concurrent_modification");
    // 事後決済: the first change fixes the fee, also as estimated (no edit).
    const next = editOrFixFee(books.value.fee, body.edits, body.reason, books.value.state.feeFixed);
    if (next.isErr()) return answer(res, req, next.error.code);
    const from = books.value.state.feeFixed ? books.value.state.due : books.value.fee.total;
    const to = next.value.total;
    const needsApproval = feeChangeNeedsApproval(from, to, deps.feeApprovalThreshold);
    if (needsApproval && !(await passApprovalGate(deps, req, res, { kind: "fee.change", subject: { applicationId: a.id, from, to }, approvalId: body.approvalId }))) return;
    const now = deps.clock.now();
    const decision = decideFeeChange(books.value.state, to, now);
    if (decision.isErr()) return answer(res, req, "money.books_broken");
    const staffId = staffSession(res).staff.id;
    const approvalId = needsApproval ? (body.approvalId ?? null) : null;
    // Amounts, effect and approval only: the reason is free text and stays in the books.
    const audit = staffActionDraft(deps, req, staffId, "fee.changed", { kind: "application", id: a.id }, { from, to, effect: decision.value.effect, approvalId });
    const record = ledgerRecord(a, books.value, { kind: "fee_fixed", due: to, at: now }, { fee: next.value, reason: body.reason.trim(), staffId, approvalId });
    // The resident is mailed what there is to pay (the whole fee of a 事後決済 application, or a difference), by
    // the outbox written with the change: kept even if the mail server is down, never sent for a change not kept.
    const owed = moneyTotals(decision.value.next).pendingDifference;
    const mail = decision.value.effect === "request_payment" && owed > 0 ? [paymentDueMessage(a.id, { amount: owed, reason: books.value.state.feeFixed ? "difference" : "fee_fixed", seq: record.seq }, now)] : [];
    const written = await deps.paymentLedger.append(a.id, books.value.count, [record], [audit], mail);
    if (written.isErr()) return failed(res, req, written.error);
    logAuditEntries(deps.logger, [audit]);
    if (mail.length > 0) deps.kickOutbox();
    // The refunds it decided: through the gateway now; a failure leaves the books saying so and is retried by the next change or settle.
    const carried = await carryOutMoney(deps, a, planForStatus(a));
    const pending = carried.isErr() ? { moneyError: carried.error._tag === "MoneyInvariantViolation" ? carried.error.code : `${carried.error._tag === "PaymentError" ? "payment" : "storage"}.${carried.error.reason}` } : {};
    if (carried.isErr()) deps.logger.warn({ event: "money.carry_out_failed", target: a.id, error: pending.moneyError }, "money");
    await view(req, res, a, { effect: decision.value.effect, ...pending });
  });

  /** Carries out what the books still need (after a gateway timeout): the same next call with the same key. */
  router.post("/api/staff/applications/:id/money/settle", staffOnly, canChangeFee, async (req, res) => {
    const a = await findVisible(req, res);
    if (a === null) return;
    const carried = await carryOutMoney(deps, a, planForStatus(a));
    if (carried.isErr()) return failed(res, req, carried.error);
    await view(req, res, a);
  });

  // Disagreements with the payment agent across applications, the last `days` (1–366, default 90), newest first.
  router.get("/api/staff/payments/disagreements", staffOnly, canChangeFee, async (req, res) => {
    const days = req.query["days"] === undefined ? 90 : Number(req.query["days"]);
    if (!Number.isInteger(days) || days < 1 || days > 366) return answer(res, req, "payments.invalid_days");
    const listed = await disagreementsSince(deps, new Date(deps.clock.now().getTime() - days * 86_400_000));
    if (listed.isErr()) return failed(res, req, listed.error);
    res.json({ days, items: listed.value });
  });

  router.get("/api/staff/settlement", staffOnly, canChangeFee, async (req, res) => {
    const from = String(req.query["from"] ?? "");
    const to = String(req.query["to"] ?? "");
    if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(japanMidnight(from).getTime()) || Number.isNaN(japanMidnight(to).getTime())) return answer(res, req, "settlement.invalid_period");
    const start = japanMidnight(from);
    const end = new Date(japanMidnight(to).getTime() + 24 * 3_600_000);
    if (end.getTime() <= start.getTime() || end.getTime() - start.getTime() > 366 * 24 * 3_600_000) return answer(res, req, "settlement.invalid_period");
    const records = await deps.paymentLedger.listBetween(start, end);
    if (records.isErr()) return failed(res, req, records.error);
    const report = settlementReport(records.value, deps.cardFeeRate, { from, to });
    // S5: what staff took in by postal money order or cash for the requests they entered, the same days (ADR 40).
    const recent = await applicationsSubmittedSince(deps.applications, {}, start);
    if (recent.isErr()) return failed(res, req, recent.error);
    const offline = offlineTakings(recent.value, { from, to });
    const locale = requestLocale(req);
    const name = (id: string) => procedureNameOf(deps.catalog, id as Application["procedureId"])[locale];
    // 照合 (ADR 29): the gateway's own records of the same period; reading them is audited with the report.
    const matching = await matchWithGateway(deps, records.value, { from, to }, { start, end });
    const format = req.query["format"] === "csv" ? "csv" : "json";
    const differences = matching.state === "differs" ? matching.differences.length : 0;
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffSession(res).staff.id, "settlement.viewed", { kind: "fee", id: `settlement:${from}..${to}` }, { from, to, format, matching: matching.state, differences })]);
    if (!audited) return void res.status(503).json({ error: { code: "audit.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
    if (format === "json") {
      res.json({
        ...report,
        rows: report.rows.map((r) => ({ ...r, procedureName: name(r.procedureId) })),
        cardFeeRateBasisPoints: deps.cardFeeRate,
        from,
        to,
        matching: { ...matching, verdict: matchingVerdict(matching, locale) },
        offline: { ...offline, rows: offline.rows.map((r) => ({ ...r, procedureName: name(r.procedureId), kindLabel: OFFLINE_PAYMENT_LABELS[r.kind][locale] })) },
      });
      return;
    }
    const encoding: CsvEncoding = req.query["encoding"] === "shift_jis" ? "shift_jis" : "utf-8";
    const ja = locale === "ja";
    const header = ja ? ["日付", "手続", "件数", "売上額", "返金額", "カード手数料", "差引額"] : ["Date", "Procedure", "Count", "Captured", "Refunded", "Card fee", "Net"];
    const rows = report.rows.map((r) => [r.day, name(r.procedureId), r.count, r.captured, r.refunded, r.cardFee, r.net]);
    const t = report.totals;
    const total = [ja ? "合計" : "Total", "", t.count, t.captured, t.refunded, t.cardFee, t.net];
    res.setHeader("content-type", `text/csv; charset=${encoding === "utf-8" ? "utf-8" : "shift_jis"}; header=present`);
    res.setHeader("content-disposition", `attachment; filename="madoguchi-settlement-${from}-${to}.csv"`);
    const offlineHeader = ja ? ["日付（代理入力）", "手続", "支払方法", "件数", "収納額", "返還対象", "差引額"] : ["Date (entered by staff)", "Procedure", "Paid by", "Count", "Taken", "To return", "Kept"];
    const offlineRows = offline.rows.map((r) => [r.day, name(r.procedureId), OFFLINE_PAYMENT_LABELS[r.kind][locale], r.count, r.taken, r.toReturn, r.kept]);
    const o = offline.totals;
    const offlineTotal = [ja ? "合計" : "Total", "", "", o.count, o.taken, o.toReturn, o.kept];
    res.send(csvBytes([header, ...rows, total, ...matchingCsvRows(matching, locale), [], offlineHeader, ...offlineRows, offlineTotal], encoding));
  });

  return router;
};
