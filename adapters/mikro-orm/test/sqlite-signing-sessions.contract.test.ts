import { describe, expect, it } from "vitest";
import { describeSigningSessionStoreContract } from "@madoguchi/conformance/signing-session-store";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-signing-sessions-");
const keyStore = await localKeyStore(dir);

/** Every column of the record's row as stored (blobs as latin1, so any plaintext byte run shows). */
const rawRow = async (path: string, kind: string, id: string): Promise<string> => {
  const raw = await openOrm({ driver: "sqlite", path });
  try {
    const rows: Record<string, unknown>[] = await raw.em().getConnection().execute("select * from signing_sessions where kind = ? and id = ?", [kind, id]);
    return rows.flatMap((row) => Object.values(row).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : String(v)))).join("|");
  } finally {
    await raw.orm.close(true);
  }
};

// A new database file per test and per property case.
describeSigningSessionStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      store: store.signingSessions,
      rawRead: (kind, id) => rawRow(path, kind, id),
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 8, testTimeout: 60_000 },
);

describe("mikro-orm sqlite signing session specifics", () => {
  it("a record written by one store opens in another on the same file (another instance); a sealed value moved to another row fails closed (corrupt)", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    const second = await openSqliteStore(path, keyStore);
    const record = { kind: "draft" as const, id: "a".repeat(43), lookupKey: "ab".repeat(32), expiresAt: new Date(60_000), data: '{"pkce":"secret"}' };
    (await first.signingSessions.insert(record))._unsafeUnwrap();
    (await first.signingSessions.insert({ ...record, id: "b".repeat(43), lookupKey: null, data: '{"other":1}' }))._unsafeUnwrap();
    expect((await second.signingSessions.findByLookupKey("draft", record.lookupKey))._unsafeUnwrap()).toEqual({ ...record, version: 1 });
    expect((await second.signingSessions.replace({ ...record, data: '{"state":"signed"}' }, 1))._unsafeUnwrap()).toBe(2);
    expect((await first.signingSessions.replace({ ...record, data: '{"state":"failed"}' }, 1))._unsafeUnwrap()).toBeNull();
    const raw = await openOrm({ driver: "sqlite", path });
    await raw
      .em()
      .getConnection()
      .execute(`update signing_sessions set sealed_data = (select sealed_data from signing_sessions where id = '${"b".repeat(43)}') where id = '${record.id}'`);
    await raw.orm.close(true);
    const moved = await first.signingSessions.get("draft", record.id);
    expect(moved.isErr() && moved.error.reason).toBe("corrupt");
    await first.close();
    await second.close();
    removeSqlite(path);
  });
});
