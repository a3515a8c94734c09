/**
 * `@madoguchi/conformance/audit-log` — the contract of the audit log ({@link AuditLogStore}, and the
 * audit entries {@link ApplicationStore} writes in its transactions), with arbitraries of drafts.
 */
export { auditLogStoreCases, auditLogTamperCases, describeAuditLogStoreContract } from "./audit-log.contract.ts";
export {
  referenceHasher,
  testSigner,
  type AuditLogStoreCase,
  type AuditLogStoreContractOptions,
  type AuditLogStoreUnderTest,
  type AuditTamperHooks,
  type MakeAuditLogStore,
} from "./audit-log.harness.ts";
export { referenceSignatureVerifier, trusting } from "./checkpoint.cases.ts";
export { referenceRead } from "./query.cases.ts";
export { auditDraftArb, auditDraftsArb } from "./audit.arbitraries.ts";
