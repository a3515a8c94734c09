/**
 * @madoguchi/core — the pure domain of madoguchi: models, rules, use cases and the ports that
 * adapters implement. No I/O, no framework, no clock, no randomness.
 */
export * from "./shared/adapter-meta.ts";
export * from "./shared/ids.ts";
export * from "./shared/yen.ts";
export * from "./shared/localized.ts";
export type * from "./shared/clock.port.ts";
export type * from "./shared/id-generator.port.ts";
export type * from "./shared/hasher.port.ts";
export * from "./shared/storage.errors.ts";
export * from "./shared/assert-never.ts";
export * from "./shared/base64.ts";
export * from "./shared/error-code.ts";
export * from "./shared/format-yen.ts";
export * from "./shared/japan-calendar-date.ts";
export * from "./shared/timing-safe-equal-hex.ts";
export * from "./shared/japanese/width.ts";
export * from "./shared/japanese/kana.ts";
export * from "./shared/japanese/iso-date.ts";
export * from "./shared/japanese/era.ts";
export * from "./shared/japanese/japanese-date.ts";

export type * from "./procedures/procedure.ts";
export * from "./procedures/office.ts";
export * from "./procedures/procedure-catalog.errors.ts";
export * from "./procedures/procedure-catalog.schema.ts";
export * from "./procedures/find-procedure.ts";
export * from "./procedures/resident-entry.ts";
export * from "./procedures/search-procedures.ts";
export type * from "./fees/fee.ts";
export * from "./fees/calculate-fee.ts";
export * from "./fees/fee-breakdown.ts";
export * from "./fees/fee-change.ts";
export * from "./fees/payment-timing.ts";

export * from "./applications/application-status.ts";
export * from "./applications/applications-submitted-since.ts";
export type * from "./applications/application.ts";
export type * from "./applications/application.errors.ts";
export * from "./applications/application-store.port.ts";
export * from "./applications/application-status-label.ts";
export * from "./applications/application-command.ts";
export * from "./applications/application-transitions.ts";
export * from "./applications/validation.errors.ts";
export * from "./applications/validate-application-input.ts";
export * from "./applications/field-error-messages.ts";
export type * from "./applications/submission.errors.ts";
export * from "./applications/prepare-application.ts";
export * from "./applications/submit-application.ts";
export * from "./applications/change-application-status.ts";
export * from "./applications/withdraw-application.ts";
export * from "./applications/find-application-for-resident.ts";

export * from "./notifications/outbox.ts";
export * from "./notifications/outbox-store.port.ts";
export * from "./notifications/mailer.port.ts";
export * from "./notifications/render-status-email.ts";
export * from "./notifications/render-staff-new-application.ts";

export * from "./signatures/signature-verifier.port.ts";
export type * from "./signatures/signature.errors.ts";
export * from "./signatures/canonical-application.ts";
export * from "./signatures/basic-information.ts";
export * from "./signatures/basic-information-comparison.ts";
export * from "./signatures/jpki-signer.port.ts";
export * from "./signatures/revocation-checker.port.ts";
export * from "./signatures/trust-anchor-store.port.ts";
export * from "./signatures/signing-session-store.port.ts";
export * from "./signatures/cms-assembly.ts";
export * from "./payments/payment-gateway.port.ts";
export * from "./payments/payment-gateway-v2.ts";
export * from "./payments/merge-authorization-state.ts";
export * from "./payments/payment-challenge-required.ts";
export * from "./payments/ledger/index.ts";
export * from "./keys/key-store.port.ts";

export type * from "./staff/staff-account.ts";
export * from "./staff/staff-store.port.ts";
export * from "./staff/staff-permission.ts";
export * from "./staff/staff-role.ts";
export * from "./staff/staff-group.ts";
export * from "./staff/staff-access.ts";
export * from "./staff/application-visibility.ts";
export * from "./staff/staff-access-store.port.ts";
export * from "./staff/access-change.ts";
export * from "./staff/access-invariant.ts";

export * from "./audit/audit-entry.ts";
export * from "./audit/canonical-audit-entry.ts";
export * from "./audit/audit-chain.ts";
export * from "./audit/audit-checkpoint.ts";
export * from "./audit/checkpoint-signer.port.ts";
export type * from "./audit/audit.errors.ts";
export * from "./audit/audit-log-store.port.ts";
export * from "./audit/audit-retention.ts";
export * from "./audit/verify-audit-chain.ts";
export * from "./audit/verify-stored-audit-log.ts";
export * from "./audit/read-audit-log.ts";
export * from "./audit/checkpoint-audit-log.ts";
export * from "./audit/expire-audit-segments.ts";
export * from "./audit/accessed-applications.ts";
export * from "./audit/application-audit-entry.ts";
export * from "./identity/index.ts";
export * from "./residents/index.ts";
export * from "./settings/index.ts";
export * from "./approvals/index.ts";
export * from "./reporting/usage-statistics.ts";
