import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import type { ResultAsync } from "neverthrow";
import {
  changeResidentPassword,
  chooseResidentSecondFactor,
  completeResidentPasswordReset,
  confirmResidentEmailChange,
  confirmResidentTotp,
  finishResidentLoginWithEmailCode,
  finishResidentLoginWithRecoveryCode,
  finishResidentLoginWithTotp,
  registerResident,
  requestResidentEmailChange,
  requestResidentPasswordReset,
  requestResidentUnlock,
  unlockResidentAccount,
  ResidentAccountId,
  startResidentLogin,
  startResidentTotpEnrolment,
  verifyResidentEmail,
} from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";
import { readCookie } from "../staff-auth.ts";
import { completeResidentLogin, RESIDENT_COOKIE, requireResidentSession, residentCookie, residentSessionOf } from "../resident-session.ts";
import { residentView } from "./resident-routes.ts";
import { residentAccountErrorResponse, type ResidentAccountRouteError } from "./resident-account-error.ts";

const clearedResidentCookie = () => `${RESIDENT_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;

const Email = Schema.String.pipe(Schema.check(Schema.isMinLength(3), Schema.isMaxLength(254)));
const Password = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1024)));
const Token = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9_-]{20,128}$/)));
const AccountIdText = Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f-]{36}$/)));
const Code = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(32)));
const LocaleField = Schema.optional(Schema.Literals(["ja", "en"]));

const RegisterBody = Schema.Struct({ email: Email, password: Password, locale: LocaleField });
const LoginBody = Schema.Struct({ email: Email, password: Password, locale: LocaleField });
const CodeBody = Schema.Struct({ code: Code, locale: LocaleField });
/** The second step: a code, or (instead of an authenticator code) a recovery code. */
const SecondStepBody = Schema.Struct({ code: Schema.optional(Code), recoveryCode: Schema.optional(Code), locale: LocaleField });
const LinkBody = Schema.Struct({ accountId: AccountIdText, token: Token, locale: LocaleField });
const ForgotBody = Schema.Struct({ email: Email, locale: LocaleField });
const ResetBody = Schema.Struct({ accountId: AccountIdText, token: Token, newPassword: Password, totpCode: Schema.optional(Code), locale: LocaleField });
const ChangePasswordBody = Schema.Struct({ currentPassword: Password, newPassword: Password, locale: LocaleField });
const ChangeEmailBody = Schema.Struct({ currentPassword: Password, newEmail: Email, locale: LocaleField });
const CurrentPasswordBody = Schema.Struct({ currentPassword: Password, locale: LocaleField });
const SecondFactorBody = Schema.Struct({ currentPassword: Password, choice: Schema.Literals(["none", "email_code"]), locale: LocaleField });

/**
 * The resident account API (R3, R8) on the resident listener: registration, email verification,
 * login with the account's second step, password reset, "my applications" and the settings. Answers
 * that could tell whether an address is registered (register, login, forgot) are the same for known
 * and unknown addresses in status and body.
 */
export const residentAccountRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const runtime = deps.residentAccounts;
  const api = express.Router();
  router.use("/api/resident", noStore, api);
  const ra = runtime.deps;

  const fail = (req: Request, res: Response, e: ResidentAccountRouteError) => {
    const { status, body, retryAfterSeconds } = residentAccountErrorResponse(e, requestLocale(req), deps.clock.now());
    if (retryAfterSeconds !== undefined) res.set("Retry-After", String(retryAfterSeconds));
    if (status >= 500) deps.logger.warn({ event: "resident.account_error", tag: e._tag, reason: "reason" in e ? e.reason : undefined }, "resident account operation failed");
    res.status(status).json(body);
  };
  const run = async <T>(req: Request, res: Response, work: ResultAsync<T, ResidentAccountRouteError>, ok: (value: T) => unknown) => {
    const result = await work;
    if (result.isErr()) return fail(req, res, result.error);
    await ok(result.value);
  };
  const audit = (req: Request, accountId: string | null, action: "resident.account_changed", details: Record<string, string>) =>
    recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: accountId === null ? { kind: "anonymous", id: null } : { kind: "resident", id: accountId },
        action,
        target: accountId === null ? null : { kind: "resident_account", id: accountId },
        result: "success",
        sourceIp: sourceIpOf(req),
        details,
      },
    ]);

  const requireResident = requireResidentSession(runtime.sessions);
  const loggedIn = (res: Response, accountId: string, previousId?: string) => completeResidentLogin(runtime.sessions, res, accountId, previousId);

  api.post("/register", async (req, res) => {
    const body = decodeBody(RegisterBody, req, res, requestLocale(req));
    if (body === null) return;
    await run(req, res, registerResident(ra)({ email: body.email, password: body.password, locale: body.locale ?? requestLocale(req) }), () => {
      // Same answer whether the address was new or taken (the mail tells the owner which).
      res.status(202).json({ status: "check_your_email" });
    });
  });

  api.post("/verify-email", async (req, res) => {
    const body = decodeBody(LinkBody, req, res, requestLocale(req));
    if (body === null) return;
    await run(req, res, verifyResidentEmail(ra)({ accountId: body.accountId, token: body.token }), async () => {
      await audit(req, body.accountId, "resident.account_changed", { change: "email_verified" });
      res.json({ status: "verified" });
    });
  });

  api.post("/login", async (req, res) => {
    const body = decodeBody(LoginBody, req, res, requestLocale(req));
    if (body === null) return;
    const previous = readCookie(req, RESIDENT_COOKIE);
    await run(req, res, startResidentLogin(ra)({ email: body.email, password: body.password, sourceAddress: sourceIpOf(req) ?? "" }), async (step) => {
      if (step.kind === "done") return loggedIn(res, step.accountId, previous);
      const pending = await runtime.sessions.pending({ accountId: step.accountId, step: step.kind, attemptId: step.kind === "email_code" ? step.attemptId : null }, previous);
      res.set("Set-Cookie", residentCookie(pending.id));
      res.json({ step: step.kind });
    });
  });

  api.post("/login/second-factor", async (req, res) => {
    const body = decodeBody(SecondStepBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = await runtime.sessions.get(readCookie(req, RESIDENT_COOKIE));
    const pending = session?.pending ?? null;
    if (session === null || pending === null) {
      res.status(401).json(residentAccountErrorResponse({ _tag: "InvalidCredentials", code: "login.invalid_credentials" }, requestLocale(req), deps.clock.now()).body);
      return;
    }
    const source = sourceIpOf(req) ?? "";
    const code = body.code ?? "";
    const work =
      pending.step === "totp"
        ? body.recoveryCode !== undefined
          ? finishResidentLoginWithRecoveryCode(ra)({ accountId: pending.accountId, code: body.recoveryCode, sourceAddress: source })
          : finishResidentLoginWithTotp(ra)({ accountId: pending.accountId, code, sourceAddress: source })
        : finishResidentLoginWithEmailCode(ra)({ accountId: pending.accountId, attemptId: pending.attemptId ?? "", code, sourceAddress: source });
    await run(req, res, work, () => loggedIn(res, pending.accountId, session.id));
  });

  api.post("/logout", async (req, res) => {
    const id = readCookie(req, RESIDENT_COOKIE);
    if (id !== undefined) await runtime.sessions.destroy(id);
    res.set("Set-Cookie", clearedResidentCookie());
    res.status(204).end();
  });

  api.post("/password/forgot", async (req, res) => {
    const body = decodeBody(ForgotBody, req, res, requestLocale(req));
    if (body === null) return;
    await run(req, res, requestResidentPasswordReset(ra)({ email: body.email }), () => res.status(202).json({ status: "check_your_email" }));
  });

  api.post("/password/reset", async (req, res) => {
    const body = decodeBody(ResetBody, req, res, requestLocale(req));
    if (body === null) return;
    const work = completeResidentPasswordReset(ra)({
      accountId: body.accountId,
      token: body.token,
      newPassword: body.newPassword,
      totpCode: body.totpCode ?? null,
      sourceAddress: sourceIpOf(req) ?? "",
    });
    await run(req, res, work, async () => {
      await runtime.sessions.destroyAccount(body.accountId);
      await audit(req, body.accountId, "resident.account_changed", { change: "password_reset" });
      res.json({ status: "password_changed" });
    });
  });

  api.post("/unlock/request", async (req, res) => {
    const body = decodeBody(ForgotBody, req, res, requestLocale(req));
    if (body === null) return;
    await run(req, res, requestResidentUnlock(ra)({ email: body.email }), () => res.status(202).json({ status: "check_your_email" }));
  });

  api.post("/unlock", async (req, res) => {
    const body = decodeBody(LinkBody, req, res, requestLocale(req));
    if (body === null) return;
    // The unlock's audit entry is written with it (core's use case).
    await run(req, res, unlockResidentAccount(ra)({ accountId: body.accountId, token: body.token, sourceIp: sourceIpOf(req) }), async () => {
      res.json({ status: "unlocked" });
    });
  });

  api.post("/email/confirm", async (req, res) => {
    const body = decodeBody(LinkBody, req, res, requestLocale(req));
    if (body === null) return;
    await run(req, res, confirmResidentEmailChange(ra)({ accountId: body.accountId, token: body.token }), async () => {
      await audit(req, body.accountId, "resident.account_changed", { change: "email_changed" });
      res.json({ status: "email_changed" });
    });
  });

  api.get("/me", requireResident, async (req, res) => {
    const session = residentSessionOf(res);
    const found = await ra.accounts.findById(ResidentAccountId(session.accountId));
    if (found.isErr()) return fail(req, res, found.error);
    if (found.value === null) return fail(req, res, { _tag: "ResidentAccountGone", code: "resident.account_gone" });
    const account = found.value;
    res.json({ email: account.email, secondFactor: account.secondFactor, locale: account.locale, csrfToken: session.csrfToken });
  });

  // R8: the applications this account submitted while logged in, newest first, with their status.
  api.get("/applications", requireResident, async (req, res) => {
    const session = residentSessionOf(res);
    const page = await deps.applications.list({ residentAccountId: session.accountId, limit: 200, offset: 0 });
    if (page.isErr()) return fail(req, res, page.error);
    res.json({ items: page.value.items.map((a) => ({ ...residentView(a, deps.catalog), submittedAt: a.submittedAt.toISOString() })), total: page.value.total });
  });

  api.post("/password/change", requireResident, async (req, res) => {
    const body = decodeBody(ChangePasswordBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    await run(req, res, changeResidentPassword(ra)({ accountId: session.accountId, currentPassword: body.currentPassword, newPassword: body.newPassword }), async () => {
      await runtime.sessions.destroyAccount(session.accountId, session.id);
      await audit(req, session.accountId, "resident.account_changed", { change: "password_changed" });
      res.json({ status: "password_changed" });
    });
  });

  api.post("/email/change", requireResident, async (req, res) => {
    const body = decodeBody(ChangeEmailBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    await run(req, res, requestResidentEmailChange(ra)({ accountId: session.accountId, currentPassword: body.currentPassword, newEmail: body.newEmail }), () =>
      res.status(202).json({ status: "check_your_email" }),
    );
  });

  api.post("/totp/start", requireResident, async (req, res) => {
    const body = decodeBody(CurrentPasswordBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    await run(req, res, startResidentTotpEnrolment(ra)({ accountId: session.accountId, currentPassword: body.currentPassword }), (offer) =>
      res.json({ uri: offer.uri, qrSvg: offer.qrSvg, secret: offer.secret }),
    );
  });

  api.post("/totp/confirm", requireResident, async (req, res) => {
    const body = decodeBody(CodeBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    await run(req, res, confirmResidentTotp(ra)({ accountId: session.accountId, code: body.code }), async ({ recoveryCodes }) => {
      await audit(req, session.accountId, "resident.account_changed", { change: "totp_enrolled" });
      res.json({ recoveryCodes });
    });
  });

  api.post("/second-factor", requireResident, async (req, res) => {
    const body = decodeBody(SecondFactorBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    await run(req, res, chooseResidentSecondFactor(ra)({ accountId: session.accountId, currentPassword: body.currentPassword, choice: body.choice }), async () => {
      await audit(req, session.accountId, "resident.account_changed", { change: `second_factor_${body.choice}` });
      res.json({ secondFactor: body.choice });
    });
  });

  return router;
};
