import { Router } from "express";
import { Schema } from "effect";
import { auditDenied, recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { hashPassword, verifyPassword } from "../../staff/password-hash.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { clearedStaffCookie, readCookie, requireStaff, STAFF_COOKIE, staffCookie, staffSession } from "../staff-auth.ts";

const LoginBody = Schema.Struct({
  loginId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  password: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1024))),
});

/** A hash to verify against when the login id is unknown, so that both paths take the same time. */
const dummyHash = hashPassword("madoguchi-no-such-user");

/**
 * Routes of the staff login lifecycle: login, the current session, logout. Every login (success or
 * failure) is recorded in the audit log.
 */
export const staffLoginRoutes = (deps: ServerDeps): Router => {
  const router = Router();

  router.post("/api/staff/login", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(LoginBody, req, res, locale);
    if (body === null) return;
    const found = await deps.staff.findByLoginId(body.loginId);
    if (found.isErr()) {
      res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });
      return;
    }
    const account = found.value;
    const valid = await verifyPassword(body.password, account?.passwordHash ?? (await dummyHash));
    if (account === null || !valid) {
      // The login id typed is not recorded (it may be a mistyped password); a known account is.
      await recordAudit(deps, [
        {
          at: deps.clock.now(),
          actor: account === null ? { kind: "anonymous", id: null } : { kind: "staff", id: account.id },
          action: "staff.login",
          target: null,
          result: "failure",
          sourceIp: sourceIpOf(req),
          details: { reason: account === null ? "unknown_login_id" : "wrong_password" },
        },
      ]);
      res.status(401).json({
        error: {
          code: "staff.invalid_credentials",
          message: locale === "ja" ? "ログインIDまたはパスワードが正しくありません。" : "The login ID or password is incorrect.",
        },
      });
      return;
    }
    const old = readCookie(req, STAFF_COOKIE);
    if (old !== undefined) deps.sessions.destroy(old); // a new session id at every login
    const session = deps.sessions.create({ id: account.id, loginId: account.loginId, displayName: account.displayName });
    await recordAudit(deps, [
      { at: deps.clock.now(), actor: { kind: "staff", id: account.id }, action: "staff.login", target: null, result: "success", sourceIp: sourceIpOf(req), details: {} },
    ]);
    res.setHeader("Set-Cookie", staffCookie(session.id));
    res.json({ staff: session.staff, csrfToken: session.csrfToken });
  });

  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));

  router.get("/api/staff/me", staffOnly, (_req, res) => {
    const s = staffSession(res);
    res.json({ staff: s.staff, csrfToken: s.csrfToken });
  });

  router.post("/api/staff/logout", staffOnly, async (req, res) => {
    await recordAudit(deps, [
      { at: deps.clock.now(), actor: { kind: "staff", id: staffSession(res).staff.id }, action: "staff.logout", target: null, result: "success", sourceIp: sourceIpOf(req), details: {} },
    ]);
    deps.sessions.destroy(staffSession(res).id);
    res.setHeader("Set-Cookie", clearedStaffCookie());
    res.json({ ok: true });
  });

  return router;
};
