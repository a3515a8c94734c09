import { describeSettingsStoreContract } from "@madoguchi/conformance/settings-store";
import { openOrm } from "../src/open-orm.ts";
import { localKeyStore } from "./support/key-store.ts";
import { freshDbPath, openSqliteStore, removeSqlite } from "./support/sqlite-store.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-sqlite-settings-");
const keyStore = await localKeyStore(dir);

describeSettingsStoreContract(
  "mikro-orm sqlite",
  async () => {
    const path = freshDbPath(dir);
    const store = await openSqliteStore(path, keyStore);
    return {
      settings: store.settings,
      auditLog: store.auditLog,
      close: async () => {
        await store.close();
        removeSqlite(path);
      },
      // A second connection writing behind the store's back, as someone with the database file could.
      writeRaw: async (key, json) => {
        const raw = await openOrm({ driver: "sqlite", path });
        try {
          await raw.em().getConnection().execute("update municipality_settings set value_json = ? where setting_key = ?", [json, key]);
        } finally {
          await raw.orm.close(true);
        }
      },
    };
  },
  { numRuns: 10, testTimeout: 60_000 },
);
