import type { ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditAction } from "./audit-entry.ts";
import { readAllAuditEntries } from "./read-audit-log.ts";
import type { AuditLogStore } from "./audit-log-store.port.ts";

/** The audited actions that open or export a resident's personal data. */
export const PERSONAL_DATA_ACCESS_ACTIONS: readonly AuditAction[] = ["application.listed", "application.viewed", "application.exported"];

/** One application (i.e. one resident's data) a staff account opened in the period. */
export interface AccessedApplication {
  readonly applicationId: string;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly accesses: number;
}

/**
 * Answers "which residents' data did this staff account open in this period" (個人情報保護法, PIA):
 * the applications it listed (the list shows names), viewed or exported with success in [from, to),
 * with the first and last time.
 */
export const accessedApplications = (
  auditLog: AuditLogStore,
  query: { readonly staffId: string; readonly from: Date; readonly to: Date },
): ResultAsync<readonly AccessedApplication[], StorageError> =>
  readAllAuditEntries(auditLog, {
    actor: { kind: "staff", id: query.staffId },
    actions: PERSONAL_DATA_ACCESS_ACTIONS,
    from: query.from,
    to: query.to,
  }).map((entries) => {
    const byId = new Map<string, AccessedApplication>();
    for (const e of entries) {
      if (e.target?.kind !== "application" || e.result !== "success") continue;
      const seen = byId.get(e.target.id);
      byId.set(
        e.target.id,
        seen === undefined
          ? { applicationId: e.target.id, firstAt: e.at, lastAt: e.at, accesses: 1 }
          : { ...seen, lastAt: e.at, accesses: seen.accesses + 1 },
      );
    }
    return [...byId.values()];
  });
