import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { authorizeResidentPasskeyRegistration, finishResidentLoginWithPasskey, noticeResidentPasskeyChange, type PasskeyOwner } from "@madoguchi/core";
import { recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { sessionBindingOf } from "../../passkeys/bound-challenge.ts";
import { PasskeyAnswerBody, passkeyCeremonies, type PasskeyAudit } from "../../passkeys/passkey-http.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { completeResidentLogin, RESIDENT_COOKIE, requireResidentSession, residentSessionOf } from "../resident-session.ts";
import { noStore } from "../security-headers.ts";
import type { ServerDeps } from "../server-deps.ts";
import { readCookie } from "../staff-auth.ts";
import { residentAccountErrorResponse, type ResidentAccountRouteError } from "./resident-account-error.ts";

const OptionsBody = Schema.Struct({
  currentPassword: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1024))),
  locale: Schema.optional(Schema.Literals(["ja", "en"])),
});

/**
 * A resident's passkeys (ADR 18, "Passkeys"): on the settings page list, register (the current
 * password again, then the browser's answer) and remove them — each change audited and mailed to the
 * owner; at login, a passkey instead of the code in the second step, under the same throttles and
 * lockout, refused with the one INVALID_CREDENTIALS answer whatever the reason (the reason is audited).
 * The ceremonies are the staff's (`passkeys/passkey-http.ts`); the rules are core's.
 */
export const residentPasskeyRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const api = express.Router();
  router.use("/api/resident", noStore, api);
  const runtime = deps.residentAccounts;
  const ra = runtime.deps;
  const ceremonies = passkeyCeremonies(deps);
  const requireResident = requireResidentSession(runtime.sessions);
  const ownerOf = (accountId: string): PasskeyOwner => ({ kind: "resident", accountId });

  const fail = (req: Request, res: Response, e: ResidentAccountRouteError) => {
    const { status, body, retryAfterSeconds } = residentAccountErrorResponse(e, requestLocale(req), deps.clock.now());
    if (retryAfterSeconds !== undefined) res.set("Retry-After", String(retryAfterSeconds));
    res.status(status).json(body);
  };
  /** Passkey changes are account changes: `resident.account_changed` with `change`, and the reason of a refusal. */
  const audit =
    (accountId: string, change: "passkey_added" | "passkey_removed"): PasskeyAudit =>
    async (req, result, details) => {
      await recordAudit(deps, [
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
    };
  const notice = (accountId: string, change: "passkey_added" | "passkey_removed") => async () => {
    await noticeResidentPasskeyChange(ra)(accountId, change);
  };

  api.get("/passkeys", requireResident, (_req, res) => ceremonies.list(res, ownerOf(residentSessionOf(res).accountId)));

  api.post("/passkeys/options", requireResident, async (req, res) => {
    const body = decodeBody(OptionsBody, req, res, requestLocale(req));
    if (body === null) return;
    const session = residentSessionOf(res);
    const allowed = await authorizeResidentPasskeyRegistration(ra)({ accountId: session.accountId, currentPassword: body.currentPassword });
    if (allowed.isErr()) return fail(req, res, allowed.error);
    // The challenge is bound to this session: it is the proof that the password was given here, within 5 minutes.
    return ceremonies.registrationOptions(res, ownerOf(session.accountId), allowed.value.user, sessionBindingOf(session.id));
  });

  api.post("/passkeys", requireResident, (req, res) => {
    const session = residentSessionOf(res);
    return ceremonies.register(req, res, {
      owner: ownerOf(session.accountId),
      binding: sessionBindingOf(session.id),
      audit: audit(session.accountId, "passkey_added"),
      added: notice(session.accountId, "passkey_added"),
    });
  });

  // Removing needs the session only (as for staff): the account's own second step stays, so removing
  // even the last passkey leaves the account as strong as before the passkey was added; the owner is told.
  api.delete("/passkeys/:credentialId", requireResident, (req, res) => {
    const session = residentSessionOf(res);
    return ceremonies.remove(req, res, { owner: ownerOf(session.accountId), audit: audit(session.accountId, "passkey_removed"), removed: notice(session.accountId, "passkey_removed") });
  });

  /** The pending login of this browser (password passed, second step due), or a 401 like any failed step. */
  const pendingLogin = async (req: Request, res: Response) => {
    const session = await runtime.sessions.get(readCookie(req, RESIDENT_COOKIE));
    if (session === null || session.pending === null) {
      fail(req, res, { _tag: "InvalidCredentials", code: "login.invalid_credentials" });
      return null;
    }
    return { id: session.id, accountId: session.pending.accountId };
  };

  api.post("/login/passkey/options", async (req, res) => {
    const pending = await pendingLogin(req, res);
    if (pending === null) return;
    await ceremonies.loginOptions(req, res, ownerOf(pending.accountId), sessionBindingOf(pending.id), {
      ja: "このアカウントにはパスキーが登録されていません。確認コードを入力してください。",
      en: "No passkey is registered to this account. Enter the code instead.",
    });
  });

  api.post("/login/passkey", async (req, res) => {
    const body = decodeBody(PasskeyAnswerBody, req, res, requestLocale(req));
    if (body === null) return;
    const pending = await pendingLogin(req, res);
    if (pending === null) return;
    const used = await finishResidentLoginWithPasskey({ ...ra, passkeys: deps.passkeys, passkeyRelyingParty: deps.passkeyRelyingParty })({
      accountId: pending.accountId,
      response: body.response,
      expectedChallenge: ceremonies.loginChallenge(body.challenge, sessionBindingOf(pending.id)),
      sourceAddress: sourceIpOf(req) ?? "",
    });
    if (used.isErr()) return fail(req, res, used.error);
    // The pending session is rotated to a new id: the same answer cannot complete a second login.
    await completeResidentLogin(runtime.sessions, res, pending.accountId, pending.id);
  });

  return router;
};
