import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { permissionsOf, readStaffAccess, STAFF_PERMISSIONS, STAFF_SESSION_POLICY, type AuditAction, type Locale, type StaffId, type StaffPermission } from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { notifyStaff } from "../../staff/notify-staff.ts";
import type { StaffSession } from "../../staff/staff-sessions.ts";
import { sessionBindingOf } from "../../passkeys/bound-challenge.ts";
import { PasskeyAnswerBody, passkeyCeremonies } from "../../passkeys/passkey-http.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requirePendingStaffSession, requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";
import { clearedStaffCookie, readCookie, STAFF_COOKIE, staffCookie } from "../staff-auth.ts";

const LoginBody = Schema.Struct({
  loginId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  password: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1024))),
});
/** A TOTP code (digits, spaces tolerated) or a recovery code (XXXXX-XXXXX). */
const CodeBody = Schema.Struct({
  code: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(20)))),
  recoveryCode: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(40)))),
});

const invalid = (res: Response, locale: Locale) =>
  res.status(401).json({
    error: {
      code: "staff.invalid_credentials",
      message: locale === "ja" ? "ログインIDまたはパスワード、確認コードが正しくありません。" : "The login ID, password or code is incorrect.",
    },
  });

/** One answer per failure kind: every credential failure alike (no enumeration), throttling told as such, storage as 503. */
const failure = (res: Response, locale: Locale, error: { readonly _tag: string; readonly retryAt?: Date }) => {
  if (error._tag === "InvalidCredentials") return invalid(res, locale);
  if (error._tag === "LoginThrottled") {
    return res.status(429).json({
      error: { code: "login.throttled", message: locale === "ja" ? "試行が多すぎます。しばらくしてからお試しください。" : "Too many attempts. Please try again later." },
    });
  }
  return res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
};

/**
 * Routes of the staff login lifecycle: password → TOTP (or a recovery code), or at first login the
 * TOTP enrolment (QR code, a first code, recovery codes shown once); the current session; step-up;
 * logout. A half-done login is a pending session that opens only these routes. Every step is audited
 * (never the password or code).
 */
export const staffLoginRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const login = deps.staffLogin;
  /** The staff login message (banner), ja and en, configured by the municipality. */
  const loginMessage = () => login.loginMessage;
  const pendingOnly = requirePendingStaffSession(deps.sessions, auditDenied(deps));
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const passkeys = passkeyCeremonies(deps);
  const audit = (req: Request, staffId: string, action: AuditAction, details: Record<string, string | number> = {}) =>
    recordAudit(deps, [{ at: deps.clock.now(), actor: { kind: "staff", id: staffId }, action, target: { kind: "staff_account", id: staffId }, result: "success", sourceIp: sourceIpOf(req), details }]);

  /**
   * What the member's roles allow now, in the canonical order, derived by core from the stored
   * configuration (read fresh, as `requirePermission` does). The web only hides what is not allowed;
   * every route still checks its permission. Null when the configuration cannot be read.
   */
  const permissionsNow = async (staffId: StaffId): Promise<readonly StaffPermission[] | null> => {
    const access = await readStaffAccess(deps.staffAccess, staffId);
    if (access.isErr()) {
      deps.logger.error({ err: { reason: access.error.reason, operation: access.error.operation } }, "staff access unavailable");
      return null;
    }
    const held = permissionsOf(access.value);
    return STAFF_PERMISSIONS.filter((p) => held.has(p));
  };

  /** Finishes a login: a new session id, the previous login answered, this one remembered. */
  const finish = async (req: Request, res: Response, pending: StaffSession, extra: Record<string, unknown>) => {
    const session = await deps.sessions.complete(pending);
    if (session === null) return invalid(res, requestLocale(req));
    const previous = await login.rememberLogin(session.staff.id, sourceIpOf(req));
    const loggedOut = await login.lastLogout(session.staff.id);
    // The login has passed: an unreadable configuration shows nothing (fail closed) rather than undo it.
    const permissions = (await permissionsNow(session.staff.id)) ?? [];
    res.setHeader("Set-Cookie", staffCookie(session.id));
    res.json({
      staff: session.staff,
      csrfToken: session.csrfToken,
      permissions,
      lastLogin: previous.isOk() && previous.value !== null ? { at: previous.value.at.toISOString(), sourceIp: previous.value.sourceIp } : null,
      lastLogout: loggedOut.isOk() && loggedOut.value !== null ? { at: loggedOut.value.toISOString() } : null,
      loginMessage: loginMessage(),
      ...extra,
    });
  };

  router.get("/api/staff/login-message", (_req, res) => {
    res.json({ loginMessage: loginMessage() });
  });

  router.post("/api/staff/login", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(LoginBody, req, res, locale);
    if (body === null) return;
    const passed = await login.password(body.loginId, body.password, sourceIpOf(req) ?? "");
    if (passed.isErr()) return failure(res, locale, passed.error);
    const found = await deps.staff.findById(passed.value.accountId as never);
    if (found.isErr() || found.value === null) return failure(res, locale, { _tag: "StorageError" });
    const account = found.value;
    // A pending session: it opens only the second step, and is replaced (new id) when that passes.
    const due = passed.value.enrolled ? "second_factor" : "totp_enrolment";
    const session = await deps.sessions.create(
      { id: account.id, loginId: account.loginId, displayName: account.displayName },
      { kind: "pending", due },
      readCookie(req, STAFF_COOKIE),
    );
    res.setHeader("Set-Cookie", staffCookie(session.id));
    res.json({ next: due === "second_factor" ? "totp" : "totp_enrolment", csrfToken: session.csrfToken });
  });

  router.post("/api/staff/login/totp", pendingOnly, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CodeBody, req, res, locale);
    if (body === null) return;
    const pending = staffSessionOf(res);
    if (pending.stage.kind !== "pending" || pending.stage.due !== "second_factor") return invalid(res, locale);
    const ip = sourceIpOf(req) ?? "";
    if (body.recoveryCode !== undefined) {
      const used = await login.recoveryCode(pending.staff.id, body.recoveryCode, ip);
      if (used.isErr()) return failure(res, locale, used.error);
      // staff.recovery_code_used was appended with the used-up list, in its write. A used code may be a stolen one: the member is told.
      await notifyStaff(deps, pending.staff.id, "recovery_code_used");
      return finish(req, res, pending, { recoveryCodesLeft: used.value.recoveryCodesLeft });
    }
    const checked = await login.totpCode(pending.staff.id, body.code ?? "", ip);
    if (checked.isErr()) return failure(res, locale, checked.error);
    return finish(req, res, pending, {});
  });

  /** A passkey instead of the code: options with the account's passkeys and a challenge bound to this pending session. */
  router.post("/api/staff/login/passkey/options", pendingOnly, async (req, res) => {
    const pending = staffSessionOf(res);
    if (pending.stage.kind !== "pending" || pending.stage.due !== "second_factor") return invalid(res, requestLocale(req));
    await passkeys.loginOptions(req, res, { kind: "staff", accountId: pending.staff.id }, sessionBindingOf(pending.id), {
      ja: "パスキーが登録されていません。確認コードを入力してください。",
      en: "No passkey is registered. Enter the code instead.",
    });
  });

  router.post("/api/staff/login/passkey", pendingOnly, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(PasskeyAnswerBody, req, res, locale);
    if (body === null) return;
    const pending = staffSessionOf(res);
    if (pending.stage.kind !== "pending" || pending.stage.due !== "second_factor") return invalid(res, locale);
    const challenge = passkeys.loginChallenge(body.challenge, sessionBindingOf(pending.id));
    const used = await login.passkey(pending.staff.id, body.response, challenge, sourceIpOf(req) ?? "");
    if (used.isErr()) return failure(res, locale, used.error);
    return finish(req, res, pending, {});
  });

  router.post("/api/staff/login/totp-enrolment", pendingOnly, async (req, res) => {
    const pending = staffSessionOf(res);
    if (pending.stage.kind !== "pending" || pending.stage.due !== "totp_enrolment") return invalid(res, requestLocale(req));
    const started = await login.startEnrolment(pending.staff.id, pending.staff.loginId);
    if (started.isErr()) return failure(res, requestLocale(req), { _tag: "StorageError" });
    res.json({ secret: started.value.secret, uri: started.value.uri, qrDataUrl: started.value.qrDataUrl });
  });

  router.post("/api/staff/login/totp-enrolment/confirm", pendingOnly, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CodeBody, req, res, locale);
    if (body === null) return;
    const pending = staffSessionOf(res);
    if (pending.stage.kind !== "pending" || pending.stage.due !== "totp_enrolment") return invalid(res, locale);
    const confirmed = await login.confirmEnrolment(pending.staff.id, body.code ?? "", sourceIpOf(req) ?? "");
    if (confirmed.isErr()) return failure(res, locale, confirmed.error);
    // staff.totp_enrolled was appended with the confirmed enrolment, in its write.
    // The recovery codes are in this answer only: never stored in clear, logged or mailed (the notice names the change, not the codes).
    await notifyStaff(deps, pending.staff.id, "totp_enrolled");
    return finish(req, res, pending, { recoveryCodes: confirmed.value.recoveryCodes });
  });

  /** The current session, with the permissions its member holds now (the back office shows only what they allow). */
  router.get("/api/staff/me", staffOnly, async (_req, res) => {
    const s = staffSessionOf(res);
    const permissions = await permissionsNow(s.staff.id);
    if (permissions === null) {
      res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
      return;
    }
    res.json({ staff: s.staff, csrfToken: s.csrfToken, stepUpAt: s.stepUpAt?.toISOString() ?? null, loginMessage: loginMessage(), permissions });
  });

  /** Step-up: the TOTP code again before a sensitive action; a new session id and `stepUpAt`. */
  router.post("/api/staff/step-up", staffOnly, async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(CodeBody, req, res, locale);
    if (body === null) return;
    const session = staffSessionOf(res);
    const checked = await login.totpCode(session.staff.id, body.code ?? "", sourceIpOf(req) ?? "");
    if (checked.isErr()) return failure(res, locale, checked.error);
    const stepped = await deps.sessions.stepUp(session);
    if (stepped === null) return invalid(res, locale);
    await audit(req, session.staff.id, "staff.step_up");
    res.setHeader("Set-Cookie", staffCookie(stepped.id));
    res.json({ csrfToken: stepped.csrfToken, stepUpAt: stepped.stepUpAt?.toISOString() ?? null, validForMs: STAFF_SESSION_POLICY.idleTimeoutMs });
  });

  router.post("/api/staff/logout", staffOnly, async (req, res) => {
    const s = staffSessionOf(res);
    await recordAudit(deps, [
      { at: deps.clock.now(), actor: { kind: "staff", id: s.staff.id }, action: "staff.logout", target: null, result: "success", sourceIp: sourceIpOf(req), details: {} },
    ]);
    await deps.sessions.destroy(s.id);
    // Shown at the next login (S2); the sign-out itself stands even if this cannot be written.
    const remembered = await login.rememberLogout(s.staff.id);
    if (remembered.isErr()) req.log.warn({ event: "staff.logout_not_remembered", reason: remembered.error.reason }, "staff logout");
    res.setHeader("Set-Cookie", clearedStaffCookie());
    res.json({ ok: true });
  });

  return router;
};
