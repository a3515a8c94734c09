import {
  APPLICATION_STORE_CONTRACT,
  APPROVAL_STORE_CONTRACT,
  COUNTER_RECORD_STORE_CONTRACT,
  FORM_PRINTER_CONTRACT,
  OCR_ENGINE_CONTRACT,
  AUDIT_LOG_STORE_CONTRACT,
  LOGIN_STATE_STORE_CONTRACT,
  MAILER_CONTRACT,
  PAYMENT_GATEWAY_CONTRACT,
  PAYMENT_LEDGER_STORE_CONTRACT,
  SETTINGS_STORE_CONTRACT,
  SIGNATURE_VERIFIER_CONTRACT,
  SIGNING_SESSION_STORE_CONTRACT,
  STAFF_ACCESS_STORE_CONTRACT,
  STAFF_STORE_CONTRACT,
  type ApplicationStore,
  type ApprovalStore,
  type CounterRecordStore,
  type FormPrinter,
  type OcrEngine,
  type AuditLogStore,
  type LoginStateStore,
  type Mailer,
  type PaymentGateway,
  type PaymentLedgerStore,
  type SettingsStore,
  type SignatureVerifier,
  type SigningSessionStore,
  type StaffAccessStore,
  type StaffStore,
} from "@madoguchi/core";

/**
 * Fail fast at start: every adapter must implement the contract major version this build expects and
 * answer its health check. A misconfigured deployment stops with a clear message instead of failing on
 * the first resident's submission.
 */
export const checkContracts = async (parts: {
  storage: {
    applications: ApplicationStore;
    auditLog: AuditLogStore;
    staffAccess: StaffAccessStore;
    settings: SettingsStore;
    approvals: ApprovalStore;
    paymentLedger: PaymentLedgerStore;
    staff: StaffStore;
    loginState: LoginStateStore;
    signingSessions: SigningSessionStore;
    counterRecords: CounterRecordStore;
  };
  verifier: SignatureVerifier;
  gateway: PaymentGateway;
  mailer: Mailer;
  ocr: OcrEngine;
  printer: FormPrinter;
}): Promise<void> => {
  const expectations = [
    [parts.storage.applications, APPLICATION_STORE_CONTRACT],
    [parts.storage.auditLog, AUDIT_LOG_STORE_CONTRACT],
    [parts.storage.staffAccess, STAFF_ACCESS_STORE_CONTRACT],
    [parts.storage.settings, SETTINGS_STORE_CONTRACT],
    [parts.storage.approvals, APPROVAL_STORE_CONTRACT],
    [parts.storage.paymentLedger, PAYMENT_LEDGER_STORE_CONTRACT],
    // Both append audit entries in their writes (@2); an adapter still at @1 would drop them silently.
    [parts.storage.staff, STAFF_STORE_CONTRACT],
    [parts.storage.loginState, LOGIN_STATE_STORE_CONTRACT],
    [parts.storage.signingSessions, SIGNING_SESSION_STORE_CONTRACT],
    [parts.storage.counterRecords, COUNTER_RECORD_STORE_CONTRACT],
    [parts.verifier, SIGNATURE_VERIFIER_CONTRACT],
    [parts.gateway, PAYMENT_GATEWAY_CONTRACT],
    [parts.mailer, MAILER_CONTRACT],
  ] as const;
  for (const [adapter, contract] of expectations) {
    if (adapter.meta.contract !== contract) {
      throw new Error(`adapter ${adapter.meta.name} implements ${adapter.meta.contract}, expected ${contract}`);
    }
    const health = await adapter.healthCheck();
    if (health.isErr()) throw new Error(`adapter ${adapter.meta.name} is not healthy: ${health.error.message}`);
  }
  // The counter's adapters have no health check: the OCR starts its workers at the first scan and the printer
  // reads its font at the first form, so a machine without the font still serves everything else (the print
  // answers form.font_unavailable).
  for (const [adapter, contract] of [[parts.ocr, OCR_ENGINE_CONTRACT], [parts.printer, FORM_PRINTER_CONTRACT]] as const) {
    if (adapter.meta.contract !== contract) throw new Error(`adapter ${adapter.meta.name} implements ${adapter.meta.contract}, expected ${contract}`);
  }
};
