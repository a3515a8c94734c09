import { randomUUID } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { passwordRejectionMessage, StaffId, unlockResidentAccountByStaff, type AuditAction, type AuditEntryDraft } from "@madoguchi/core";
import { auditDenied, logAuditEntries, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";
import { notifyStaff } from "../../staff/notify-staff.ts";

const IssueBody = Schema.Struct({
  loginId: Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9._-]{3,64}$/))),
  displayName: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  /** Where the set-up link goes; kept as the account's notification address (security notices), never logged. */
  email: Schema.String.pipe(Schema.check(Schema.isPattern(/^[^\s@]{1,64}@[^\s@]{1,255}$/))),
});
const ResetBody = Schema.Struct({ email: IssueBody.fields.email });
const SetupBody = Schema.Struct({
  accountId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  token: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  password: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1024))),
  totpCode: Schema.optional(Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isMaxLength(20))))),
});

const unavailable = (res: Response) =>
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });

/**
 * Administration of staff accounts (permission `staff.manage` and a recent step-up): issue an account
 * (the member gets a single-use, 30-minute set-up link by mail and chooses their own password, then
 * enrols TOTP at first sign-in), unlock, start a reset. And the set-up page's endpoint, reachable
 * without a session but only with the link's token.
 */
export const staffAdminRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const admin = [
    requireStaffSession(deps.sessions, auditDenied(deps)),
    requirePermission(deps, "staff.manage"),
    requireRecentStepUp(deps),
  ];
  /**
   * The audit entry of an administration step on a staff account (`res === null`: the member's own, from the
   * set-up link). The stores append it in the write that makes the change (staff-store@2,
   * login-state-store@2), so a change is never without its entry and a failed append undoes the change.
   */
  const audit = (req: Request, res: Response | null, action: AuditAction, targetId: string): readonly AuditEntryDraft[] => [
    {
      at: deps.clock.now(),
      actor: res === null ? { kind: "staff", id: targetId } : { kind: "staff", id: staffSessionOf(res).staff.id },
      action,
      target: { kind: "staff_account", id: targetId },
      result: "success",
      sourceIp: sourceIpOf(req),
      details: {},
    },
  ];
  /** The link points at the staff listener the administrator is using (the member is on the same network). */
  const setupLink = (req: Request, accountId: string, token: string) =>
    `${req.protocol}://${req.get("host") ?? "localhost"}/staff/setup?${new URLSearchParams({ account: accountId, token }).toString()}`;
  const mailLink = (to: string, link: string, kind: "issued" | "reset") =>
    deps.mailer.send({
      id: randomUUID(),
      to,
      subject: kind === "issued" ? "【窓口】職員アカウントの設定 / Set up your staff account" : "【窓口】パスワードの再設定 / Reset your password",
      text: [
        kind === "issued" ? "職員アカウントが発行されました。次のリンクからパスワードを設定してください（30分間・1回限り有効）。" : "パスワードの再設定が管理者により開始されました。次のリンクから新しいパスワードを設定してください（30分間・1回限り有効）。",
        link,
        "",
        kind === "issued" ? "A staff account was issued for you. Set your password at the link above (valid once, for 30 minutes)." : "An administrator started a password reset for your account. Set a new password at the link above (valid once, for 30 minutes).",
        "心当たりのない場合は、情報システム担当にご連絡ください。 / If you did not expect this, contact your IT administrator.",
      ].join("\n"),
    });

  router.post("/api/staff/admin/accounts", ...admin, async (req, res) => {
    const body = decodeBody(IssueBody, req, res, requestLocale(req));
    if (body === null) return;
    const id = StaffId(`st_${randomUUID()}`);
    // No password until the member sets one through the link: this hash never verifies.
    const issued = audit(req, res, "staff.account_issued", id);
    const inserted = await deps.staff.insert({ id, loginId: body.loginId, displayName: body.displayName, passwordHash: "setup-pending", createdAt: deps.clock.now(), notificationEmail: body.email }, issued);
    if (inserted.isErr()) {
      if (inserted.error.reason === "conflict") {
        res.status(409).json({ error: { code: "staff.login_id_taken", message: requestLocale(req) === "ja" ? "このログインIDは使われています。" : "This login ID is taken." } });
        return;
      }
      return unavailable(res);
    }
    logAuditEntries(deps.logger, issued);
    // The set-up ticket is part of the issue (audited above); without it the account has no way in, and the administrator retries with a reset.
    const token = await deps.staffLogin.issueSetupTicket(id);
    if (token.isErr()) return unavailable(res);
    await mailLink(body.email, setupLink(req, id, token.value), "issued");
    res.status(201).json({ id, loginId: body.loginId, displayName: body.displayName });
  });

  /** An account's state for the admin page, by login ID (ids only travel back). */
  router.get("/api/staff/admin/accounts/by-login/:loginId", admin[0]!, admin[1]!, async (req, res) => {
    const found = await deps.staff.findByLoginId(String(req.params["loginId"]).slice(0, 100));
    if (found.isErr()) return unavailable(res);
    if (found.value === null) return void res.status(404).json({ error: { code: "staff.not_found", message: requestLocale(req) === "ja" ? "このログインIDの職員はいません。" : "No staff member has this login ID." } });
    const state = await deps.staffLogin.accountState(found.value.id);
    if (state.isErr()) return unavailable(res);
    res.json({ id: found.value.id, loginId: found.value.loginId, displayName: found.value.displayName, ...state.value });
  });

  router.post("/api/staff/admin/accounts/:id/unlock", ...admin, async (req, res) => {
    const id = String(req.params["id"]).slice(0, 100);
    const found = await deps.staff.findById(StaffId(id));
    if (found.isErr()) return unavailable(res);
    if (found.value === null) return void res.status(404).json({ error: { code: "staff.not_found", message: "見つかりません / Not found" } });
    if ((await deps.staffLogin.unlock(id, audit(req, res, "staff.account_unlocked", id))).isErr()) return unavailable(res);
    res.json({ ok: true });
  });

  router.post("/api/staff/admin/accounts/:id/disable", ...admin, async (req, res) => {
    const id = String(req.params["id"]).slice(0, 100);
    const found = await deps.staff.findById(StaffId(id));
    if (found.isErr()) return unavailable(res);
    if (found.value === null) return void res.status(404).json({ error: { code: "staff.not_found", message: "見つかりません / Not found" } });
    if (id === staffSessionOf(res).staff.id) {
      res.status(409).json({ error: { code: "staff.cannot_disable_self", message: requestLocale(req) === "ja" ? "自分のアカウントは無効にできません。" : "You cannot disable your own account." } });
      return;
    }
    if ((await deps.staffLogin.disable(id, staffSessionOf(res).staff.id, audit(req, res, "staff.account_disabled", id))).isErr()) return unavailable(res);
    // Disabled means out now: every session of the account ends server-side (after the write, so no new one can start in between).
    const ended = await deps.sessions.destroyAllOf(id);
    res.json({ ok: true, sessionsEnded: ended });
  });

  router.post("/api/staff/admin/accounts/:id/enable", ...admin, async (req, res) => {
    const id = String(req.params["id"]).slice(0, 100);
    // Appended only when the account was disabled: enabling an enabled account changes nothing.
    if ((await deps.staffLogin.enable(id, audit(req, res, "staff.account_enabled", id))).isErr()) return unavailable(res);
    res.json({ ok: true });
  });

  router.post("/api/staff/admin/accounts/:id/reset", ...admin, async (req, res) => {
    const body = decodeBody(ResetBody, req, res, requestLocale(req));
    if (body === null) return;
    const id = String(req.params["id"]).slice(0, 100);
    const found = await deps.staff.findById(StaffId(id));
    if (found.isErr()) return unavailable(res);
    if (found.value === null) return void res.status(404).json({ error: { code: "staff.not_found", message: "見つかりません / Not found" } });
    // The address given now replaces the stored one (the member may have moved): the reset's notices go there.
    // Part of the reset step, whose entry (staff.password_reset_started) follows; the address stays out of it.
    if ((await deps.staff.updateNotificationEmail(StaffId(id), body.email)).isErr()) return unavailable(res);
    const token = await deps.staffLogin.issueSetupTicket(id, audit(req, res, "staff.password_reset_started", id));
    if (token.isErr()) return unavailable(res);
    await mailLink(body.email, setupLink(req, id, token.value), "reset");
    res.json({ ok: true });
  });

  /**
   * Unlocks a resident's account found by its address (SECURITY.md: "admin unlock"; the resident can also unlock
   * through a mailed link). The lockout reset and its audit entry are one write. 404 when no account has the
   * address — answered to a staff administrator only, on the staff listener.
   */
  router.post("/api/staff/admin/residents/unlock", ...admin, async (req, res) => {
    const body = decodeBody(ResetBody, req, res, requestLocale(req));
    if (body === null) return;
    const unlocked = await unlockResidentAccountByStaff(deps.residentAccounts.deps)({ email: body.email, staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) });
    if (unlocked.isErr()) return unavailable(res);
    if (unlocked.value === null) {
      res.status(404).json({ error: { code: "resident.not_found", message: requestLocale(req) === "ja" ? "このメールアドレスの住民アカウントはありません。" : "No resident account has this email address." } });
      return;
    }
    res.json({ ok: true });
  });

  /** The set-up/reset link's form: sets the password (TOTP too when enrolled), ends every session. */
  router.post("/api/staff/setup", async (req, res) => {
    const locale = requestLocale(req);
    const body = decodeBody(SetupBody, req, res, locale);
    if (body === null) return;
    const set = await deps.staffLogin.setPasswordFromLink(body.accountId, body.token, body.password, body.totpCode ?? null, sourceIpOf(req) ?? "", audit(req, null, "staff.password_set", body.accountId));
    if (set.isErr()) {
      const e = set.error;
      if (e._tag === "PasswordRejected") {
        res.status(422).json({ error: { code: e.code, message: passwordRejectionMessage(e)[locale] } });
        return;
      }
      if (e._tag === "LinkInvalid") {
        const needsCode = e.reason === "second_factor_required";
        res.status(400).json({
          error: needsCode
            ? { code: "staff.setup_code_required", message: locale === "ja" ? "認証アプリの確認コードを入力してください。" : "Enter the code from your authenticator app." }
            : { code: "staff.setup_link_invalid", message: locale === "ja" ? "このリンクは無効です。管理者に再発行を依頼してください。" : "This link is no longer valid. Ask your administrator for a new one." },
        });
        return;
      }
      return unavailable(res);
    }
    await deps.sessions.destroyAllOf(body.accountId);
    await notifyStaff(deps, body.accountId, "password_set");
    res.json({ ok: true });
  });

  return router;
};
