import { Router, type Request, type Response } from "express";
import type { PasskeyOwner } from "@madoguchi/core";
import { auditDenied, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import { sessionBindingOf } from "../../passkeys/bound-challenge.ts";
import { passkeyCeremonies, type PasskeyAudit } from "../../passkeys/passkey-http.ts";
import { notifyStaff } from "../../staff/notify-staff.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";

/**
 * A staff member's passkeys (the phishing-resistant alternative to TOTP, ADR 15): list, register
 * (options, then the browser's answer) and remove. Registering and removing are audited; the
 * challenge is bound to the session and expires after five minutes (`passkeys/bound-challenge.ts`).
 * The ceremonies are shared with residents (`passkeys/passkey-http.ts`); both changes mail the member a
 * security notice when their account has a notification address (`staff/notify-staff.ts`).
 */
export const staffPasskeyRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  // Adding or removing a second factor is an MFA change: a recent step-up first (SECURITY.md, sessions).
  const steppedUp = requireRecentStepUp(deps);
  const ceremonies = passkeyCeremonies(deps);
  const ownerOf = (res: Response): PasskeyOwner => ({ kind: "staff", accountId: staffSession(res).staff.id });
  /** The passkey ceremony's binding: the session, by a hash of its id (never the id itself). */
  const sessionBinding = (res: Response): string => sessionBindingOf(staffSession(res).id);
  const audit =
    (res: Response, action: "staff.passkey_added" | "staff.passkey_removed"): PasskeyAudit =>
    async (req: Request, result, details) => {
      const staffId = staffSession(res).staff.id;
      await recordAudit(deps, [staffActionDraft(deps, req, staffId, action, { kind: "staff_account", id: staffId }, details, result)]);
    };

  router.get("/api/staff/passkeys", staffOnly, (_req, res) => ceremonies.list(res, ownerOf(res)));

  router.post("/api/staff/passkeys/options", staffOnly, steppedUp, (_req, res) => {
    const { staff } = staffSession(res);
    return ceremonies.registrationOptions(res, ownerOf(res), { accountId: staff.id, name: staff.loginId, displayName: staff.displayName }, sessionBinding(res));
  });

  router.post("/api/staff/passkeys", staffOnly, (req, res) =>
    ceremonies.register(req, res, { owner: ownerOf(res), binding: sessionBinding(res), audit: audit(res, "staff.passkey_added"), added: () => notifyStaff(deps, staffSession(res).staff.id, "passkey_added") }),
  );

  router.delete("/api/staff/passkeys/:credentialId", staffOnly, steppedUp, (req, res) => ceremonies.remove(req, res, { owner: ownerOf(res), audit: audit(res, "staff.passkey_removed"), removed: () => notifyStaff(deps, staffSession(res).staff.id, "passkey_removed") }));

  return router;
};
