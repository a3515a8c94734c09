import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { ApplicationStore, ResidentAccountStore, AuditLogStore, OutboxStore, PasskeyStore, ResidentJpkiLinkStore, StaffAccessStore, StaffStore, StorageError } from "@madoguchi/core";
import type { LoginStateStore, SessionStore } from "@madoguchi/core";
import type { ApprovalStore, CounterRecordStore, PaymentLedgerStore, SettingsStore, SigningSessionStore } from "@madoguchi/core";
import { mikroOrmApplicationStore } from "./mikro-orm-application-store.ts";
import { mikroOrmAuditLogStore } from "./mikro-orm-audit-log-store.ts";
import { mikroOrmOutboxStore } from "./mikro-orm-outbox-store.ts";
import { mikroOrmPasskeyStore } from "./mikro-orm-passkey-store.ts";
import { mikroOrmResidentJpkiLinkStore } from "./mikro-orm-resident-jpki-link-store.ts";
import { mikroOrmSessionStore } from "./mikro-orm-session-store.ts";
import { mikroOrmLoginStateStore } from "./mikro-orm-login-state-store.ts";
import { mikroOrmStaffStore, sealLegacyStaffEmails } from "./mikro-orm-staff-store.ts";
import { mikroOrmStaffAccessStore } from "./mikro-orm-staff-access-store.ts";
import { mikroOrmResidentAccountStore } from "./mikro-orm-resident-account-store.ts";
import { mikroOrmSettingsStore } from "./mikro-orm-settings-store.ts";
import { mikroOrmApprovalStore } from "./mikro-orm-approval-store.ts";
import { mikroOrmPaymentLedgerStore } from "./mikro-orm-payment-ledger-store.ts";
import { mikroOrmSigningSessionStore } from "./mikro-orm-signing-session-store.ts";
import { mikroOrmCounterRecordStore } from "./mikro-orm-counter-record-store.ts";
import { decodeMikroOrmStoreOptions, type MikroOrmStoreOptions } from "./mikro-orm-store.options.ts";
import { openOrm, type OpenedOrm } from "./open-orm.ts";
import { backupSqlite } from "./backup-database.ts";
import { runMigrations } from "./run-migrations.ts";
import { toStorageError } from "./storage-error.boundary.ts";

/** The storage ports backed by one database. */
export interface MikroOrmStore {
  readonly applications: ApplicationStore;
  readonly outbox: OutboxStore;
  readonly staff: StaffStore;
  /** Staff groups, memberships and role assignments (migration 0004). */
  readonly staffAccess: StaffAccessStore;
  /** Resident accounts (addresses encrypted, found by a keyed blind index). */
  readonly residentAccounts: ResidentAccountStore;
  /** Passkeys of staff and resident accounts (migration 0006). */
  readonly passkeys: PasskeyStore;
  /** My Number cards linked to resident accounts for JPKI login (migration 0008). */
  readonly residentJpkiLinks: ResidentJpkiLinkStore;
  /** Server-side sessions (migration 0003). */
  readonly sessions: SessionStore;
  /** Login state of staff and residents, TOTP secrets sealed (migration 0003). */
  readonly loginState: LoginStateStore;
  /** The audit log; the application store appends to it in its own transactions. */
  readonly auditLog: AuditLogStore;
  /** The municipality's settings (migration 0007); a change is audited in the same transaction as its write. */
  readonly settings: SettingsStore;
  /** Two-person approval requests (migration 0009); each step is audited in the same transaction as its write. */
  readonly approvals: ApprovalStore;
  /** The money books of applications (migration 0010); an append is audited in the same transaction. */
  readonly paymentLedger: PaymentLedgerStore;
  /** Signing drafts and the app's pending authorizations, shared by instances, sealed (migration 0013). */
  readonly signingSessions: SigningSessionStore;
  /** What the no-writing counter kept (migration 0017): each record's summary and PDFs sealed under its own data key. */
  readonly counterRecords: CounterRecordStore;
  /** The database answers and the KeyStore holds its key. */
  healthCheck(): ResultAsync<void, StorageError>;
  /** SQLite: a consistent, compact copy of the live database into `target` (N3); PostgreSQL: refused (pg_dump). */
  backupTo(target: string): ResultAsync<void, StorageError>;
  /** Closes the connection (pool). */
  close(): Promise<void>;
}

const OPERATION = "mikro-orm-store.create";

/**
 * Opens the database, applies pending migrations and returns the storage ports.
 *
 * - `{ driver: "sqlite", path }` — the embedded profile: one file, WAL, `synchronous=FULL`.
 * - `{ driver: "postgresql", url, schema? }` — the scale profile; instances may start together
 *   (migrations take an advisory lock).
 *
 * Personal data is encrypted at rest with a data key per application from `keyStore`. Keep the
 * KeyStore's key file out of the database's backups, or the backups are not protected by it.
 */
export const createMikroOrmStore = (options: MikroOrmStoreOptions): ResultAsync<MikroOrmStore, StorageError> => {
  const decoded = decodeMikroOrmStoreOptions(options);
  if (decoded.isErr()) return errAsync(decoded.error);
  const { keyStore, ...connection } = decoded.value;
  return ResultAsync.fromPromise(openOrm(connection), (e) => toStorageError(OPERATION, e)).andThen((db: OpenedOrm) =>
    ResultAsync.fromPromise(runMigrations(db), (e) => toStorageError(OPERATION, e))
      // Addresses written in plaintext before migration 0015 are sealed before anything reads the store.
      .andThen(() => ResultAsync.fromPromise(sealLegacyStaffEmails(db, keyStore), (e) => toStorageError(OPERATION, e)).andThen((sealed) => sealed))
      .orElse((e) => ResultAsync.fromSafePromise(db.orm.close(true)).andThen(() => errAsync(e)))
      .andThen(() => {
        const applications = mikroOrmApplicationStore(db, keyStore);
        return okAsync<MikroOrmStore, StorageError>({
          applications,
          outbox: mikroOrmOutboxStore(db),
          staff: mikroOrmStaffStore(db, keyStore),
          staffAccess: mikroOrmStaffAccessStore(db),
          residentAccounts: mikroOrmResidentAccountStore(db, keyStore),
          passkeys: mikroOrmPasskeyStore(db),
          residentJpkiLinks: mikroOrmResidentJpkiLinkStore(db),
          sessions: mikroOrmSessionStore(db),
          loginState: mikroOrmLoginStateStore(db, keyStore),
          auditLog: mikroOrmAuditLogStore(db),
          settings: mikroOrmSettingsStore(db),
          approvals: mikroOrmApprovalStore(db),
          paymentLedger: mikroOrmPaymentLedgerStore(db),
          signingSessions: mikroOrmSigningSessionStore(db, keyStore),
          counterRecords: mikroOrmCounterRecordStore(db, keyStore),
          healthCheck: () => applications.healthCheck(),
          backupTo: (target: string) => backupSqlite(db, target),
          close: () => applications.close(),
        });
      }),
  );
};
