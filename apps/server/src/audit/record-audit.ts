import type { Request } from "express";
import type { Logger } from "pino";
import { AUDIT_RETENTION_SETTING, readAllAuditEntries, type AuditEntryDraft, type AuditLogStore, type Clock } from "@madoguchi/core";

/** The client's address as Express sees it (no proxy is trusted by default), or null. */
export const sourceIpOf = (req: Request): string | null => req.ip ?? null;

/**
 * The audit entry of an action by a signed-in staff member, now, from the request's source address: what
 * the staff routes record or hand to a store to append with the change.
 */
export const staffActionDraft = (
  deps: { readonly clock: Clock },
  req: Request,
  staffId: string,
  action: AuditEntryDraft["action"],
  target: AuditEntryDraft["target"],
  details: AuditEntryDraft["details"] = {},
  result: AuditEntryDraft["result"] = "success",
): AuditEntryDraft => ({ at: deps.clock.now(), actor: { kind: "staff", id: staffId }, action, target, result, sourceIp: sourceIpOf(req), details });

/**
 * The pino lines of audit entries (action, actor id, target id, result: no personal data) — for entries
 * a store appended with its change, once the write has committed; `recordAudit` writes the same lines.
 */
export const logAuditEntries = (logger: Logger, drafts: readonly AuditEntryDraft[]): void => {
  for (const d of drafts) {
    logger.info({ audit: true, event: d.action, actorKind: d.actor.kind, staffId: d.actor.kind === "staff" ? d.actor.id : undefined, target: d.target?.id, result: d.result }, "audit");
  }
};

/**
 * Appends audit entries and writes one pino line per entry (action, actor id, target id, result: no
 * personal data). Returns false when the log could not be written: callers that are about to show
 * personal data then refuse (fail closed), because an unrecorded access must not happen.
 */
export const recordAudit = async (deps: { readonly auditLog: AuditLogStore; readonly logger: Logger }, drafts: readonly AuditEntryDraft[]): Promise<boolean> => {
  const appended = await deps.auditLog.append(drafts);
  for (const d of drafts) {
    deps.logger.info(
      { audit: true, event: d.action, actorKind: d.actor.kind, staffId: d.actor.kind === "staff" ? d.actor.id : undefined, target: d.target?.id, result: d.result },
      "audit",
    );
  }
  if (appended.isErr()) {
    deps.logger.error({ audit: true, err: { reason: appended.error.reason, operation: appended.error.operation } }, "audit log append failed");
    return false;
  }
  return true;
};

/**
 * The `onDenied` of `requireStaff` and of the staff listener's network gate: records every refused
 * staff request (no session, missing CSRF token, source address outside the allow-list) with the
 * method and path only — query strings may carry anything.
 */
export const auditDenied =
  (deps: { readonly auditLog: AuditLogStore; readonly logger: Logger; readonly clock: Clock }) =>
  async (req: Request, reason: "unauthenticated" | "csrf" | "network", staffId: string | null): Promise<void> => {
    await recordAudit(deps, [
      {
        at: deps.clock.now(),
        actor: staffId === null ? { kind: "anonymous", id: null } : { kind: "staff", id: staffId },
        action: "access.denied",
        target: null,
        result: "denied",
        sourceIp: sourceIpOf(req),
        details: { reason, method: req.method, path: req.path.slice(0, 200) },
      },
    ]);
  };

/** The configuration target of the audit retention setting. */
const RETENTION_TARGET = { kind: "configuration", id: AUDIT_RETENTION_SETTING } as const;

/**
 * Records the retention in force at start (an administrator's setting, else `MADOGUCHI_AUDIT_RETENTION_MONTHS`)
 * when it differs from the last recorded value, so that shortening the retention — which deletes
 * records — always leaves a trace, also when done through the environment. Changes made by an
 * administrator are audited with their write (same target, `{from, to}`), so they never repeat here.
 * Returns whether an entry was written.
 */
export const recordRetentionSetting = async (
  deps: { readonly auditLog: AuditLogStore; readonly logger: Logger; readonly clock: Clock },
  retentionMonths: number,
): Promise<boolean> => {
  const previous = await readAllAuditEntries(deps.auditLog, { actions: ["configuration.changed"], target: RETENTION_TARGET });
  if (previous.isErr()) return false;
  const last = previous.value.at(-1)?.details["to"] ?? null;
  if (last === retentionMonths) return false;
  return recordAudit(deps, [
    {
      at: deps.clock.now(),
      actor: { kind: "system", id: null },
      action: "configuration.changed",
      target: RETENTION_TARGET,
      result: "success",
      sourceIp: null,
      details: { from: last, to: retentionMonths },
    },
  ]);
};
