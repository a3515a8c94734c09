import { okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { AuditEntry } from "./audit-entry.ts";
import type { AuditLogStore, AuditQuery } from "./audit-log-store.port.ts";

/** Page size of {@link readAllAuditEntries}. */
const PAGE = 1_000;

/** Every entry matching `filter`, in sequence order, read page by page (keyset paging on seq). */
export const readAllAuditEntries = (
  auditLog: AuditLogStore,
  filter: Omit<AuditQuery, "afterSeq" | "limit"> = {},
): ResultAsync<readonly AuditEntry[], StorageError> => {
  const collected: AuditEntry[] = [];
  const next = (afterSeq: number): ResultAsync<readonly AuditEntry[], StorageError> =>
    auditLog.read({ ...filter, afterSeq, limit: PAGE }).andThen((page) => {
      collected.push(...page);
      const last = page.at(-1);
      return page.length < PAGE || last === undefined ? okAsync(collected) : next(last.seq);
    });
  return next(0);
};
