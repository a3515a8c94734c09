/** payments/ledger/: the money of an application (authorised, captured, refunded), the decisions on it, and the settlement report. */
export * from "./money-state.ts";
export * from "./money-plan.ts";
export * from "./settlement-report.ts";
export * from "./settlement-matching.ts";
export * from "./payment-ledger-store.port.ts";
export * from "./application-books.ts";
export * from "./reconcile-with-gateway.ts";
export * from "./offline-takings.ts";
