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

export type * from "./procedures/procedure.ts";
export type * from "./fees/fee.ts";

export * from "./applications/application-status.ts";
export type * from "./applications/application.ts";
export type * from "./applications/application.errors.ts";
export * from "./applications/application-store.port.ts";

export type * from "./notifications/outbox.ts";
export * from "./notifications/outbox-store.port.ts";
export * from "./notifications/mailer.port.ts";

export * from "./signatures/signature-verifier.port.ts";
export * from "./payments/payment-gateway.port.ts";
export * from "./keys/key-store.port.ts";

export type * from "./staff/staff-account.ts";
export * from "./staff/staff-store.port.ts";
