import type { Application } from "../applications/application.ts";
import type { AuditAction, AuditActor, AuditEntryDraft } from "./audit-entry.ts";

/**
 * The audit entry of a change to an application, written in the same transaction as the change:
 * ids, statuses and the version only — the reason text of a 不受理/差戻し may name the resident, so
 * it stays in the (encrypted) application history, not here.
 */
export const applicationChangeAudit = (args: {
  readonly action: Extract<AuditAction, "application.submitted" | "application.status_changed" | "application.withdrawn">;
  readonly before: Application | null;
  readonly after: Application;
  readonly actor: AuditActor;
  readonly at: Date;
  readonly sourceIp: string | null;
}): AuditEntryDraft => ({
  at: args.at,
  actor: args.actor,
  action: args.action,
  target: { kind: "application", id: args.after.id },
  result: "success",
  sourceIp: args.sourceIp,
  details: {
    procedureId: args.after.procedureId,
    from: args.before?.status ?? null,
    to: args.after.status,
    version: args.after.version,
  },
});
