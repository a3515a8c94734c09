import { describe, expect, it } from "vitest";
import { describeStaffAccessStoreContract } from "@madoguchi/conformance/staff-access-store";
import { StaffGroupId } from "@madoguchi/core";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-staff-access-");
const keyStore = await localKeyStore(dir);

// A new database file per test and per property case.
describeStaffAccessStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      store: store.staffAccess,
      auditLog: store.auditLog,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 15, testTimeout: 60_000 },
);

describe("mikro-orm sqlite staff access specifics", () => {
  it("keeps access across a restart, and a hand-edited scope fails closed (corrupt), not wider", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    expect((await first.staffAccess.saveGroup({ id: StaffGroupId("kita-ku"), name: "北区役所", scope: { kind: "offices", officeIds: [] } }))._unsafeUnwrap()).toBe(true);
    expect((await first.staffAccess.saveGroup({ id: StaffGroupId("kita-ku"), name: "北区役所", scope: { kind: "offices", officeIds: [] } }))._unsafeUnwrap()).toBe(false);
    await first.close();
    const second = await openSqliteStore(path, keyStore);
    expect((await second.staffAccess.snapshot())._unsafeUnwrap().groups.map((g) => g.name)).toEqual(["北区役所"]);
    const raw = await openOrm({ driver: "sqlite", path });
    await raw.em().getConnection().execute("update staff_groups set scope_ids_json = 'not json'");
    await raw.orm.close(true);
    const snapshot = await second.staffAccess.snapshot();
    expect(snapshot.isErr() && snapshot.error.reason).toBe("corrupt");
    await second.close();
    removeSqlite(path);
  });
});
