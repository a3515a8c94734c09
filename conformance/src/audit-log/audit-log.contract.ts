import { describe, it } from "vitest";
import { appendCases } from "./append.cases.ts";
import type { AuditLogStoreCase, AuditLogStoreContractOptions, MakeAuditLogStore } from "./audit-log.harness.ts";
import { checkpointCases } from "./checkpoint.cases.ts";
import { queryCases } from "./query.cases.ts";
import { tamperCases } from "./tamper.cases.ts";
import { transactionCases } from "./transaction.cases.ts";

/** Every case of the audit-log contract except the tamper cases, in report order. */
export const auditLogStoreCases: readonly AuditLogStoreCase[] = [...appendCases, ...queryCases, ...checkpointCases, ...transactionCases];
export { tamperCases as auditLogTamperCases };

/**
 * Registers the audit-log contract (`audit-log-store@1`, with the audit entries `application-store@3`
 * writes) as vitest tests. The in-memory reference adapter runs it first; persistent adapters give
 * `tamper` hooks (raw SQL) so the suite proves edits behind the port are caught.
 *
 * @param makeAdapter - returns a FRESH, empty store on every call (per test and per property case)
 */
export const describeAuditLogStoreContract = (name: string, makeAdapter: MakeAuditLogStore, options: AuditLogStoreContractOptions & { readonly tamperHooks: boolean }): void => {
  describe(`audit-log-store contract: ${name}`, () => {
    for (const c of auditLogStoreCases) it(c.name, () => c.run(makeAdapter, options), options.testTimeout);
    for (const c of tamperCases) it.skipIf(!options.tamperHooks)(c.name, () => c.run(makeAdapter, options), options.testTimeout);
  });
};
