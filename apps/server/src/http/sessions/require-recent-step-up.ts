import type { RequestHandler } from "express";
import { recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import type { PermissionDeps } from "../require-permission.ts";
import { requireStepUp } from "./require-staff-session.ts";

/** How recent a step-up must be for a sensitive action: the administrator re-entered their code within 10 minutes. */
export const SENSITIVE_STEP_UP_MAX_AGE_MS = 10 * 60_000;

/**
 * {@link requireStepUp} for the sensitive actions of issue 4 (exports, retention change, …) with its
 * refusal audited like every other denial: `authorization.denied`, reason `step_up_required`, method
 * and path only. Mount it after the session and permission checks.
 */
export const requireRecentStepUp = (deps: PermissionDeps): RequestHandler =>
  requireStepUp(deps.clock, SENSITIVE_STEP_UP_MAX_AGE_MS, (req, reason, staffId) =>
    recordAudit(deps, [staffActionDraft(deps, req, staffId, "authorization.denied", null, { reason, method: req.method, path: req.path.slice(0, 200) }, "denied")]).then(() => undefined),
  );
