import type { LiveCatalog } from "../procedures/live-catalog.ts";
import type { Logger } from "pino";
import type {
  ApplicationStore,
  ApprovalStore,
  AuditLogStore,
  Clock,
  Hasher,
  IdGenerator,
  Mailer,
  OutboxStore,
  MalwareScanner,
  PasskeyRelyingParty,
  PasskeyStore,
  PaymentGateway,
  ProcedureCatalog,
  SettingsStore,
  SignatureVerifier,
  StaffAccessStore,
  StaffStore,
} from "@madoguchi/core";
import type { Router } from "express";
import type { CardBrand, CardFeeRateBasisPoints, PaymentLedgerStore } from "@madoguchi/core";
import type { StaffSessions } from "../staff/staff-sessions.ts";
import type { StaffLogin } from "../staff/staff-login.ts";
import type { ResidentAccountsRuntime } from "../residents/resident-accounts-runtime.ts";
import type { ResidentJpkiRuntime } from "../residents/resident-jpki-runtime.ts";
import type { BoundChallenges } from "../passkeys/bound-challenge.ts";
import type { CounterRuntime } from "../counter/counter-runtime.ts";

/**
 * What the browser needs to know about the gateway's card fields (the card is typed on the gateway's
 * origin, never ours): the sandbox's hosted fields, or Stripe Elements (docs/adr/0028).
 */
export type PaymentClientConfig =
  | {
      readonly kind: "sandbox";
      readonly hostedFieldsUrl: string;
      /** The gateway's origin: the hosted fields and the 3-D Secure page; their messages come from it. */
      readonly origin: string;
    }
  | {
      readonly kind: "stripe";
      /** Stripe.js: https://js.stripe.com/v3/, or a loopback imitation in tests. */
      readonly stripeJsUrl: string;
      /** pk_test_… / pk_live_…: public by design (it can only create PaymentMethods). */
      readonly publishableKey: string;
      /** Origin of our page that Stripe's 3-D Secure frame returns to (return_url), which tells the payment page. */
      readonly threeDSecureReturnOrigin: string;
    };

/** A message held by the embedded profile's dev inbox (for the inbox page). */
export interface DevInboxView {
  list(): readonly { id: string; to: string; subject: string; text: string; receivedAt: Date }[];
}

/** Everything the HTTP layer uses, resolved from the container by the composition root. */
export interface ServerDeps {
  readonly logger: Logger;
  /** The catalog in force: the file's, with the procedures staff saved in the back office (S6); read it per request. */
  readonly catalog: ProcedureCatalog;
  /** Where `catalog` comes from, and what the staff procedure editor saves through. */
  readonly liveCatalog: LiveCatalog;
  /** The resident portal's public origin: the links staff post to a procedure (`/apply/<id>`). */
  readonly portalOrigin: string;
  readonly applications: ApplicationStore;
  readonly outbox: OutboxStore;
  readonly staff: StaffStore;
  /** Staff groups, memberships and role assignments (what each staff member may see and do). */
  readonly staffAccess: StaffAccessStore;
  /** The audit log: staff access, logins and denials are appended here (changes go with their transaction). */
  readonly auditLog: AuditLogStore;
  /** The deployment's retention of finished applications in months (`MADOGUCHI_APPLICATION_RETENTION_MONTHS`): in force while no administrator set one. */
  readonly applicationRetentionMonths: number;
  /** The deployment's audit retention in months (`MADOGUCHI_AUDIT_RETENTION_MONTHS`): in force while no administrator set one in `settings`. */
  readonly auditRetentionMonths: number;
  /** The municipality's settings changed by administrators (the audit retention), each change audited in its transaction. */
  readonly settings: SettingsStore;
  /** Two-person approval requests (docs/adr/0024-two-person-approval.md), each step audited in its transaction. */
  readonly approvals: ApprovalStore;
  /** An export of more rows than this needs an approved request (`MADOGUCHI_EXPORT_APPROVAL_THRESHOLD`). */
  readonly exportApprovalThreshold: number;
  /** The money books of applications (ADR 26). */
  readonly paymentLedger: PaymentLedgerStore;
  /** Fee changes moving the amount by more than this many yen need a second person (ADR 26). */
  readonly feeApprovalThreshold: number;
  /** The card fee rate of the settlement report, in basis points. */
  readonly cardFeeRate: CardFeeRateBasisPoints;
  /** Card brands accepted (`MADOGUCHI_CARD_BRANDS`), shown to the resident beside the card form (ADR 29). */
  readonly cardBrands: readonly CardBrand[];
  readonly verifier: SignatureVerifier;
  readonly gateway: PaymentGateway;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: Hasher;
  readonly sessions: StaffSessions;
  /** The staff login steps (password, TOTP or recovery code, enrolment), state persisted in the login-state port. */
  readonly staffLogin: StaffLogin;
  /** Resident accounts (R3, R8): the use cases' dependencies and the resident sessions. */
  readonly residentAccounts: ResidentAccountsRuntime;
  /** Resident login with JPKI (R10): linked cards and the Digital Authentication App (or its loopback stub). */
  readonly residentJpki: ResidentJpkiRuntime;
  /** Passkeys: where they are kept, the WebAuthn relying party, and session-bound challenges. */
  readonly passkeys: PasskeyStore;
  readonly passkeyRelyingParty: PasskeyRelyingParty;
  readonly passkeyChallenges: BoundChallenges;
  readonly payment: PaymentClientConfig;
  /** The software test card's HTTP surface (embedded profile only). */
  readonly testCardRouter: Router | null;
  readonly devInbox: DevInboxView | null;
  /** True when served behind TLS: the CSP then asks browsers to upgrade insecure requests. */
  readonly behindTls: boolean;
  /** Directory of the built web app, or null when not built. */
  readonly webDist: string | null;
  /** The no-writing counter: OCR of scans, the form printer and its layouts. */
  readonly counter: CounterRuntime;
  /** N9: what every upload is scanned with before anything reads or keeps it; null when scanning is off (`MADOGUCHI_MALWARE_SCAN=off`, or the embedded profile without `MADOGUCHI_CLAMD`). */
  readonly malwareScanner: MalwareScanner | null;
  /** Called after every committed change that enqueued outbox messages, to deliver them promptly. */
  readonly kickOutbox: () => void;
}
