import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { okAsync } from "neverthrow";
import {
  applyMoneyEvent,
  findApplicationForResident,
  findProcedure,
  IdempotencyKey,
  moneyTotals,
  paymentChallengeRequired,
  paymentTimingOf,
  yen,
  type Application,
  type Authorization,
  type PaymentError,
} from "@madoguchi/core";
import { ledgerRecord, loadBooks } from "../../payments/application-money.ts";
import { ownSavedCard } from "../../payments/resident-saved-card.ts";
import { residentAccountOf } from "../resident-session.ts";
import { decodeBody, ReceiptNumberText } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";

const Credentials = {
  receiptNumber: ReceiptNumberText,
  accessSecret: Schema.String.pipe(Schema.check(Schema.isMinLength(16), Schema.isMaxLength(128))),
};
const LookupBody = Schema.Struct(Credentials);
const CardRef = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200)));
// A hosted-fields token, or the logged-in resident's saved card (R6) by its gateway id — as at submission.
const PayBody = Schema.Struct({ ...Credentials, payment: Schema.Union([Schema.Struct({ token: CardRef }), Schema.Struct({ savedCardId: CardRef })]) });

const ANSWERS = {
  "money.nothing_to_pay": { status: 409, ja: "お支払いいただく差額はありません。", en: "There is no difference to pay." },
  "money.concurrent_modification": { status: 409, ja: "支払いの状況が変わりました。画面を再読み込みしてください。", en: "The payment changed meanwhile. Please reload the page." },
  "payment.saved_card_not_found": { status: 404, ja: "保存されたカードが見つかりません。カード情報を入力してください。", en: "The saved card was not found. Please enter your card details." },
} as const;

/**
 * The resident pays what is due (ADR 26): the difference staff asked for after a fee change, or the whole
 * fee of a 事後決済 application once staff fixed it — a new authorisation for exactly the pending
 * difference, with an idempotency key fixed before the first try (the application, the books' length and
 * a digest of the card token or saved card id), recorded in the books as an `authorized` event and captured
 * at completion. The resident proves access as for the status page; a saved card is charged only for the
 * logged-in resident who owns it. EMV 3-D Secure works as at submission: the answer is 402 with the
 * issuer's page, and the same request sent again after the challenge finishes the same authorisation.
 */
export const differencePaymentRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const answer = (req: Request, res: Response, code: keyof typeof ANSWERS) => {
    const a = ANSWERS[code];
    res.status(a.status).json({ error: { code, message: requestLocale(req) === "ja" ? a.ja : a.en } });
  };
  const find = async (req: Request, res: Response, body: { receiptNumber: string; accessSecret: string }): Promise<Application | null> => {
    const found = await findApplicationForResident({ store: deps.applications, hasher: deps.hasher }, { receiptNumber: body.receiptNumber.toUpperCase(), accessSecret: body.accessSecret });
    if (found.isOk()) return found.value;
    const { status, body: errorBody } = errorResponse(found.error, requestLocale(req));
    res.status(status).json(errorBody);
    return null;
  };

  router.post("/api/applications/difference", async (req, res) => {
    const body = decodeBody(LookupBody, req, res, requestLocale(req));
    if (body === null) return;
    const a = await find(req, res, body);
    if (a === null) return;
    const books = await loadBooks(deps, a);
    if (books.isErr()) return void res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
    const procedure = findProcedure(deps.catalog, a.procedureId);
    const t = moneyTotals(books.value.state);
    const closed = a.status === "rejected" || a.status === "withdrawn";
    res.json({
      pendingDifference: closed ? 0 : t.pendingDifference,
      fee: books.value.fee,
      feeFixed: books.value.state.feeFixed,
      paymentTiming: procedure === null ? "at_submission" : paymentTimingOf(procedure),
      // What is paid or held so far (a hold is captured at completion).
      paid: t.held + t.net,
    });
  });

  router.post("/api/applications/pay-difference", async (req, res) => {
    const body = decodeBody(PayBody, req, res, requestLocale(req));
    if (body === null) return;
    const a = await find(req, res, body);
    if (a === null) return;
    const books = await loadBooks(deps, a);
    if (books.isErr()) return void res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
    const owed = moneyTotals(books.value.state).pendingDifference;
    if (a.status === "rejected" || a.status === "withdrawn" || owed === 0) return answer(req, res, "money.nothing_to_pay");
    // R6: a saved card is charged only for its owner, the logged-in resident (as at submission).
    const savedCard = "savedCardId" in body.payment ? await ownSavedCard(deps, await residentAccountOf(deps, req), body.payment.savedCardId) : null;
    if ("savedCardId" in body.payment && savedCard === null) return answer(req, res, "payment.saved_card_not_found");
    const card = "token" in body.payment ? body.payment.token : `saved-card:${savedCard?.cardId ?? ""}`;
    const key = IdempotencyKey(`diff-${a.id}-${books.value.count}-${deps.hasher.sha256Hex(card).slice(0, 16)}`);
    const source = savedCard === null ? { kind: "token" as const, token: card } : { kind: "saved_card" as const, customerId: savedCard.customerId, cardId: savedCard.cardId };
    const authorized = await deps.gateway.authorize({ source, amount: yen(owed), idempotencyKey: key, description: `madoguchi ${a.procedureId}` }).andThen(
      // EMV 3-D Secure: the same request after the challenge replays this authorisation (same key) and finishes it here.
      (first) => (first.status === "challenge_required" ? deps.gateway.completeChallenge(first.id, IdempotencyKey(`3ds-${key}`)).map((done): Authorization => ({ ...done, challenge: done.challenge ?? first.challenge })) : okAsync<Authorization, PaymentError>(first)),
    );
    if (authorized.isErr()) {
      const { status, body: errorBody } = errorResponse(authorized.error, requestLocale(req));
      return void res.status(status).json(errorBody);
    }
    const auth = authorized.value;
    if (auth.status === "challenge_required") {
      const { status, body: errorBody } = errorResponse(paymentChallengeRequired(auth.challenge?.url ?? ""), requestLocale(req));
      return void res.status(status).json(errorBody);
    }
    const event = { kind: "authorized" as const, authorizationId: auth.id, amount: auth.amount, at: deps.clock.now() };
    const next = applyMoneyEvent(books.value.state, event);
    if (auth.status !== "authorized" || auth.amount !== owed || next.isErr()) return answer(req, res, "money.concurrent_modification");
    const written = await deps.paymentLedger.append(a.id, books.value.count, [ledgerRecord(a, books.value, event)]);
    if (written.isErr()) {
      // Someone changed the books meanwhile: release this hold (same key on a retry) and let the resident reload.
      await deps.gateway.void(auth.id, IdempotencyKey(`void-${key}`));
      return answer(req, res, "money.concurrent_modification");
    }
    deps.logger.info({ event: "money.difference_authorized", target: a.id }, "money");
    res.json({ pendingDifference: moneyTotals(next.value).pendingDifference, authorized: auth.amount, brand: auth.brand, last4: auth.last4 });
  });

  return router;
};
