import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { PASSKEY_REJECTION_MESSAGES, passkeyRejected, type PasskeyOwner, type PasskeyRejected } from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { sessionBindingOf } from "../../passkeys/bound-challenge.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";

/** A passkey's name as the person gives it: a device, not a person ("iPhone", "職場のキー"). */
const Label = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(40)));

const RegisterBody = Schema.Struct({
  label: Label,
  challenge: Schema.String.pipe(Schema.check(Schema.isMaxLength(200))),
  response: Schema.Unknown,
});

const unavailable = (res: Response) =>
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });

/** The passkey ceremony's binding: the session, by a hash of its id (never the id itself). */
const sessionBinding = (res: Response): string => sessionBindingOf(staffSession(res).id);

const rejected = (res: Response, req: Request, error: PasskeyRejected) => {
  const message = PASSKEY_REJECTION_MESSAGES[error.reason];
  res.status(400).json({ error: { code: error.code, message: requestLocale(req) === "ja" ? message.ja : message.en } });
};

/**
 * A staff member's passkeys (the phishing-resistant alternative to TOTP, ADR 15): list, register
 * (options, then the browser's answer) and remove. Registering and removing are audited; the
 * challenge is bound to the session and expires after five minutes (`passkeys/bound-challenge.ts`).
 */
export const staffPasskeyRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const ownerOf = (res: Response): PasskeyOwner => ({ kind: "staff", accountId: staffSession(res).staff.id });
  const audit = (req: Request, res: Response, action: "staff.passkey_added" | "staff.passkey_removed", result: "success" | "failure", details: Record<string, string>) =>
    recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: { kind: "staff", id: staffSession(res).staff.id },
        action,
        target: { kind: "staff_account", id: staffSession(res).staff.id },
        result,
        sourceIp: sourceIpOf(req),
        details,
      },
    ]);

  router.get("/api/staff/passkeys", staffOnly, async (_req, res) => {
    const listed = await deps.passkeys.list(ownerOf(res));
    if (listed.isErr()) return unavailable(res);
    res.json({
      items: listed.value.map((p) => ({
        credentialId: p.credentialId,
        label: p.label,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        synced: p.backupEligible,
      })),
    });
  });

  router.post("/api/staff/passkeys/options", staffOnly, async (_req, res) => {
    const session = staffSession(res);
    const existing = await deps.passkeys.list(ownerOf(res));
    if (existing.isErr()) return unavailable(res);
    const challenge = deps.passkeyChallenges.issue("register", sessionBinding(res), deps.clock.now());
    const options = await deps.passkeyRelyingParty.registrationOptions({
      user: { accountId: session.staff.id, name: session.staff.loginId, displayName: session.staff.displayName },
      exclude: existing.value,
      challenge,
    });
    if (options.isErr()) return unavailable(res);
    res.json({ challenge, publicKey: options.value.options });
  });

  router.post("/api/staff/passkeys", staffOnly, async (req, res) => {
    const body = decodeBody(RegisterBody, req, res, requestLocale(req));
    if (body === null) return;
    if (!deps.passkeyChallenges.check(body.challenge, "register", sessionBinding(res), deps.clock.now())) {
      await audit(req, res, "staff.passkey_added", "failure", { reason: "challenge_mismatch" });
      return rejected(res, req, passkeyRejected("challenge_mismatch"));
    }
    const verified = await deps.passkeyRelyingParty.verifyRegistration({ response: body.response, expectedChallenge: body.challenge, label: body.label, now: deps.clock.now() });
    if (verified.isErr()) {
      if (verified.error._tag === "PasskeyError") return unavailable(res);
      await audit(req, res, "staff.passkey_added", "failure", { reason: verified.error.reason });
      return rejected(res, req, verified.error);
    }
    const added = await deps.passkeys.add(ownerOf(res), verified.value);
    if (added.isErr()) {
      if (added.error.reason !== "conflict") return unavailable(res);
      await audit(req, res, "staff.passkey_added", "failure", { reason: "already_registered" });
      res.status(409).json({ error: { code: "passkey.already_registered", message: "このパスキーは登録済みです / This passkey is registered already" } });
      return;
    }
    await audit(req, res, "staff.passkey_added", "success", { credentialId: verified.value.credentialId.slice(0, 64) });
    res.status(201).json({ credentialId: verified.value.credentialId, label: verified.value.label });
  });

  router.delete("/api/staff/passkeys/:credentialId", staffOnly, async (req, res) => {
    const credentialId = String(req.params["credentialId"] ?? "").slice(0, 1400);
    const removed = await deps.passkeys.remove(ownerOf(res), credentialId);
    if (removed.isErr()) return unavailable(res);
    if (!removed.value) {
      res.status(404).json({ error: { code: "not_found", message: "見つかりません / Not found" } });
      return;
    }
    await audit(req, res, "staff.passkey_removed", "success", { credentialId: credentialId.slice(0, 64) });
    res.status(204).end();
  });

  return router;
};
