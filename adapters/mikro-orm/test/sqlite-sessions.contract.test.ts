import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeLoginStateStoreContract } from "@madoguchi/conformance/login-state-store";
import { describeSessionStoreContract } from "@madoguchi/conformance/session-store";
import { TotpSecret } from "@madoguchi/core";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-sessions-");
const keyStore = await localKeyStore(dir);

const fresh = async <K extends "sessions" | "loginState">(part: K) => {
  const path = freshDbPath(dir);
  const store = await openSqliteStore(path, keyStore);
  return {
    store: store[part],
    auditLog: store.auditLog,
    close: async () => {
      await store.close();
      removeSqlite(path);
    },
  };
};

describeSessionStoreContract("mikro-orm sqlite", () => fresh("sessions"), { numRuns: 10, testTimeout: 60_000 });
describeLoginStateStoreContract("mikro-orm sqlite", () => fresh("loginState"), { numRuns: 10, testTimeout: 60_000 });

describe("mikro-orm sqlite login state specifics", () => {
  it("seals the TOTP secret at rest, keeps it across a restart, and a sealed value moved to another account does not open", async () => {
    const path = freshDbPath(dir);
    const secret = TotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    const first = await openSqliteStore(path, keyStore);
    const alice = { kind: "staff", accountId: "st_alice" } as const;
    (await first.loginState.put(alice, "totp", { secret, lastUsedStep: 5, confirmedAt: new Date(1_000) }, null))._unsafeUnwrap();
    (await first.loginState.put({ kind: "staff", accountId: "st_bob" }, "last_login", { at: new Date(2_000), sourceIp: "192.0.2.1" }, null))._unsafeUnwrap();
    await first.close();
    for (const file of [path, `${path}-wal`]) {
      try {
        expect(readFileSync(file).includes(Buffer.from(secret))).toBe(false);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    const second = await openSqliteStore(path, keyStore);
    expect((await second.loginState.get(alice, "totp"))._unsafeUnwrap()).toEqual({ value: { secret, lastUsedStep: 5, confirmedAt: new Date(1_000) }, version: 1 });
    const raw = await openOrm({ driver: "sqlite", path });
    await raw
      .em()
      .getConnection()
      .execute("insert into login_state (account_kind, account_id, facet, version, sealed_value, wrapped_key, key_version) select account_kind, 'st_mallory', facet, version, sealed_value, wrapped_key, key_version from login_state where account_id = 'st_alice'");
    await raw.orm.close(true);
    const moved = await second.loginState.get({ kind: "staff", accountId: "st_mallory" }, "totp");
    // The seal is bound to its row: the copied value is refused, never shown as Mallory's secret.
    expect(moved.isErr()).toBe(true);
    await second.close();
    removeSqlite(path);
  });
});
