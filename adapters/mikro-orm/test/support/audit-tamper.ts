import type { AuditTamperHooks } from "@madoguchi/conformance/audit-log";
import type { OpenedOrm } from "../../src/open-orm.ts";

/**
 * Raw SQL edits behind the store's back, as someone with database access would make them: the
 * append-only trigger is dropped first (it stops mistakes, not an administrator).
 */
export const sqlTamperHooks = (open: () => Promise<OpenedOrm>, table = "audit_entries", dropTrigger = "drop trigger if exists audit_entries_append_only"): AuditTamperHooks => {
  const run = async (sql: string[], params: unknown[][]): Promise<void> => {
    const db = await open();
    try {
      for (const [i, statement] of sql.entries()) await db.em().getConnection().execute(statement, params[i] ?? []);
    } finally {
      await db.orm.close(true);
    }
  };
  return {
    setResult: (seq, result) => run([dropTrigger, `update ${table} set result = ? where seq = ?`], [[], [result, seq]]),
    deleteEntry: (seq) => run([`delete from ${table} where seq = ?`], [[seq]]),
  };
};
