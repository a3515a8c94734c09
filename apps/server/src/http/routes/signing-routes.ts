import { createHash, randomBytes } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import QRCode from "qrcode";
import {
  assembleDetachedCms,
  basicInformationPrefill,
  compareWithBasicInformation,
  findProcedure,
  isBelowSignatureCertificateAge,
  japanCalendarDate,
  parseJapaneseDate,
  prepareApplication,
  sha256DigestInfo,
  signedAttributesFor,
  type AuditEntryDraft,
  type VerifiedSignature,
} from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { createSigningDrafts, type SigningDraft } from "../../signing/signing-drafts.ts";
import { decodeBody } from "../decode-body.ts";
import { errorResponse } from "../error-response.ts";
import { requestLocale } from "../locale.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";
import { signerRefusal, signingRefusal, verifierRefusal, type SigningRefusal } from "./signing-messages.ts";

/** Path of the phone's page; the hand-off token travels in the fragment, so it reaches no server log or Referer. */
export const HANDOFF_PAGE_PATH = "/sign/phone";

const Capability = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9_-]{43}$/)));
const Typed = Schema.Struct({
  name: Schema.String.pipe(Schema.check(Schema.isMaxLength(200))),
  address: Schema.String.pipe(Schema.check(Schema.isMaxLength(400))),
  dateOfBirth: Schema.String.pipe(Schema.check(Schema.isMaxLength(40))),
});
const StartBody = Schema.Struct({
  purpose: Schema.Literals(["application", "card_check"]),
  /** The prepare body of the application to sign (purpose `application`). */
  application: Schema.optional(Schema.Unknown),
  /** What the form holds now (purpose `card_check`), to show the differences side by side. */
  typed: Schema.optional(Typed),
});
const KeyBody = Schema.Struct({ key: Capability });
const CompleteBody = Schema.Struct({ key: Capability, password: Schema.String.pipe(Schema.check(Schema.isMaxLength(64))) });
const ClaimBody = Schema.Struct({ token: Capability });

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
const SEX_LABEL = { "1": { ja: "男", en: "Male" }, "2": { ja: "女", en: "Female" }, "3": { ja: "不明", en: "Unknown" } } as const;

/**
 * Signing with the My Number card through this service (docs/adr/0025-signing-experience.md): the
 * server builds what is signed, the card (the `JpkiSigner` port; the test card in the embedded
 * profile) signs its DigestInfo after the signature password, and the server verifies the result as a
 * relying party (chain, policy, validity, revocation) before the resident goes on — so an expired or
 * revoked certificate is met here, with its next steps, and not at the end of the payment.
 *
 * - `POST /api/signing/start` `{ purpose: "card_check", typed? }` reads the card before the form is
 *   sent (a signature over a random challenge, never stored): the 4-info pre-fills the form.
 *   `{ purpose: "application", application }` signs the prepared application's canonical JSON.
 *   → `{ draftId, key, step: "password", triesLeft, expiresAt }`; an under-15 date of birth is refused first.
 * - `POST /api/signing/drafts/:id/complete` `{ key, password }` → `{ cmsBase64?, prefill, comparison, certificate }`.
 * - `POST /api/signing/drafts/:id/handoff` `{ key }` (the PC's key) → a one-time link for the phone and its QR code.
 * - `POST /api/signing/handoff/claim` `{ token }` → the phone's own key and what it will sign; single use.
 * - `POST /api/signing/drafts/:id/status` `{ key }` → `{ state, handoff, outcome? }`: the PC polls it.
 */
export const signingRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const api = Router();
  router.use("/api/signing", noStore, express.json({ limit: "64kb" }), api);
  const drafts = createSigningDrafts();

  const answer = (res: Response, refusal: SigningRefusal) => res.status(refusal.status).json(refusal.body);
  const audit = (req: Request, draft: SigningDraft, event: string, result: AuditEntryDraft["result"], details: AuditEntryDraft["details"] = {}) =>
    recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: { kind: "anonymous", id: null },
        action: "signing.handoff",
        target: { kind: "session", id: createHash("sha256").update(draft.id).digest("hex").slice(0, 32) },
        result,
        sourceIp: sourceIpOf(req),
        details: { event, purpose: draft.purpose, ...details },
      },
    ]);

  api.post("/start", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(StartBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    drafts.sweep(now);
    const signer = deps.residentJpki.cardSigner;
    if (signer === null) return answer(res, signingRefusal("unavailable", locale));

    let content: Uint8Array;
    let typed: SigningDraft["typed"] = null;
    let canonicalJson: string | null = null;
    if (body.purpose === "application") {
      const prepared = prepareApplication(deps.catalog, body.application, now);
      if (prepared.isErr()) {
        const procedureId: unknown = (body.application as { procedureId?: unknown } | undefined)?.procedureId;
        const procedure = typeof procedureId === "string" ? findProcedure(deps.catalog, procedureId) : null;
        const { status, body: error } = errorResponse(prepared.error, locale, procedure ?? undefined);
        return res.status(status).json(error);
      }
      const { input } = prepared.value;
      if (!input.procedure.requiresSignature) return answer(res, signingRefusal("not_required", locale));
      // Pre-flight: an under-15's card has no signature certificate; say so before asking for a password.
      if (isBelowSignatureCertificateAge(input.applicant.dateOfBirth, japanCalendarDate(now))) return answer(res, signingRefusal("under_fifteen", locale));
      typed = { name: input.applicant.name, address: input.applicant.address, dateOfBirth: input.applicant.dateOfBirth };
      canonicalJson = prepared.value.canonicalJson;
      content = new TextEncoder().encode(canonicalJson);
    } else {
      if (body.typed !== undefined) {
        const dob = body.typed.dateOfBirth.trim() === "" ? null : parseJapaneseDate(body.typed.dateOfBirth);
        const iso = dob === null || dob.isErr() ? body.typed.dateOfBirth : dob.value;
        if (dob !== null && dob.isOk() && isBelowSignatureCertificateAge(dob.value, japanCalendarDate(now))) return answer(res, signingRefusal("under_fifteen", locale));
        typed = { name: body.typed.name, address: body.typed.address, dateOfBirth: iso };
      }
      content = new TextEncoder().encode(JSON.stringify({ type: "madoguchi.card-check/v1", challenge: randomBytes(32).toString("base64url"), at: now.toISOString() }));
    }

    const signedAttributes = signedAttributesFor({ contentSha256: sha256(content), signingTime: now });
    const started = await signer.startSigning({ digestInfo: sha256DigestInfo(sha256(signedAttributes)), key: "signature" });
    if (started.isErr()) return answer(res, signerRefusal(started.error, locale));
    const challenge = started.value.challenge;
    if (challenge.kind !== "secret") {
      // A card read elsewhere (an app on the phone) is not wired to this flow yet (ADR 25).
      return answer(res, signingRefusal("unavailable", locale));
    }
    // A locked card is told before the password is typed.
    if (challenge.triesLeft === 0) return answer(res, signerRefusal({ _tag: "JpkiSignerError", reason: "locked", operation: "startSigning", retryable: false, message: "locked", triesLeft: 0 }, locale));
    const { draft, key } = drafts.create({
      purpose: body.purpose,
      signerSessionId: started.value.sessionId,
      content,
      signedAttributes,
      typed,
      canonicalJson,
      expiresAt: started.value.expiresAt,
      triesLeft: challenge.triesLeft,
    });
    res.json({ draftId: draft.id, key, step: "password", triesLeft: challenge.triesLeft, expiresAt: draft.expiresAt.toISOString() });
  });

  const verifiedBody = (draft: SigningDraft, verified: VerifiedSignature, cmsBase64: string | null, locale: "ja" | "en") => {
    const info = verified.basicInformation;
    return {
      purpose: draft.purpose,
      ...(cmsBase64 === null ? {} : { cmsBase64 }),
      prefill: info === null ? null : { ...basicInformationPrefill(info), sexLabel: SEX_LABEL[info.sex][locale] },
      comparison: info === null || draft.typed === null ? [] : compareWithBasicInformation(draft.typed, info),
      certificate: { notAfter: verified.signer.notAfter.toISOString() },
    };
  };

  api.post("/drafts/:id/complete", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CompleteBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const signer = deps.residentJpki.cardSigner;
    if (signer === null) return answer(res, signingRefusal("unavailable", locale));
    const found = drafts.authorise(String(req.params["id"] ?? ""), body.key, now);
    if (found === null) return answer(res, signingRefusal("draft_unknown", locale));
    const { draft, role } = found;
    if (draft.state !== "pending") return answer(res, signingRefusal("already_finished", locale));
    if (draft.busy) return answer(res, signingRefusal("busy", locale));
    draft.busy = true;
    try {
      const finish = (status: number, payload: object, final: boolean) => {
        if (final) {
          draft.state = status === 200 ? "signed" : "failed";
          draft.outcome = { ok: status === 200, status, body: payload };
        }
        res.status(status).json(payload);
      };
      const signed = await signer.completeSigning({ sessionId: draft.signerSessionId, completion: { kind: "secret", secret: body.password } });
      if (signed.isErr()) {
        const refusal = signerRefusal(signed.error, locale);
        if (signed.error.reason === "wrong_secret") draft.triesLeft = signed.error.triesLeft ?? null;
        // A wrong (or malformed) password keeps the session open while tries remain; anything else ends it.
        const final = (signed.error.reason !== "wrong_secret" || signed.error.triesLeft === 0) && signed.error.reason !== "invalid_input";
        if (role === "phone" && final) await audit(req, draft, "phone_finished", "failure", { reason: signed.error.reason });
        return finish(refusal.status, refusal.body, final);
      }
      const cms = assembleDetachedCms({ signedAttributes: draft.signedAttributes, ...signed.value });
      if (cms.isErr()) {
        const refusal = verifierRefusal({ _tag: "SignatureError", reason: "malformed", operation: "assemble", retryable: false, message: "" }, locale);
        return finish(refusal.status, refusal.body, true);
      }
      const verified = await deps.verifier.verifyDetached({ content: draft.content, cms: cms.value, at: now, purpose: "signature" });
      if (verified.isErr()) {
        if (role === "phone") await audit(req, draft, "phone_finished", "failure", { reason: verified.error.reason });
        const refusal = verifierRefusal(verified.error, locale);
        return finish(refusal.status, refusal.body, true);
      }
      // The challenge of a card check is never kept; an application's CMS goes back to be submitted.
      const cmsBase64 = draft.purpose === "application" ? Buffer.from(cms.value).toString("base64") : null;
      if (role === "phone") await audit(req, draft, "phone_finished", "success");
      finish(200, verifiedBody(draft, verified.value, cmsBase64, locale), true);
    } finally {
      draft.busy = false;
    }
  });

  api.post("/drafts/:id/handoff", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(KeyBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const found = drafts.authorise(String(req.params["id"] ?? ""), body.key, now);
    // Only the page that started the draft hands it off: a phone cannot pass it on again.
    if (found === null || found.role !== "pc") return answer(res, signingRefusal("draft_unknown", locale));
    if (found.draft.state !== "pending") return answer(res, signingRefusal("already_finished", locale));
    const { token, expiresAt } = drafts.startHandoff(found.draft, now);
    // The origin the PC's browser used: the phone must land where this service is served.
    const url = `${req.protocol}://${req.get("host") ?? "localhost"}${HANDOFF_PAGE_PATH}#${token}`;
    const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, scale: 6 });
    await audit(req, found.draft, "link_created", "success");
    res.json({ url, qrDataUrl, expiresAt: expiresAt.toISOString() });
  });

  api.post("/handoff/claim", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(ClaimBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const claimed = drafts.claimHandoff(body.token, now);
    if ("refused" in claimed) {
      if (claimed.draft !== null) await audit(req, claimed.draft, "link_refused", "failure", { reason: claimed.refused });
      else deps.logger.info({ event: "signing.handoff_unknown" }, "unknown hand-off link");
      return answer(res, signingRefusal(`handoff_${claimed.refused}`, locale));
    }
    const { draft, key } = claimed;
    await audit(req, draft, "link_opened", "success");
    res.json({ draftId: draft.id, key, purpose: draft.purpose, canonicalJson: draft.canonicalJson, triesLeft: draft.triesLeft, expiresAt: draft.expiresAt.toISOString() });
  });

  api.post("/drafts/:id/status", (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(KeyBody, req, res, locale);
    if (body === null) return;
    const found = drafts.authorise(String(req.params["id"] ?? ""), body.key, deps.clock.now());
    if (found === null) return answer(res, signingRefusal("draft_unknown", locale));
    const { draft } = found;
    const handoff = draft.handoff === null ? "none" : draft.handoff.used ? "opened" : "waiting";
    res.json({ state: draft.state, handoff, triesLeft: draft.triesLeft, ...(draft.outcome === null ? {} : { outcome: draft.outcome }) });
  });

  return router;
};
