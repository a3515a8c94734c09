import { createHash, randomBytes } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import type { DigitalAuthAppError } from "@madoguchi/adapter-digital-auth-app";
import {
  assembleDetachedCms,
  linkResidentJpki,
  loginResidentWithJpki,
  noticeResidentJpkiChange,
  sha256DigestInfo,
  signedAttributesFor,
  unlinkResidentJpki,
  type AuditEntryDraft,
  type CertificateUnreadable,
  type JpkiSignerError,
  type JpkiLoginIdentity,
  type Locale,
  type ResidentJpkiLinkedElsewhere,
  type ResidentJpkiLoginRefused,
  type SignatureError,
  type StorageError,
} from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { sessionBindingOf } from "../../passkeys/bound-challenge.ts";
import { JPKI_PENDING_COOKIE, JPKI_PENDING_TTL_MS, type JpkiPendingLogin } from "../../residents/jpki-pending-cookie.ts";
import { decodeBody } from "../decode-body.ts";
import { AppCallbackFields, callbackUrl, redirectUriFor } from "../digital-auth-app-callback.ts";
import { requestLocale } from "../locale.ts";
import { RESIDENT_COOKIE, requireResidentSession, residentCookie, residentSessionOf } from "../resident-session.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";
import { readCookie } from "../staff-auth.ts";

const LocaleField = Schema.optional(Schema.Literals(["ja", "en"]));
const StartBody = Schema.Struct({ locale: LocaleField });
/** What the callback page read from its URL: the code and state, or the provider's error; `iss` when sent (RFC 9207). */
const FinishBody = Schema.Struct({ ...AppCallbackFields, locale: LocaleField });
/** The card's 4-digit PIN of the user-authentication key, as the card checks it. */
const PinBody = Schema.Struct({ pin: Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9]{4}$/))), locale: LocaleField });
const LinkId = /^[0-9a-f]{64}$/;

/** Every refusal of this surface, each with its status and message. */
type JpkiRouteError =
  | { readonly _tag: "JpkiUnavailable" }
  | { readonly _tag: "JpkiPendingMissing" }
  | { readonly _tag: "JpkiSessionMismatch" }
  | { readonly _tag: "JpkiLinkUnknown" }
  | DigitalAuthAppError
  | ResidentJpkiLoginRefused
  | ResidentJpkiLinkedElsewhere
  | JpkiSignerError
  | SignatureError
  | CertificateUnreadable
  | StorageError;

const assertNever = (value: never): never => {
  throw new Error(`unhandled JPKI route error: ${JSON.stringify(value)}`);
};

/** Status, code and ja/en message of a refusal. The app's reasons stay in the audit log; the resident hears one message per next step. */
const jpkiErrorResponse = (e: JpkiRouteError, locale: Locale): { status: number; body: { error: { code: string; message: string } } } => {
  const answer = (status: number, code: string, ja: string, en: string) => ({ status, body: { error: { code, message: locale === "ja" ? ja : en } } });
  switch (e._tag) {
    case "JpkiUnavailable":
      return answer(404, "resident.jpki_unavailable", "デジタル認証アプリでのログインは利用できません。", "Login with the Digital Authentication App is not available.");
    case "JpkiPendingMissing":
      return answer(400, "resident.jpki_expired", "手続の有効期限が切れました。もう一度はじめからお試しください。", "This attempt has expired. Please start again.");
    case "JpkiSessionMismatch":
      return answer(401, "resident.unauthenticated", "ログインしてください。", "Please log in.");
    case "JpkiLinkUnknown":
      return answer(404, "resident.jpki_link_unknown", "この連携は見つかりません。", "No such linked card.");
    case "DigitalAuthAppError":
      return e.reason === "access_denied"
        ? answer(400, "resident.jpki_cancelled", "デジタル認証アプリでの本人確認が中止されました。", "Identity confirmation in the Digital Authentication App was cancelled.")
        : e.reason === "unavailable"
          ? answer(503, "resident.jpki_provider_unavailable", "デジタル認証アプリに接続できません。しばらくしてからお試しください。", "The Digital Authentication App cannot be reached. Please try again later.")
          : answer(400, "resident.jpki_failed", "マイナンバーカードでの本人確認ができませんでした。もう一度お試しください。", "Your My Number card could not be confirmed. Please try again.");
    case "ResidentJpkiLoginRefused":
      return e.reason === "not_linked"
        ? answer(
            409,
            "resident.jpki_not_linked",
            "このマイナンバーカードはまだアカウントに連携されていません。メールアドレスとパスワードでログインし、アカウント設定で連携してください。",
            "This My Number card is not linked to an account yet. Log in with your email address and password, then link it in the account settings.",
          )
        : answer(401, "resident.jpki_login_refused", "マイナンバーカードでログインできませんでした。メールアドレスとパスワードでログインしてください。", "You could not be logged in with your My Number card. Please log in with your email address and password.");
    case "ResidentJpkiLinkedElsewhere":
      return answer(409, "resident.jpki_linked_elsewhere", "このマイナンバーカードは別のアカウントに連携されています。", "This My Number card is linked to another account.");
    case "JpkiSignerError": {
      const reason = e.reason;
      switch (reason) {
        case "wrong_secret":
          return answer(401, "resident.jpki_wrong_pin", `暗証番号が違います（残り${e.triesLeft ?? 0}回）。`, `Wrong PIN (${e.triesLeft ?? 0} tries left).`);
        case "locked":
          return answer(423, "resident.jpki_card_locked", "暗証番号の入力回数の上限に達したため、カードの利用者証明用電子証明書がロックされています。市区町村の窓口で解除してください。", "The card's user-authentication certificate is locked after too many wrong PINs. Have it unlocked at your municipal office.");
        case "no_certificate":
          return answer(409, "resident.jpki_no_auth_certificate", "このカードには利用者証明用電子証明書がありません。", "This card has no user-authentication certificate.");
        case "unknown_session":
        case "session_expired":
          return answer(400, "resident.jpki_expired", "手続の有効期限が切れました。もう一度はじめからお試しください。", "This attempt has expired. Please start again.");
        case "cancelled":
          return answer(
            400,
            "resident.jpki_cancelled",
            "マイナンバーカードでの本人確認を中止しました。もう一度お試しいただくか、メールアドレスとパスワードでログインしてください。",
            "Identity confirmation with the My Number card was cancelled. Try again, or log in with your email address and password.",
          );
        case "invalid_input":
          return answer(400, "resident.jpki_failed", "マイナンバーカードでの本人確認ができませんでした。もう一度お試しください。", "Your My Number card could not be confirmed. Please try again.");
        case "unavailable":
          return answer(503, "resident.jpki_card_unavailable", "カードを読み取れません。しばらくしてからお試しください。", "The card cannot be read. Please try again later.");
        default:
          return assertNever(reason);
      }
    }
    case "SignatureError":
      return e.reason === "revoked"
        ? answer(400, "resident.jpki_certificate_revoked", "利用者証明用電子証明書が失効しています。市区町村の窓口で再発行の手続をしてください。", "The user-authentication certificate is revoked. Have it re-issued at your municipal office.")
        : e.reason === "expired"
          ? answer(400, "resident.jpki_certificate_expired", "利用者証明用電子証明書の有効期限が切れています。市区町村の窓口で更新してください。", "The user-authentication certificate has expired. Have it renewed at your municipal office.")
          : e.reason === "unavailable" || e.reason === "revocation_unknown"
            ? answer(503, "resident.jpki_certificate_unverifiable", "証明書の有効性を確認できません。しばらくしてからお試しください。", "The certificate's validity cannot be checked now. Please try again later.")
            : answer(400, "resident.jpki_certificate_refused", "この証明書ではログインできません。", "This certificate cannot be used to log in.");
    case "CertificateUnreadable":
      return answer(400, "resident.jpki_certificate_refused", "この証明書ではログインできません。", "This certificate cannot be used to log in.");
    case "StorageError":
      return answer(503, "service.unavailable", "ただいま処理できません。しばらくしてからお試しください。", "The service is unavailable. Please try again later.");
    default:
      return assertNever(e);
  }
};

/**
 * Resident login with JPKI (R10) through the Digital Authentication App: start (login, or link from a
 * logged-in session), finish (the callback page posts the code and state it came back with), and the
 * account's linked cards. Every outcome is audited: `resident.login` with `step: jpki` and the reason
 * of a refusal, `resident.account_changed` with `jpki_linked` / `jpki_unlinked`.
 */
export const residentJpkiRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const api = express.Router();
  router.use("/api/resident/jpki", noStore, api);
  const runtime = deps.residentJpki;
  const sessions = deps.residentAccounts.sessions;
  const requireResident = requireResidentSession(sessions);

  const fail = (req: Request, res: Response, e: JpkiRouteError) => {
    const { status, body } = jpkiErrorResponse(e, requestLocale(req));
    if (status >= 500) deps.logger.warn({ event: "resident.jpki_error", tag: e._tag, reason: "reason" in e ? e.reason : undefined }, "resident JPKI operation failed");
    res.status(status).json(body);
  };
  const audit = (req: Request, draft: Omit<AuditEntryDraft, "at" | "sourceIp">) => recordAudit(deps, [{ ...draft, at: deps.clock.now(), sourceIp: sourceIpOf(req) }]);
  const loginAudit = (req: Request, accountId: string | null, result: "success" | "failure", details: Record<string, string>, method: JpkiLoginIdentity["method"] = "digital_auth_app") =>
    audit(req, {
      actor: accountId === null ? { kind: "anonymous", id: null } : { kind: "resident", id: accountId },
      action: "resident.login",
      target: accountId === null ? null : { kind: "resident_account", id: accountId },
      result,
      details: { step: "jpki", method, ...details },
    });

  /**
   * The end of either way of reading the card, once its identity is verified: link it to the session's
   * account (which must be the session that started), or open the account it is linked to.
   */
  const conclude = async (req: Request, res: Response, pending: JpkiPendingLogin, identity: JpkiLoginIdentity) => {
    const session = await sessions.get(readCookie(req, RESIDENT_COOKIE));
    if (pending.intent === "link") {
      if (session === null || session.accountId === null || sessionBindingOf(session.id) !== pending.sessionBinding) {
        await loginAudit(req, null, "failure", { intent: "link", reason: "session_mismatch" }, identity.method);
        return fail(req, res, { _tag: "JpkiSessionMismatch" });
      }
      const accountId = session.accountId;
      const linked = await linkResidentJpki(runtime.deps)({ accountId, identity });
      const target = { kind: "resident_account", id: accountId } as const;
      if (linked.isErr()) {
        await audit(req, { actor: { kind: "resident", id: accountId }, action: "resident.account_changed", target, result: "failure", details: { change: "jpki_linked", method: identity.method, reason: linked.error._tag } });
        return fail(req, res, linked.error);
      }
      if (linked.value.created) {
        await audit(req, { actor: { kind: "resident", id: accountId }, action: "resident.account_changed", target, result: "success", details: { change: "jpki_linked", method: identity.method } });
        await noticeResidentJpkiChange(deps.residentAccounts.deps)(accountId, "jpki_linked");
      }
      return res.json({ status: "linked", created: linked.value.created });
    }
    const opened = await loginResidentWithJpki(runtime.deps)(identity);
    if (opened.isErr()) {
      const reason = opened.error._tag === "ResidentJpkiLoginRefused" ? opened.error.reason : "storage";
      await loginAudit(req, null, "failure", { intent: "login", reason }, identity.method);
      return fail(req, res, opened.error);
    }
    await loginAudit(req, opened.value, "success", { intent: "login", outcome: "success" }, identity.method);
    // As completeResidentLogin, but appending: the answer also clears the pending cookie.
    const loggedIn = await sessions.loggedIn(opened.value, session?.id ?? readCookie(req, RESIDENT_COOKIE));
    res.append("Set-Cookie", residentCookie(loggedIn.id));
    res.json({ step: "done", csrfToken: loggedIn.csrfToken });
  };

  const start = async (req: Request, res: Response, intent: "login" | "link", sessionBinding: string | null) => {
    if (decodeBody(StartBody, req, res, requestLocale(req)) === null) return;
    if (runtime.app === null) return fail(req, res, { _tag: "JpkiUnavailable" });
    const started = await runtime.app.startLogin(redirectUriFor(runtime.redirectUris, req));
    if (started.isErr()) return fail(req, res, started.error);
    const sealed = runtime.pending.seal({ kind: "app", intent, authorization: started.value.pending, sessionBinding, expiresAtMs: deps.clock.now().getTime() + JPKI_PENDING_TTL_MS });
    res.set("Set-Cookie", runtime.pending.cookie(sealed));
    res.json({ authorizationUrl: started.value.authorizationUrl });
  };

  api.get("/options", (_req, res) => {
    res.json({ digitalAuthApp: runtime.app !== null, card: runtime.cardSigner !== null });
  });

  api.post("/app/login/start", (req, res) => start(req, res, "login", null));

  api.post("/app/link/start", requireResident, (req, res) => start(req, res, "link", sessionBindingOf(residentSessionOf(res).id)));

  api.post("/app/finish", async (req, res) => {
    const body = decodeBody(FinishBody, req, res, requestLocale(req));
    if (body === null) return;
    if (runtime.app === null) return fail(req, res, { _tag: "JpkiUnavailable" });
    const pending = runtime.pending.open(readCookie(req, JPKI_PENDING_COOKIE), deps.clock.now().getTime());
    // One finish per start, whatever its outcome: the cookie goes now.
    res.append("Set-Cookie", runtime.pending.cleared());
    if (pending === null || pending.kind !== "app") {
      await loginAudit(req, null, "failure", { reason: "pending_missing" });
      return fail(req, res, { _tag: "JpkiPendingMissing" });
    }
    const finished = await runtime.app.finishLogin(pending.authorization, callbackUrl(pending.authorization.redirectUri, body));
    if (finished.isErr()) {
      const session = pending.intent === "link" ? await sessions.get(readCookie(req, RESIDENT_COOKIE)) : null;
      await loginAudit(req, session?.accountId ?? null, "failure", { intent: pending.intent, reason: finished.error.reason });
      return fail(req, res, finished.error);
    }
    await conclude(req, res, pending, { method: "digital_auth_app", subject: finished.value.subject });
  });

  // The user-authentication certificate read by this service (the test card in the embedded profile):
  // the card signs a fresh challenge with its authentication key after its 4-digit PIN, and the CMS
  // assembled from that signature is verified like any relying party would (chain to the authentication
  // CA, JPKI authentication policy, validity, revocation). The certificate's issuer and serial are the identity.
  const startCard = async (req: Request, res: Response, intent: "login" | "link", sessionBinding: string | null) => {
    if (decodeBody(StartBody, req, res, requestLocale(req)) === null) return;
    const signer = runtime.cardSigner;
    if (signer === null) return fail(req, res, { _tag: "JpkiUnavailable" });
    const now = deps.clock.now();
    const content = Buffer.from(JSON.stringify({ type: "madoguchi.jpki-login/v1", intent, challenge: randomBytes(32).toString("base64url"), at: now.toISOString() }), "utf8");
    const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
    const signedAttributes = signedAttributesFor({ contentSha256: sha256(content), signingTime: now });
    const started = await signer.startSigning({ digestInfo: sha256DigestInfo(sha256(signedAttributes)), key: "authentication" });
    if (started.isErr()) {
      await loginAudit(req, null, "failure", { intent, reason: started.error.reason }, "auth_certificate");
      return fail(req, res, started.error);
    }
    const sealed = runtime.pending.seal({
      kind: "card",
      intent,
      sessionBinding,
      signerSessionId: started.value.sessionId,
      contentBase64: content.toString("base64"),
      signedAttributesBase64: Buffer.from(signedAttributes).toString("base64"),
      expiresAtMs: Math.min(started.value.expiresAt.getTime(), now.getTime() + JPKI_PENDING_TTL_MS),
    });
    res.set("Set-Cookie", runtime.pending.cookie(sealed));
    const challenge = started.value.challenge;
    res.json(challenge.kind === "secret" ? { step: "pin", triesLeft: challenge.triesLeft } : { step: "redirect", url: challenge.url });
  };

  api.post("/card/login/start", (req, res) => startCard(req, res, "login", null));

  api.post("/card/link/start", requireResident, (req, res) => startCard(req, res, "link", sessionBindingOf(residentSessionOf(res).id)));

  api.post("/card/finish", async (req, res) => {
    const body = decodeBody(PinBody, req, res, requestLocale(req));
    if (body === null) return;
    const signer = runtime.cardSigner;
    if (signer === null) return fail(req, res, { _tag: "JpkiUnavailable" });
    const now = deps.clock.now();
    const pending = runtime.pending.open(readCookie(req, JPKI_PENDING_COOKIE), now.getTime());
    if (pending === null || pending.kind !== "card") {
      res.append("Set-Cookie", runtime.pending.cleared());
      await loginAudit(req, null, "failure", { reason: "pending_missing" }, "auth_certificate");
      return fail(req, res, { _tag: "JpkiPendingMissing" });
    }
    const signed = await signer.completeSigning({ sessionId: pending.signerSessionId, completion: { kind: "secret", secret: body.pin } });
    if (signed.isErr()) {
      // A wrong PIN leaves the card's session (and so the cookie) open while tries remain.
      if (signed.error.reason !== "wrong_secret") res.append("Set-Cookie", runtime.pending.cleared());
      await loginAudit(req, null, "failure", { intent: pending.intent, reason: signed.error.reason }, "auth_certificate");
      return fail(req, res, signed.error);
    }
    res.append("Set-Cookie", runtime.pending.cleared());
    const content = new Uint8Array(Buffer.from(pending.contentBase64, "base64"));
    const cms = assembleDetachedCms({ signedAttributes: new Uint8Array(Buffer.from(pending.signedAttributesBase64, "base64")), ...signed.value });
    if (cms.isErr()) {
      await loginAudit(req, null, "failure", { intent: pending.intent, reason: "certificate_unreadable" }, "auth_certificate");
      return fail(req, res, cms.error);
    }
    const verified = await runtime.verifier.verifyDetached({ content, cms: cms.value, at: now, purpose: "authentication" });
    if (verified.isErr()) {
      await loginAudit(req, null, "failure", { intent: pending.intent, reason: verified.error.reason }, "auth_certificate");
      return fail(req, res, verified.error);
    }
    const { issuer, serialNumber } = verified.value.signer;
    await conclude(req, res, pending, { method: "auth_certificate", subject: `${issuer}\u0000${serialNumber}` });
  });

  // The resident pressed cancel at the PIN prompt: the card's session ends (no try spent, jpki-signer@2's
  // `declined`), the pending cookie is cleared, and the answer is the card's refusal, `cancelled`.
  api.post("/card/cancel", async (req, res) => {
    if (decodeBody(StartBody, req, res, requestLocale(req)) === null) return;
    const signer = runtime.cardSigner;
    if (signer === null) return fail(req, res, { _tag: "JpkiUnavailable" });
    const pending = runtime.pending.open(readCookie(req, JPKI_PENDING_COOKIE), deps.clock.now().getTime());
    res.append("Set-Cookie", runtime.pending.cleared());
    if (pending === null || pending.kind !== "card") {
      await loginAudit(req, null, "failure", { reason: "pending_missing" }, "auth_certificate");
      return fail(req, res, { _tag: "JpkiPendingMissing" });
    }
    const declined = await signer.completeSigning({ sessionId: pending.signerSessionId, completion: { kind: "declined", error: "access_denied", state: null } });
    const error: JpkiSignerError = declined.isErr()
      ? declined.error
      : { _tag: "JpkiSignerError", reason: "cancelled", operation: "resident.jpki.card.cancel", retryable: false, message: "cancelled" };
    await loginAudit(req, null, "failure", { intent: pending.intent, reason: error.reason }, "auth_certificate");
    return fail(req, res, error);
  });

  api.get("/links", requireResident, async (req, res) => {
    const listed = await runtime.deps.links.list(residentSessionOf(res).accountId);
    if (listed.isErr()) return fail(req, res, listed.error);
    res.json({ items: listed.value.map((link) => ({ id: link.key, method: link.method, linkedAt: link.linkedAt.toISOString() })), digitalAuthApp: runtime.app !== null });
  });

  api.delete("/links/:id", requireResident, async (req, res) => {
    const id = String(req.params["id"] ?? "");
    const accountId = residentSessionOf(res).accountId;
    if (!LinkId.test(id)) return fail(req, res, { _tag: "JpkiLinkUnknown" });
    const removed = await unlinkResidentJpki(runtime.deps)({ accountId, key: id });
    if (removed.isErr()) return fail(req, res, removed.error);
    if (!removed.value) return fail(req, res, { _tag: "JpkiLinkUnknown" });
    await audit(req, { actor: { kind: "resident", id: accountId }, action: "resident.account_changed", target: { kind: "resident_account", id: accountId }, result: "success", details: { change: "jpki_unlinked" } });
    await noticeResidentJpkiChange(deps.residentAccounts.deps)(accountId, "jpki_unlinked");
    res.status(204).end();
  });

  return router;
};
