import { describe, expect, it } from "vitest";
import { describePasskeyStoreContract } from "@madoguchi/conformance/passkey-store";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-passkeys-");
const keyStore = await localKeyStore(dir);

// A new database file per test and per property case.
describePasskeyStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      store: store.passkeys,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
    };
  },
  { numRuns: 10, testTimeout: 60_000 },
);

describe("mikro-orm sqlite passkey specifics", () => {
  it("keeps passkeys across a restart, and a hand-edited row fails closed (corrupt)", async () => {
    const path = freshDbPath(dir);
    const first = await openSqliteStore(path, keyStore);
    const passkey = { credentialId: "a2V5", publicKey: "cHVi", signCount: 2, transports: ["usb"], backupEligible: false, label: "鍵", createdAt: new Date(1_000), lastUsedAt: null };
    (await first.passkeys.add({ kind: "staff", accountId: "st_1" }, passkey))._unsafeUnwrap();
    await first.close();
    const second = await openSqliteStore(path, keyStore);
    expect((await second.passkeys.findByCredentialId("a2V5"))._unsafeUnwrap()).toEqual({ owner: { kind: "staff", accountId: "st_1" }, passkey });
    const raw = await openOrm({ driver: "sqlite", path });
    await raw.em().getConnection().execute("update passkeys set transports_json = 'not json'");
    await raw.orm.close(true);
    const found = await second.passkeys.findByCredentialId("a2V5");
    expect(found.isErr() && found.error.reason).toBe("corrupt");
    await second.close();
    removeSqlite(path);
  });
});
