import type { LoginStateStore, ResidentAccountStore, ApplicationStore, AuditLogStore, OutboxStore, PasskeyStore, ResidentJpkiLinkStore, StaffAccessStore, StaffStore } from "@madoguchi/core";
import type { ApprovalStore, CounterRecordStore, PaymentLedgerStore, SessionStore, SettingsStore, SigningSessionStore, StorageError } from "@madoguchi/core";
import type { ResultAsync } from "neverthrow";
import { createLocalKeyStore } from "@madoguchi/adapter-local-keystore";
import { createMemoryResidentAccountStore, createMemoryResidentJpkiLinkStore, createMemorySigningSessionStore, createMemoryStore } from "@madoguchi/adapter-memory";
import { createMikroOrmStore } from "@madoguchi/adapter-mikro-orm";
import type { Config } from "../../config/config.ts";

/** The storage side: the repositories that share one database (and so one transaction). */
export interface StorageParts {
  readonly applications: ApplicationStore;
  readonly outbox: OutboxStore;
  readonly staff: StaffStore;
  /** Staff groups, memberships and role assignments. */
  readonly staffAccess: StaffAccessStore;
  /** The audit log; `applications` appends to it in its own transactions. */
  readonly auditLog: AuditLogStore;
  /** Passkeys of staff and resident accounts. */
  readonly passkeys: PasskeyStore;
  /** Server-side sessions of staff and residents. */
  readonly sessions: SessionStore;
  /** Login state of staff and residents (lockout, TOTP, codes, tickets). */
  readonly loginState: LoginStateStore;
  /** Resident accounts (R3). */
  readonly residentAccounts: ResidentAccountStore;
  /** My Number cards linked to resident accounts for JPKI login (R10). */
  readonly residentJpkiLinks: ResidentJpkiLinkStore;
  /** The municipality's settings; a change appends its audit entry to `auditLog` in the same transaction. */
  readonly settings: SettingsStore;
  /** Two-person approval requests; each step appends its audit entries to `auditLog` in the same transaction. */
  readonly approvals: ApprovalStore;
  /** The money books of applications; an append writes its audit entries to `auditLog` in the same transaction. */
  readonly paymentLedger: PaymentLedgerStore;
  /** Signing drafts and the app's pending sign authorizations, shared by every instance on the database (ADR 25). */
  readonly signingSessions: SigningSessionStore;
  /** The counter's printed forms and scans (C8); a write appends its audit entries to `auditLog` in the same transaction. */
  readonly counterRecords: CounterRecordStore;
  /** The embedded SQLite database only: a consistent copy of it into a file (N3 backups). */
  readonly backupTo?: (target: string) => ResultAsync<void, StorageError>;
  close(): Promise<void>;
}

const mikroOrm = async (options: Parameters<typeof createMikroOrmStore>[0]) => {
  const store = await createMikroOrmStore(options);
  if (store.isErr()) throw new Error(`cannot open the database: ${store.error.message}`);
  return store.value;
};

/**
 * Storage adapters by database kind. The key-encryption key lives in a file outside the database
 * (and outside database backups), so that destroying it erases what it protects.
 */
const factories = {
  sqlite: async (db: Extract<Config["database"], { driver: "sqlite" }>, keyFile: string) => {
    const keyStore = await createLocalKeyStore({ keyFile, createIfMissing: true });
    if (keyStore.isErr()) throw new Error(`cannot open the key store: ${keyStore.error.message}`);
    return mikroOrm({ driver: "sqlite", path: db.path, keyStore: keyStore.value });
  },
  postgresql: async (db: Extract<Config["database"], { driver: "postgresql" }>, keyFile: string) => {
    const keyStore = await createLocalKeyStore({ keyFile, createIfMissing: true });
    if (keyStore.isErr()) throw new Error(`cannot open the key store: ${keyStore.error.message}`);
    // PostgreSQL is backed up by pg_dump (the backup job gets its URL), not by a copy of a file.
    const { backupTo: _notHere, ...store } = await mikroOrm({ driver: "postgresql", url: db.url, keyStore: keyStore.value });
    return store;
  },
  /** Nothing kept, nothing encrypted: demos and embedders' tests only. */
  memory: async () => ({
    ...createMemoryStore(),
    residentAccounts: createMemoryResidentAccountStore(),
    residentJpkiLinks: createMemoryResidentJpkiLinkStore(),
    signingSessions: createMemorySigningSessionStore(),
  }),
} satisfies { [K in Config["database"]["driver"]]: (db: Extract<Config["database"], { driver: K }>, keyFile: string) => Promise<StorageParts> };

export const buildStorage = (config: Config, keyFile: string): Promise<StorageParts> => {
  const db = config.database;
  switch (db.driver) {
    case "sqlite":
      return factories.sqlite(db, keyFile);
    case "postgresql":
      return factories.postgresql(db, keyFile);
    case "memory":
      return factories.memory();
  }
};
