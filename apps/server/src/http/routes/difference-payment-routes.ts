import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { applyMoneyEvent, findApplicationForResident, IdempotencyKey, moneyTotals, yen, type Application } from "@madoguchi/core";
import { ledgerRecord, loadBooks } from "../../payments/application-money.ts";
import { decodeBody, ReceiptNumberText } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";

const Credentials = {
  receiptNumber: ReceiptNumberText,
  accessSecret: Schema.String.pipe(Schema.check(Schema.isMinLength(16), Schema.isMaxLength(128))),
};
const LookupBody = Schema.Struct(Credentials);
const PayBody = Schema.Struct({ ...Credentials, payment: Schema.Struct({ token: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))) }) });

const ANSWERS = {
  "money.nothing_to_pay": { status: 409, ja: "お支払いいただく差額はありません。", en: "There is no difference to pay." },
  "money.concurrent_modification": { status: 409, ja: "支払いの状況が変わりました。画面を再読み込みしてください。", en: "The payment changed meanwhile. Please reload the page." },
  "payment.challenge_required": { status: 409, ja: "このカードは本人認証（3-D セキュア）が必要です。別のカードをお使いください。", en: "This card needs 3-D Secure authentication. Please use another card." },
} as const;

/**
 * The resident pays the difference staff asked for after a fee change (ADR 26): a new authorisation for
 * exactly the pending difference, with an idempotency key fixed before the first try (the application,
 * the books' length and a digest of the card token), recorded in the books as an `authorized` event. It is
 * captured at completion with the first authorisation. The resident proves access as for the status page.
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
    res.json({ pendingDifference: moneyTotals(books.value.state).pendingDifference, fee: books.value.fee });
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
    const key = IdempotencyKey(`diff-${a.id}-${books.value.count}-${deps.hasher.sha256Hex(body.payment.token).slice(0, 16)}`);
    const authorized = await deps.gateway.authorize({ source: { kind: "token", token: body.payment.token }, amount: yen(owed), idempotencyKey: key, description: `madoguchi ${a.procedureId}` });
    if (authorized.isErr()) {
      const { status, body: errorBody } = errorResponse(authorized.error, requestLocale(req));
      return void res.status(status).json(errorBody);
    }
    const auth = authorized.value;
    if (auth.status === "challenge_required") return answer(req, res, "payment.challenge_required");
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
