import type { Request } from "express";
import type { Logger } from "pino";
import type { AuditEntryDraft, AuditLogStore } from "@madoguchi/core";

/** The client's address as Express sees it (no proxy is trusted by default), or null. */
export const sourceIpOf = (req: Request): string | null => req.ip ?? null;

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
