import type { ApplicationStore, ApprovalStore, AuditLogStore, CounterRecordStore, LoginStateStore, OutboxStore, PasskeyStore, PaymentLedgerStore, SessionStore, StaffAccessStore, StaffStore } from "@madoguchi/core";
import { memoryApplicationStore } from "./memory-application-store.ts";
import { memoryAuditLogStore } from "./memory-audit-log-store.ts";
import { emptyMemoryState } from "./memory-state.ts";
import { memoryOutboxStore } from "./memory-outbox-store.ts";
import { memoryStaffStore } from "./memory-staff-store.ts";
import { memoryStaffAccessStore } from "./memory-staff-access-store.ts";
import { memorySessionStore } from "./memory-session-store.ts";
import { memoryLoginStateStore } from "./memory-login-state-store.ts";
import { createMemoryPasskeyStore } from "./memory-passkey-store.ts";
import { memorySettingsStore, type MemorySettingsStore } from "./memory-settings-store.ts";
import { memoryApprovalStore } from "./memory-approval-store.ts";
import { memoryPaymentLedgerStore } from "./memory-payment-ledger-store.ts";
import { memoryCounterRecordStore } from "./memory-counter-record-store.ts";

/** The storage ports of one memory store, sharing one state. */
export interface MemoryStore {
  readonly applications: ApplicationStore;
  readonly outbox: OutboxStore;
  readonly staff: StaffStore;
  /** Staff groups, memberships and role assignments. */
  readonly staffAccess: StaffAccessStore;
  /** The audit log; the application and staff access stores append to it in their writes. */
  readonly auditLog: AuditLogStore;
  /** Server-side sessions of staff and residents. */
  readonly sessions: SessionStore;
  /** Lockout, second factors, reset tickets, throttles and last login of staff and residents; account writes append their audit entries to `auditLog` in the same step. */
  readonly loginState: LoginStateStore;
  /** Passkeys of staff and resident accounts. */
  readonly passkeys: PasskeyStore;
  /** The municipality's settings; a change appends its audit entries to `auditLog` in the same step. */
  readonly settings: MemorySettingsStore;
  /** Two-person approval requests; each step appends its audit entries to `auditLog` in the same step. */
  readonly approvals: ApprovalStore;
  /** The money books of applications (ADR 26); each append writes its audit entries to `auditLog` in the same step. */
  readonly paymentLedger: PaymentLedgerStore;
  /** What the no-writing counter kept (C8): records and their PDFs; each write appends its audit entries to `auditLog` in the same step. */
  readonly counterRecords: CounterRecordStore;
  /** Closes the store; afterwards every call fails with `StorageError{reason:"unavailable"}`. */
  close(): Promise<void>;
}

/**
 * Creates the in-memory reference store: the semantics every persistent adapter must match (it
 * runs every storage contract suite first). For embedders' tests and demos; it keeps nothing
 * across restarts and encrypts nothing, since nothing reaches disk.
 */
export const createMemoryStore = (): MemoryStore => {
  const state = emptyMemoryState();
  const applications = memoryApplicationStore(state);
  return {
    applications,
    outbox: memoryOutboxStore(state),
    staff: memoryStaffStore(state),
    staffAccess: memoryStaffAccessStore(state),
    auditLog: memoryAuditLogStore(state),
    sessions: memorySessionStore(() => state.closed),
    loginState: memoryLoginStateStore(state),
    passkeys: createMemoryPasskeyStore(),
    settings: memorySettingsStore(state),
    approvals: memoryApprovalStore(state),
    paymentLedger: memoryPaymentLedgerStore(state),
    counterRecords: memoryCounterRecordStore(state),
    close: () => applications.close(),
  };
};
