import type { Request, Response } from "express";
import { Schema } from "effect";
import { PASSKEY_REJECTION_MESSAGES, passkeyRejected, type Passkey, type PasskeyOwner, type PasskeyRejected, type PasskeyUser } from "@madoguchi/core";
import { decodeBody } from "../http/decode-body.ts";
import { requestLocale } from "../http/locale.ts";
import type { ServerDeps } from "../http/server-deps.ts";

/**
 * The HTTP side of passkeys that staff and residents share (ADR 15, ADR 18): the bodies, the answers,
 * and the ceremonies — list, registration (options, then the browser's answer), removal, login
 * options and the login challenge check. The routes decide *who* (the owner, the session the
 * challenge is bound to, what is audited and mailed); this module does the same *how* for both.
 */

/** A passkey's name as the person gives it: a device, not a person ("iPhone", "職場のキー"). */
const Label = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(40)));
const Challenge = Schema.String.pipe(Schema.check(Schema.isMaxLength(200)));

/** The browser's answer to a registration challenge, with the name for the new passkey. */
export const PasskeyRegisterBody = Schema.Struct({ label: Label, challenge: Challenge, response: Schema.Unknown });
/** The browser's answer to a login challenge (AuthenticationResponseJSON, checked by the adapter). */
export const PasskeyAnswerBody = Schema.Struct({ challenge: Challenge, response: Schema.Unknown });

/** 503: the store or the relying party could not be reached. */
export const passkeyUnavailable = (res: Response) =>
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });

/** 400 with the rejection's code and its message in the request's language (registration only: a login answers one 401). */
export const passkeyRejectedAnswer = (res: Response, req: Request, error: PasskeyRejected) => {
  const message = PASSKEY_REJECTION_MESSAGES[error.reason];
  res.status(400).json({ error: { code: error.code, message: requestLocale(req) === "ja" ? message.ja : message.en } });
};

/** What a settings page shows of a passkey: public data and times only. */
const listItem = (p: Passkey) => ({
  credentialId: p.credentialId,
  label: p.label,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  synced: p.backupEligible,
});

/** Records one passkey event of the owner (`details` never holds keys or personal data). */
export type PasskeyAudit = (req: Request, result: "success" | "failure", details: Record<string, string>) => Promise<void>;

/** The passkey ceremonies over HTTP, for any owner. */
export const passkeyCeremonies = (deps: Pick<ServerDeps, "passkeys" | "passkeyRelyingParty" | "passkeyChallenges" | "clock">) => ({
  /** `GET …/passkeys`: the owner's passkeys. */
  list: async (res: Response, owner: PasskeyOwner) => {
    const listed = await deps.passkeys.list(owner);
    if (listed.isErr()) return passkeyUnavailable(res);
    res.json({ items: listed.value.map(listItem) });
  },

  /** `POST …/passkeys/options`: creation options excluding the owner's passkeys, with a challenge bound to `binding`. */
  registrationOptions: async (res: Response, owner: PasskeyOwner, user: PasskeyUser, binding: string) => {
    const existing = await deps.passkeys.list(owner);
    if (existing.isErr()) return passkeyUnavailable(res);
    const challenge = deps.passkeyChallenges.issue("register", binding, deps.clock.now());
    const options = await deps.passkeyRelyingParty.registrationOptions({ user, exclude: existing.value, challenge });
    if (options.isErr()) return passkeyUnavailable(res);
    res.json({ challenge, publicKey: options.value.options });
  },

  /**
   * `POST …/passkeys`: verifies the answer to a registration challenge of `binding` and stores the
   * passkey; every outcome audited; 201, 400 with the rejection's code, or 409 when it is registered
   * already (to anyone). `added` runs after a success, before the answer (a notice mail).
   */
  register: async (req: Request, res: Response, input: { readonly owner: PasskeyOwner; readonly binding: string; readonly audit: PasskeyAudit; readonly added?: (p: Passkey) => Promise<void> }) => {
    const body = decodeBody(PasskeyRegisterBody, req, res, requestLocale(req));
    if (body === null) return;
    if (!deps.passkeyChallenges.check(body.challenge, "register", input.binding, deps.clock.now())) {
      await input.audit(req, "failure", { reason: "challenge_mismatch" });
      return passkeyRejectedAnswer(res, req, passkeyRejected("challenge_mismatch"));
    }
    const verified = await deps.passkeyRelyingParty.verifyRegistration({ response: body.response, expectedChallenge: body.challenge, label: body.label, now: deps.clock.now() });
    if (verified.isErr()) {
      if (verified.error._tag === "PasskeyError") return passkeyUnavailable(res);
      await input.audit(req, "failure", { reason: verified.error.reason });
      return passkeyRejectedAnswer(res, req, verified.error);
    }
    const stored = await deps.passkeys.add(input.owner, verified.value);
    if (stored.isErr()) {
      if (stored.error.reason !== "conflict") return passkeyUnavailable(res);
      await input.audit(req, "failure", { reason: "already_registered" });
      res.status(409).json({ error: { code: "passkey.already_registered", message: "このパスキーは登録済みです / This passkey is registered already" } });
      return;
    }
    await input.audit(req, "success", { credentialId: verified.value.credentialId.slice(0, 64) });
    await input.added?.(verified.value);
    res.status(201).json({ credentialId: verified.value.credentialId, label: verified.value.label });
  },

  /** `DELETE …/passkeys/:credentialId`: removes one of the owner's passkeys (404 when it has none such); audited. */
  remove: async (req: Request, res: Response, input: { readonly owner: PasskeyOwner; readonly audit: PasskeyAudit; readonly removed?: () => Promise<void> }) => {
    const credentialId = String(req.params["credentialId"] ?? "").slice(0, 1400);
    const removed = await deps.passkeys.remove(input.owner, credentialId);
    if (removed.isErr()) return passkeyUnavailable(res);
    if (!removed.value) {
      res.status(404).json({ error: { code: "not_found", message: "見つかりません / Not found" } });
      return;
    }
    await input.audit(req, "success", { credentialId: credentialId.slice(0, 64) });
    await input.removed?.();
    res.status(204).end();
  },

  /** Login options allowing the owner's passkeys, with a challenge bound to the pending login; 409 `passkey.none` when it has none. */
  loginOptions: async (req: Request, res: Response, owner: PasskeyOwner, binding: string, none: { readonly ja: string; readonly en: string }) => {
    const passkeys = await deps.passkeys.list(owner);
    if (passkeys.isErr()) return passkeyUnavailable(res);
    if (passkeys.value.length === 0) {
      res.status(409).json({ error: { code: "passkey.none", message: requestLocale(req) === "ja" ? none.ja : none.en } });
      return;
    }
    const challenge = deps.passkeyChallenges.issue("login", binding, deps.clock.now());
    const options = await deps.passkeyRelyingParty.authenticationOptions({ allow: passkeys.value, challenge });
    if (options.isErr()) return passkeyUnavailable(res);
    res.json({ challenge, publicKey: options.value.options });
  },

  /**
   * The challenge a login answer may be verified against: the presented one if it was issued for a
   * login in `binding` and is live, else `""` — then the verification fails like a wrong code (counted),
   * for a challenge of another session, an old one, or one issued for registration.
   */
  loginChallenge: (presented: string, binding: string): string => (deps.passkeyChallenges.check(presented, "login", binding, deps.clock.now()) ? presented : ""),
});
