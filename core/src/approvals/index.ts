/** approvals/: two-person approval (four eyes) for bulk exports and shortening the audit retention. */
export * from "./approval-request.ts";
export * from "./approval.errors.ts";
export * from "./approval-rules.ts";
export * from "./approval-store.port.ts";
export * from "./approval-audit.ts";
export * from "./approval-use-cases.ts";
