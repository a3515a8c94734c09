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
  type JpkiRawSignature,
  type JpkiSigner,
  type JpkiSignerError,
  type StorageError,
  type VerifiedSignature,
} from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { JPKI_PENDING_COOKIE, JPKI_PENDING_TTL_MS } from "../../residents/jpki-pending-cookie.ts";
import { createSigningDrafts, handoffState, type SigningDraft } from "../../signing/signing-drafts.ts";

/** How a draft names the card this service reads, as its signer (an app draft names its signer's redirect URI). */
const CARD_SIGNER = "card";
import { decodeBody } from "../decode-body.ts";
import { AppCallbackFields, redirectUriFor, signingCompletionOf } from "../digital-auth-app-callback.ts";
import { errorResponse } from "../error-response.ts";
import { requestLocale } from "../locale.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";
import { readCookie } from "../staff-auth.ts";
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
  /** The card this service reads (default) or the Digital Authentication App (applications only). */
  signer: Schema.optional(Schema.Literals(["card", "app"])),
  /**
   * For the app: `phone` when the app is on another device than this page (a PC): the draft waits for
   * the hand-off link, and the app's sign transaction starts when the phone claims it. Default: this device.
   */
  device: Schema.optional(Schema.Literals(["this", "phone"])),
  /** The prepare body of the application to sign (purpose `application`). */
  application: Schema.optional(Schema.Unknown),
  /** What the form holds now (purpose `card_check`), to show the differences side by side. */
  typed: Schema.optional(Typed),
});
const KeyBody = Schema.Struct({ key: Capability });
const CompleteBody = Schema.Struct({ key: Capability, password: Schema.String.pipe(Schema.check(Schema.isMaxLength(64))) });
const ClaimBody = Schema.Struct({ token: Capability });
const AppFinishBody = Schema.Struct({ ...AppCallbackFields, locale: Schema.optional(Schema.Literals(["ja", "en"])) });

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
 * - `POST /api/signing/drafts/:id/cancel` `{ key }`: the resident cancels at the password prompt; the
 *   signer's session ends as the port's `declined` (no try spent) and the draft ends `signing.cancelled`.
 * - With `signer: "app"` the start answers `{ step: "redirect", url }`: the Digital Authentication App
 *   signs (the loopback stub in the embedded profile); the draft's id travels in the sealed pending
 *   cookie of ADR 23, so only the browser that started it finishes it, and the app's callback page
 *   posts `POST /api/signing/app/finish` `{ state, code | error, iss? }`. From there as the card.
 * - With `signer: "app", device: "phone"` (a PC, the app on the resident's phone) the start answers
 *   `{ step: "handoff" }`: the PC asks `…/handoff` as for the card; the phone's claim starts the app's
 *   transaction, sets the pending cookie in the phone's browser and answers `{ step: "redirect", url }`;
 *   the phone's callback finishes the draft and the PC's poll goes on.
 * - `GET /api/signing/options` → `{ card, app }`: which ways of signing this server offers.
 * Drafts live in the `signing-session-store@1` every instance shares (compare-and-set on each change).
 * Audit: `signing.session` with `event` `app_started`, `app_finished` (result, reason), `cancelled`;
 * `signing.handoff` with `link_created`, `link_opened`, `link_refused`, `phone_finished`.
 */
export const signingRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const api = Router();
  router.use("/api/signing", noStore, express.json({ limit: "64kb" }), api);
  const jpki = deps.residentJpki;
  // Drafts live in the signing-session store every instance shares; each instance resolves the signer a draft names.
  const drafts = createSigningDrafts(jpki.signingSessions, (ref) => (ref === CARD_SIGNER ? jpki.cardSigner : (jpki.appSigners.get(ref) ?? null)));

  const answer = (res: Response, refusal: SigningRefusal) => res.status(refusal.status).json(refusal.body);
  /** The drafts' store failed: logged without personal data, told as "try again shortly". */
  const storeDown = (res: Response, error: StorageError, locale: "ja" | "en") => {
    deps.logger.warn({ event: "signing.store_unavailable", reason: error.reason, operation: error.operation }, "signing drafts unavailable");
    return answer(res, signingRefusal("store_unavailable", locale));
  };
  const audit = (
    req: Request,
    draft: SigningDraft | null,
    event: string,
    result: AuditEntryDraft["result"],
    details: AuditEntryDraft["details"] = {},
    action: "signing.handoff" | "signing.session" = "signing.handoff",
  ) =>
    recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: { kind: "anonymous", id: null },
        action,
        // A hash of the draft id: it names the session in the log without being a capability.
        target: draft === null ? null : { kind: "session", id: createHash("sha256").update(draft.id).digest("hex").slice(0, 32) },
        result,
        sourceIp: sourceIpOf(req),
        details: { event, ...(draft === null ? {} : { purpose: draft.purpose, signer: draft.signer }), ...details },
      },
    ]);
  const sessionAudit = (req: Request, draft: SigningDraft | null, event: string, result: AuditEntryDraft["result"], details: AuditEntryDraft["details"] = {}) =>
    audit(req, draft, event, result, details, "signing.session");
  /** The app's signer for the origin the browser is on (it comes back there) and its reference, or null when the app does not sign here. */
  const appSignerFor = (req: Request): { readonly ref: string; readonly port: JpkiSigner } | null => {
    if (jpki.appSigners.size === 0) return null;
    const ref = redirectUriFor([...jpki.appSigners.keys()], req);
    const port = jpki.appSigners.get(ref);
    return port === undefined ? null : { ref, port };
  };

  api.get("/options", (_req, res) => {
    res.json({ card: jpki.cardSigner !== null, app: jpki.appSigners.size > 0 });
  });

  api.post("/start", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(StartBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    await drafts.sweep(now);
    const way = body.signer ?? "card";
    // The app is offered for an application's signature; a card check happens on this page.
    const signer = way === "app" ? (body.purpose === "application" ? appSignerFor(req) : null) : jpki.cardSigner === null ? null : { ref: CARD_SIGNER, port: jpki.cardSigner };
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
    if (way === "app" && body.device === "phone") {
      // The PC only prepares what is signed; the phone starts the app's transaction when it claims the link.
      const created = await drafts.create({ purpose: body.purpose, signer: "app", signing: null, content, signedAttributes, typed, canonicalJson, expiresAt: new Date(now.getTime() + JPKI_PENDING_TTL_MS), triesLeft: null });
      if (created.isErr()) return storeDown(res, created.error, locale);
      const { draft, key } = created.value;
      return res.json({ draftId: draft.id, key, step: "handoff", expiresAt: draft.expiresAt.toISOString() });
    }
    const started = await signer.port.startSigning({ digestInfo: sha256DigestInfo(sha256(signedAttributes)), key: "signature" });
    if (started.isErr()) {
      if (way === "app") await sessionAudit(req, null, "app_started", "failure", { reason: started.error.reason });
      return answer(res, signerRefusal(started.error, locale));
    }
    const challenge = started.value.challenge;
    if (challenge.kind === "redirect") {
      if (way !== "app") return answer(res, signingRefusal("unavailable", locale));
      const created = await drafts.create({
        purpose: body.purpose,
        signer: "app",
        signing: { ...signer, sessionId: started.value.sessionId },
        content,
        signedAttributes,
        typed,
        canonicalJson,
        expiresAt: started.value.expiresAt,
        triesLeft: null,
      });
      if (created.isErr()) return storeDown(res, created.error, locale);
      const { draft, key } = created.value;
      // As a login does (ADR 23): the browser carries which draft its callback finishes, sealed and
      // HttpOnly; the app's state, nonce and PKCE verifier stay with the app's signer.
      const sealed = jpki.pending.seal({ kind: "sign", draftId: draft.id, expiresAtMs: Math.min(draft.expiresAt.getTime(), now.getTime() + JPKI_PENDING_TTL_MS) });
      res.set("Set-Cookie", jpki.pending.cookie(sealed));
      await sessionAudit(req, draft, "app_started", "success");
      return res.json({ draftId: draft.id, key, step: "redirect", url: challenge.url, expiresAt: draft.expiresAt.toISOString() });
    }
    if (way !== "card") return answer(res, signingRefusal("unavailable", locale));
    // A locked card is told before the password is typed.
    if (challenge.triesLeft === 0) return answer(res, signerRefusal({ _tag: "JpkiSignerError", reason: "locked", operation: "startSigning", retryable: false, message: "locked", triesLeft: 0 }, locale));
    const created = await drafts.create({
      purpose: body.purpose,
      signer: "card",
      signing: { ...signer, sessionId: started.value.sessionId },
      content,
      signedAttributes,
      typed,
      canonicalJson,
      expiresAt: started.value.expiresAt,
      triesLeft: challenge.triesLeft,
    });
    if (created.isErr()) return storeDown(res, created.error, locale);
    const { draft, key } = created.value;
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

  /**
   * Ends a draft and answers: what the finishing request gets is what the PC's poll gets (`outcome`).
   * Every way a draft ends (a verified signature, a final refusal, a cancel) goes through here.
   */
  const end = async (res: Response, draft: SigningDraft, outcome: { readonly status: number; readonly body: object }, locale: "ja" | "en", answered: object = outcome.body) => {
    draft.state = outcome.status === 200 ? "signed" : "failed";
    draft.outcome = { ok: outcome.status === 200, status: outcome.status, body: outcome.body };
    const saved = await drafts.save(draft);
    // The outcome must reach the PC's poll: when it cannot be written, the finishing request is not told it went through.
    if (saved.isErr()) return storeDown(res, saved.error, locale);
    if (!saved.value) return answer(res, signingRefusal("already_finished", locale));
    return res.status(outcome.status).json(answered);
  };

  /**
   * The same path for every signer once it gave its raw signature: core assembles the CMS over the
   * draft's signed attributes and the verifier checks it as a relying party (chain, policy, validity,
   * revocation) before anything goes on. Answers the status, the body, and the refusal's reason.
   */
  const verifySigned = async (draft: SigningDraft, raw: JpkiRawSignature, now: Date, locale: "ja" | "en"): Promise<{ status: number; body: object; reason: string | null }> => {
    const cms = assembleDetachedCms({ signedAttributes: draft.signedAttributes, ...raw });
    if (cms.isErr()) {
      const refusal = verifierRefusal({ _tag: "SignatureError", reason: "malformed", operation: "assemble", retryable: false, message: "" }, locale);
      return { ...refusal, reason: "malformed" };
    }
    const verified = await deps.verifier.verifyDetached({ content: draft.content, cms: cms.value, at: now, purpose: "signature" });
    if (verified.isErr()) return { ...verifierRefusal(verified.error, locale), reason: verified.error.reason };
    // The challenge of a card check is never kept; an application's CMS goes back to be submitted.
    const cmsBase64 = draft.purpose === "application" ? Buffer.from(cms.value).toString("base64") : null;
    return { status: 200, body: verifiedBody(draft, verified.value, cmsBase64, locale), reason: null };
  };

  /** The draft of `:id` if `key` opens it: answered already (refusal) when not. */
  const authorised = async (req: Request, res: Response, key: string, locale: "ja" | "en", now: Date) => {
    const found = await drafts.authorise(String(req.params["id"] ?? ""), key, now);
    if (found.isErr()) {
      storeDown(res, found.error, locale);
      return undefined;
    }
    if (found.value === null) answer(res, signingRefusal("draft_unknown", locale));
    return found.value ?? undefined;
  };

  /** Takes the draft for this request's completion: answered already (busy) when another request holds it. */
  const held = async (res: Response, draft: SigningDraft, locale: "ja" | "en", now: Date): Promise<boolean> => {
    const taken = await drafts.hold(draft, now);
    if (taken.isErr()) storeDown(res, taken.error, locale);
    else if (!taken.value) answer(res, signingRefusal("busy", locale));
    return taken.isOk() && taken.value;
  };

  api.post("/drafts/:id/complete", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CompleteBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const found = await authorised(req, res, body.key, locale, now);
    if (found === undefined) return;
    const { draft, role } = found;
    if (draft.state !== "pending") return answer(res, signingRefusal("already_finished", locale));
    // The app's draft is finished by its callback, never by a password.
    if (draft.signer !== "card") return answer(res, signingRefusal("wrong_way", locale));
    // The card is read by the instance it is attached to: elsewhere its session is not known.
    if (draft.signing === null) return answer(res, signerRefusal({ _tag: "JpkiSignerError", reason: "unknown_session", operation: "signing.complete", retryable: false, message: "" }, locale));
    if (!(await held(res, draft, locale, now))) return;
    const signed = await draft.signing.port.completeSigning({ sessionId: draft.signing.sessionId, completion: { kind: "secret", secret: body.password } });
    if (signed.isErr()) {
      const refusal = signerRefusal(signed.error, locale);
      if (signed.error.reason === "wrong_secret") draft.triesLeft = signed.error.triesLeft ?? null;
      // A wrong (or malformed) password keeps the session open while tries remain; anything else ends it.
      const final = (signed.error.reason !== "wrong_secret" || signed.error.triesLeft === 0) && signed.error.reason !== "invalid_input";
      if (!final) {
        const saved = await drafts.save(draft);
        return saved.isErr() ? storeDown(res, saved.error, locale) : answer(res, refusal);
      }
      if (role === "phone") await audit(req, draft, "phone_finished", "failure", { reason: signed.error.reason });
      return end(res, draft, refusal, locale);
    }
    const outcome = await verifySigned(draft, signed.value, now, locale);
    if (role === "phone") await audit(req, draft, "phone_finished", outcome.reason === null ? "success" : "failure", outcome.reason === null ? {} : { reason: outcome.reason });
    return end(res, draft, outcome, locale);
  });

  // The Digital Authentication App sent the resident back to our callback page, which posts what its
  // address carried. One finish per start, as for a login: the pending cookie goes whatever the outcome,
  // and a replay (the same cookie again) meets a draft that is no longer pending. After a hand-off this
  // is the phone (its claim set the cookie): the PC reads the outcome through `…/status`. Any instance
  // finishes it: the draft and the app's session are in the shared store.
  api.post("/app/finish", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(AppFinishBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const pending = jpki.pending.open(readCookie(req, JPKI_PENDING_COOKIE), now.getTime());
    res.append("Set-Cookie", jpki.pending.cleared());
    const found = pending === null || pending.kind !== "sign" ? null : await drafts.find(pending.draftId, now);
    if (found !== null && found.isErr()) return storeDown(res, found.error, locale);
    const draft = found === null ? null : found.value;
    if (draft === null || draft.signer !== "app" || draft.signing === null) {
      await sessionAudit(req, draft, "app_finished", "failure", { reason: "pending_missing" });
      return answer(res, signingRefusal("draft_unknown", locale));
    }
    const taken = draft.state === "pending" ? await drafts.hold(draft, now) : null;
    if (taken !== null && taken.isErr()) return storeDown(res, taken.error, locale);
    if (taken === null || !taken.value) {
      await sessionAudit(req, draft, "app_finished", "failure", { reason: "already_finished" });
      return answer(res, signingRefusal("already_finished", locale));
    }
    const onPhone = draft.handoff?.used === true;
    const finished = async (result: AuditEntryDraft["result"], reason: string | null) => {
      const details = reason === null ? {} : { reason };
      await sessionAudit(req, draft, "app_finished", result, details);
      if (onPhone) await audit(req, draft, "phone_finished", result, details);
    };
    const completion = jpki.appIssuer === null ? null : signingCompletionOf(body, jpki.appIssuer);
    const signed = completion === null ? null : await draft.signing.port.completeSigning({ sessionId: draft.signing.sessionId, completion });
    if (signed === null || signed.isErr()) {
      // A callback without code or error, from another issuer, or for another session (state) ends the draft too.
      const error: JpkiSignerError =
        signed?.isErr() === true
          ? signed.error
          : { _tag: "JpkiSignerError", reason: "invalid_input", operation: "signing.app.finish", retryable: false, message: "not a callback of this provider" };
      const reason = signed === null ? "callback_invalid" : error.reason === "invalid_input" && completion?.kind === "authorization_code" ? "state_mismatch" : error.reason;
      // A password's wording would mislead here: a callback that is not this session's is said as such.
      const refusal = error.reason === "invalid_input" ? signingRefusal("app_callback_invalid", locale) : signerRefusal(error, locale);
      await finished("failure", reason);
      return end(res, draft, refusal, locale);
    }
    const outcome = await verifySigned(draft, signed.value, now, locale);
    await finished(outcome.reason === null ? "success" : "failure", outcome.reason);
    // The phone only learns that it is done: the CMS and the 4-info comparison are for the PC that submits.
    return end(res, draft, outcome, locale, onPhone && outcome.reason === null ? { purpose: draft.purpose, handoff: true } : outcome.body);
  });

  // The resident pressed cancel at the password prompt (here or on the phone), or on the PC while its QR
  // code waits for the app on the phone: the signer's session ends as the port's `declined` — the card
  // counts no try — and the draft ends `signing.cancelled`.
  api.post("/drafts/:id/cancel", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(KeyBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const found = await authorised(req, res, body.key, locale, now);
    if (found === undefined) return;
    const { draft, role } = found;
    if (draft.state !== "pending") return answer(res, signingRefusal("already_finished", locale));
    if (!(await held(res, draft, locale, now))) return;
    // An app draft still waiting for its phone has no signer session to end.
    const declined =
      draft.signing === null ? null : await draft.signing.port.completeSigning({ sessionId: draft.signing.sessionId, completion: { kind: "declined", error: "access_denied", state: null } });
    // Whatever the signer says (an app session only ends at its own callback), this draft is over.
    if (declined?.isErr() === true && declined.error.reason !== "cancelled") deps.logger.info({ event: "signing.cancel", reason: declined.error.reason }, "signer did not confirm the cancel");
    await sessionAudit(req, draft, "cancelled", "failure", { reason: "cancelled", by: role });
    return end(res, draft, signerRefusal({ _tag: "JpkiSignerError", reason: "cancelled", operation: "signing.cancel", retryable: false, message: "cancelled" }, locale), locale);
  });

  api.post("/drafts/:id/handoff", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(KeyBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const found = await authorised(req, res, body.key, locale, now);
    if (found === undefined) return;
    // Only the page that started the draft hands it off: a phone cannot pass it on again.
    if (found.role !== "pc") return answer(res, signingRefusal("draft_unknown", locale));
    const { draft } = found;
    if (draft.state !== "pending") return answer(res, signingRefusal("already_finished", locale));
    if (draft.signer === "app") {
      // An app draft started for this device went to the app here; one for the phone is handed off until
      // a phone has claimed it: its transaction is that phone's then (a new link would strand it).
      if (draft.handoff === null && draft.signing !== null) return answer(res, signingRefusal("wrong_way", locale));
      if (draft.handoff?.used === true) return answer(res, signingRefusal("handoff_used", locale));
    }
    const started = await drafts.startHandoff(draft, now);
    if (started.isErr()) return storeDown(res, started.error, locale);
    if (started.value === null) return answer(res, signingRefusal("busy", locale));
    const { token, expiresAt } = started.value;
    // The origin the PC's browser used: the phone must land where this service is served.
    const url = `${req.protocol}://${req.get("host") ?? "localhost"}${HANDOFF_PAGE_PATH}#${token}`;
    const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 2, scale: 6 });
    await audit(req, draft, "link_created", "success");
    res.json({ url, qrDataUrl, expiresAt: expiresAt.toISOString() });
  });

  api.post("/handoff/claim", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(ClaimBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const claimed = await drafts.claimHandoff(body.token, now);
    if (claimed.isErr()) return storeDown(res, claimed.error, locale);
    if ("refused" in claimed.value) {
      const { refused, draft } = claimed.value;
      if (draft !== null) await audit(req, draft, "link_refused", "failure", { reason: refused });
      else deps.logger.info({ event: "signing.handoff_unknown" }, "unknown hand-off link");
      return answer(res, signingRefusal(`handoff_${refused}`, locale));
    }
    const { draft, key } = claimed.value;
    await audit(req, draft, "link_opened", "success");
    const opened = { draftId: draft.id, key, purpose: draft.purpose, canonicalJson: draft.canonicalJson, triesLeft: draft.triesLeft, expiresAt: draft.expiresAt.toISOString() };
    if (draft.signer === "card") return res.json({ ...opened, step: "password" });

    // The app is on this phone: its sign transaction starts here, for the phone's origin, and the phone's
    // browser gets the sealed pending cookie — the app comes back to it, and its callback finishes the draft.
    const signer = appSignerFor(req);
    const started = signer === null ? null : await signer.port.startSigning({ digestInfo: sha256DigestInfo(sha256(draft.signedAttributes)), key: "signature" });
    if (signer === null || started === null || started.isErr() || started.value.challenge.kind !== "redirect") {
      const reason = started?.isErr() === true ? started.error.reason : "unavailable";
      await sessionAudit(req, draft, "app_started", "failure", { reason });
      await audit(req, draft, "phone_finished", "failure", { reason });
      return end(res, draft, started?.isErr() === true ? signerRefusal(started.error, locale) : signingRefusal("unavailable", locale), locale);
    }
    draft.signing = { ...signer, sessionId: started.value.sessionId };
    const saved = await drafts.save(draft);
    if (saved.isErr()) return storeDown(res, saved.error, locale);
    if (!saved.value) return answer(res, signingRefusal("handoff_used", locale));
    const sealed = jpki.pending.seal({ kind: "sign", draftId: draft.id, expiresAtMs: Math.min(draft.expiresAt.getTime(), now.getTime() + JPKI_PENDING_TTL_MS) });
    res.set("Set-Cookie", jpki.pending.cookie(sealed));
    await sessionAudit(req, draft, "app_started", "success");
    res.json({ ...opened, step: "redirect", url: started.value.challenge.url });
  });

  api.post("/drafts/:id/status", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(KeyBody, req, res, locale);
    if (body === null) return;
    const now = deps.clock.now();
    const found = await authorised(req, res, body.key, locale, now);
    if (found === undefined) return;
    const { draft } = found;
    res.json({ state: draft.state, handoff: handoffState(draft, now), triesLeft: draft.triesLeft, ...(draft.outcome === null ? {} : { outcome: draft.outcome }) });
  });

  return router;
};
