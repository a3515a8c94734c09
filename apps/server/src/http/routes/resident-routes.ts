import { Router, type Request, type Response } from "express";
import {
  allowedCommands,
  findApplicationForResident,
  findProcedure,
  prepareApplication,
  residentEntriesOf,
  submitApplication,
  withdrawApplication,
  type Application,
  type ProcedureCatalog,
} from "@madoguchi/core";
import { sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody, ResidentCredentialsBody, SubmitExtrasBody } from "../decode-body.ts";
import { errorResponse, type UseCaseError } from "../error-response.ts";
import { procedureNameOf, statusLabels } from "../localized-labels.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { residentAccountOf } from "../resident-session.ts";
import { ownSavedCard } from "../../payments/resident-saved-card.ts";
import { settleMoneyAfterStatusChange } from "../../payments/application-money.ts";

/** What a resident sees of their application: no internal ids, no signature or payment details. */
export const residentView = (application: Application, catalog: ProcedureCatalog) => {
  return {
    receiptNumber: application.receiptNumber,
    procedureId: application.procedureId,
    procedureName: procedureNameOf(catalog, application.procedureId),
    status: application.status,
    statusLabel: statusLabels(application.status),
    history: application.history.map((h) => ({
      to: h.to,
      toLabel: statusLabels(h.to),
      at: h.at.toISOString(),
      reason: h.reason,
    })),
    fee: application.fee,
    withdrawable: allowedCommands(application.status).includes("withdraw"),
  };
};

/** Routes of the resident portal: catalog, prepare (validate + fee + document to sign), submit, status, withdraw. */
export const residentRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const send = (req: Request, res: Response, e: UseCaseError) => {
    const procedureId: unknown = (req.body as { procedureId?: unknown } | undefined)?.procedureId;
    const procedure = typeof procedureId === "string" ? findProcedure(deps.catalog, procedureId) : null;
    const { status, body } = errorResponse(e, requestLocale(req), procedure ?? undefined);
    res.status(status).json(body);
  };

  router.post("/api/applications/prepare", (req, res) => {
    const prepared = prepareApplication(deps.catalog, req.body, deps.clock.now());
    if (prepared.isErr()) return send(req, res, prepared.error);
    const p = prepared.value;
    res.json({ canonicalJson: p.canonicalJson, applicant: p.input.applicant, request: p.input.request, fee: p.fee });
  });

  router.post("/api/applications", async (req, res) => {
    const locale = requestLocale(req);
    const extras = decodeBody(SubmitExtrasBody, req, res, locale);
    if (extras === null) return;
    // R3/R8: the procedure says whether residents apply with an account, with an email address
    // only, or either. Logged in where accounts are allowed: the application belongs to the account.
    const procedureId: unknown = (req.body as { procedureId?: unknown } | undefined)?.procedureId;
    const procedure = typeof procedureId === "string" ? findProcedure(deps.catalog, procedureId) : null;
    const entries = procedure === null ? [] : residentEntriesOf(procedure);
    const loggedIn = await residentAccountOf(deps, req);
    if (procedure !== null && !entries.includes("email_only") && loggedIn === null) {
      res.status(401).json({
        error: {
          code: "resident.login_required",
          message: locale === "ja" ? "この手続きは、アカウントにログインしてから申請してください。" : "Please log in to your account to apply for this procedure.",
        },
      });
      return;
    }
    const residentAccountId = entries.includes("account") ? loggedIn : null;
    // R6: a saved card is charged only for its owner, the logged-in resident. No payment at all (null) is
    // for 事後決済; for any other procedure core then asks the gateway with an empty token, which it refuses.
    const paying = extras.payment;
    const savedCard = paying !== null && "savedCardId" in paying ? await ownSavedCard(deps, loggedIn, paying.savedCardId) : null;
    if (paying !== null && "savedCardId" in paying && savedCard === null) {
      res.status(404).json({
        error: {
          code: "payment.saved_card_not_found",
          message: locale === "ja" ? "保存されたカードが見つかりません。カード情報を入力してください。" : "The saved card was not found. Please enter your card details.",
        },
      });
      return;
    }
    const result = await submitApplication(
      {
        store: deps.applications,
        catalog: deps.catalog,
        verifier: deps.verifier,
        gateway: deps.gateway,
        clock: deps.clock,
        ids: deps.ids,
        hasher: deps.hasher,
      },
      { rawInput: req.body, cmsBase64: extras.signature?.cmsBase64 ?? null, paymentToken: paying !== null && "token" in paying ? paying.token : "", savedCard, sourceIp: sourceIpOf(req), residentAccountId },
    );
    if (result.isErr()) return send(req, res, result.error);
    const { application, accessSecret, replayed } = result.value;
    if (!replayed) deps.kickOutbox();
    deps.logger.info({ event: "application.submitted", receiptNumber: application.receiptNumber, replayed }, "application submitted");
    res.status(replayed ? 200 : 201).json({ receiptNumber: application.receiptNumber, accessSecret, replayed });
  });

  router.post("/api/applications/lookup", async (req, res) => {
    const body = decodeBody(ResidentCredentialsBody, req, res, requestLocale(req));
    if (body === null) return;
    const result = await findApplicationForResident(
      { store: deps.applications, hasher: deps.hasher },
      { receiptNumber: body.receiptNumber.toUpperCase(), accessSecret: body.accessSecret },
    );
    if (result.isErr()) return send(req, res, result.error);
    res.json(residentView(result.value, deps.catalog));
  });

  router.post("/api/applications/withdraw", async (req, res) => {
    const body = decodeBody(ResidentCredentialsBody, req, res, requestLocale(req));
    if (body === null) return;
    const result = await withdrawApplication(
      { store: deps.applications, hasher: deps.hasher, clock: deps.clock, ids: deps.ids },
      { receiptNumber: body.receiptNumber.toUpperCase(), accessSecret: body.accessSecret },
      sourceIpOf(req),
    );
    if (result.isErr()) return send(req, res, result.error);
    deps.kickOutbox();
    deps.logger.info({ event: "application.withdrawn", receiptNumber: result.value.receiptNumber }, "application withdrawn");
    // Withdrawal voids the held authorisation (ADR 26); a gateway failure is logged and retried by staff.
    await settleMoneyAfterStatusChange(deps, result.value);
    res.json(residentView(result.value, deps.catalog));
  });

  return router;
};
