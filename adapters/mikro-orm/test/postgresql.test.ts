import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StaffId, type Application } from "@madoguchi/core";
import { applicationArb, applicationChangeArb, containsText, describeApplicationStoreContract, describeStaffStoreContract, withCanary } from "@madoguchi/conformance/application-store";
import { describeAuditLogStoreContract } from "@madoguchi/conformance/audit-log";
import { createMikroOrmStore, migrateDatabase, type MikroOrmStore } from "../src/index.ts";
import { sqlTamperHooks } from "./support/audit-tamper.ts";
import { adminOrm, logicalDump, openPgFileStore, pgUrl } from "./support/postgres.ts";

// One store and one schema for this file; cases are isolated by truncating the tables.
const { store, admin, schema, keyStore } = await openPgFileStore("madoguchi-pg-");

const reset = async (): Promise<void> => {
  await admin
    ?.em()
    .getConnection()
    .execute(
      `truncate table "${schema}".outbox_messages, "${schema}".applications, "${schema}".staff_accounts, "${schema}".audit_entries, "${schema}".audit_checkpoints`,
    );
};

const requireStore = (): MikroOrmStore => {
  if (store === undefined) throw new Error("unreachable: suites are skipped without PostgreSQL");
  return store;
};

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeApplicationStoreContract("mikro-orm postgresql", async () => {
    await reset();
    const s = requireStore();
    // A logical dump of every stored value stands in for the server's files, which tests cannot read.
    return { applications: s.applications, outbox: s.outbox, rawRead: () => logicalDump(admin!, schema), close: async () => undefined };
  });

  describeAuditLogStoreContract(
    "mikro-orm postgresql",
    async () => {
      await reset();
      const s = requireStore();
      return {
        auditLog: s.auditLog,
        applications: s.applications,
        // Tamper cases drop the append-only trigger: every case puts it back when it closes.
        tamper: sqlTamperHooks(
          () => adminOrm(schema),
          `"${schema}".audit_entries`,
          `drop trigger if exists audit_entries_append_only on "${schema}".audit_entries`,
        ),
        close: async () => {
          await admin!.em().getConnection().execute(
            `create or replace trigger audit_entries_append_only before update on "${schema}".audit_entries for each row execute function "${schema}".audit_entries_append_only()`,
          );
        },
      };
    },
    { numRuns: 10, tamperHooks: true },
  );

  describeStaffStoreContract("mikro-orm postgresql", async () => {
    await reset();
    return { staff: requireStore().staff, auditLog: requireStore().auditLog, close: async () => undefined };
  });

  describe("PostgreSQL specifics", () => {
    it("creates its tables in the configured schema, and migrating again is a no-op", async () => {
      const tables = await admin!.em().getConnection().execute(
        `select table_name from information_schema.tables where table_schema = '${schema}' order by table_name`,
      );
      expect(tables.map((t) => t["table_name"])).toEqual([
        "applications",
        "approval_requests",
        "audit_checkpoints",
        "audit_entries",
        "counter_documents",
        "counter_records",
        "login_state",
        "login_throttles",
        "madoguchi_migrations",
        "municipality_settings",
        "outbox_messages",
        "passkeys",
        "payment_ledger",
        "resident_accounts",
        "resident_index_keys",
        "resident_jpki_links",
        "sessions",
        "signing_sessions",
        "staff_accounts",
        "staff_group_members",
        "staff_groups",
        "staff_roles_of_groups",
        "staff_roles_of_staff",
      ]);
      expect((await migrateDatabase({ driver: "postgresql", url: pgUrl, schema }))._unsafeUnwrap()).toEqual([]);
    });

    it("two app instances (separate pools) updating from the same version: exactly one wins", async () => {
      await reset();
      const other = (await createMikroOrmStore({ driver: "postgresql", url: pgUrl, schema, keyStore }))._unsafeUnwrap();
      try {
        const runs = fc.sample(applicationArb().chain((a) => fc.tuple(fc.constant(a), applicationChangeArb(a), applicationChangeArb(a))), { numRuns: 10, seed: 7 });
        for (const [app, x, y] of runs) {
          (await requireStore().applications.insert(app, []))._unsafeUnwrap();
          const [rx, ry] = await Promise.all([requireStore().applications.update(x, 1, []), other.applications.update(y, 1, [])]);
          expect([rx.isOk(), ry.isOk()].filter(Boolean)).toHaveLength(1);
          const winner = rx.isOk() ? x : y;
          expect((await other.applications.findById(app.id))._unsafeUnwrap()).toStrictEqual(winner);
        }
      } finally {
        await other.close();
      }
    });

    it("canary: no personal field (an application's, a staff member's notification address) is stored in plaintext in any column", async () => {
      await reset();
      const canary = `CANARY-${crypto.randomUUID()}`;
      const apps = fc.sample(applicationArb(), { numRuns: 5, seed: 202 }).map((a) => withCanary(a, canary));
      for (const app of apps) (await requireStore().applications.insert(app, []))._unsafeUnwrap();
      const next = withCanary(fc.sample(applicationChangeArb(apps[0]!), { numRuns: 1, seed: 1 })[0] as Application, canary);
      (await requireStore().applications.update(next, 1, []))._unsafeUnwrap();
      // A staff member's notification address too, at issue and when changed.
      const staff = requireStore().staff;
      (await staff.insert({ id: StaffId("st-canary"), loginId: "canary.member", displayName: "職員", passwordHash: "h", createdAt: new Date(0), notificationEmail: `${canary}@city.example.lg.jp` }))._unsafeUnwrap();
      (await staff.insert({ id: StaffId("st-canary-2"), loginId: "canary.member2", displayName: "職員", passwordHash: "h", createdAt: new Date(0), notificationEmail: null }))._unsafeUnwrap();
      (await staff.updateNotificationEmail(StaffId("st-canary-2"), `${canary}-2@city.example.lg.jp`))._unsafeUnwrap();
      expect((await staff.findByLoginId("canary.member2"))._unsafeUnwrap()?.notificationEmail).toBe(`${canary}-2@city.example.lg.jp`);
      const dump = await logicalDump(admin!, schema);
      expect(containsText(dump, apps[1]!.receiptNumber)).toBe(true);
      expect(containsText(dump, "canary.member2")).toBe(true);
      expect(containsText(dump, canary)).toBe(false);
    });
  });
});

describe("PostgreSQL unreachable", () => {
  it("is StorageError{unavailable} with no password in the message", async () => {
    const result = await createMikroOrmStore({ driver: "postgresql", url: "postgres://madoguchi:S3CRET-PW@127.0.0.1:1/none", keyStore });
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "StorageError", reason: "unavailable", retryable: true, operation: "mikro-orm-store.create" });
    expect(JSON.stringify(error)).not.toContain("S3CRET-PW");
  });
});
