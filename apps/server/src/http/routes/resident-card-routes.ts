import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { IdempotencyKey, type PaymentError } from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { cardView, customerReferenceOf, savedCardOf } from "../../payments/resident-saved-card.ts";
import { decodeBody } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { requestLocale } from "../locale.ts";
import { requireResidentSession, residentSessionOf } from "../resident-session.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";

const CardTokenBody = Schema.Struct({ token: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))) });

type CardChange = "payment_card_saved" | "payment_card_changed" | "payment_card_deleted";

/**
 * The resident's saved card (R6), in account settings: see it (brand, last 4, expiry), save or change
 * it with a new hosted-fields token, delete it. The card itself never comes here, only the gateway's
 * single-use token. Every change is audited as `resident.account_changed` with its `change`.
 */
export const residentCardRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const api = express.Router();
  router.use("/api/resident/payment-card", noStore, api);
  api.use(requireResidentSession(deps.residentAccounts.sessions));

  const fail = (req: Request, res: Response, e: PaymentError) => {
    const { status, body } = errorResponse(e, requestLocale(req));
    res.status(status).json(body);
  };
  const audit = (req: Request, accountId: string, change: CardChange, result: "success" | "failure", details: Record<string, string> = {}) =>
    recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: { kind: "resident", id: accountId },
        action: "resident.account_changed",
        target: { kind: "resident_account", id: accountId },
        result,
        sourceIp: sourceIpOf(req),
        details: { change, ...details },
      },
    ]);

  api.get("/", async (_req, res) => {
    const { accountId } = residentSessionOf(res);
    const card = await savedCardOf(deps.gateway, accountId);
    if (card.isErr()) return fail(_req, res, card.error);
    res.json({ card: card.value === null ? null : cardView(card.value) });
  });

  api.put("/", async (req, res) => {
    const body = decodeBody(CardTokenBody, req, res, requestLocale(req));
    if (body === null) return;
    const { accountId } = residentSessionOf(res);
    // The token is single-use, so a retried request with it is the same attempt: the key derives from it.
    const key = IdempotencyKey(`card-${deps.hasher.sha256Hex(`${accountId}:${body.token}`).slice(0, 32)}`);
    const result = await deps.gateway.ensureCustomer(customerReferenceOf(accountId)).andThen((customer) => {
      const existing = customer.cards[0];
      return (existing === undefined ? deps.gateway.saveCard(customer.id, body.token, key) : deps.gateway.updateSavedCard(customer.id, existing.id, body.token, key)).map((card) => ({
        card,
        change: (existing === undefined ? "payment_card_saved" : "payment_card_changed") as CardChange,
      }));
    });
    if (result.isErr()) {
      await audit(req, accountId, "payment_card_saved", "failure", { reason: result.error.reason });
      return fail(req, res, result.error);
    }
    await audit(req, accountId, result.value.change, "success", { brand: result.value.card.brand });
    res.json({ card: cardView(result.value.card) });
  });

  api.delete("/", async (req, res) => {
    const { accountId } = residentSessionOf(res);
    const customer = await deps.gateway.findCustomer(customerReferenceOf(accountId));
    if (customer.isErr()) return fail(req, res, customer.error);
    for (const card of customer.value?.cards ?? []) {
      const deleted = await deps.gateway.deleteSavedCard(card.customerId, card.id);
      if (deleted.isErr() && deleted.error.reason !== "not_found") return fail(req, res, deleted.error);
    }
    await audit(req, accountId, "payment_card_deleted", "success");
    res.json({ card: null });
  });

  return router;
};
