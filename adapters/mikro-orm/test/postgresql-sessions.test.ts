import { afterAll, describe } from "vitest";
import { describeLoginStateStoreContract } from "@madoguchi/conformance/login-state-store";
import { describeSessionStoreContract } from "@madoguchi/conformance/session-store";
import type { MikroOrmStore } from "../src/index.ts";
import { localKeyStore } from "./support/key-store.ts";
import { adminOrm, redactedPgUrl, tryOpenPgStore, uniqueSchema } from "./support/postgres.ts";
import { tempDir } from "./support/temp-dir.ts";

const dir = tempDir("madoguchi-pg-sessions-");
const keyStore = await localKeyStore(dir);
const schema = uniqueSchema();

// One store and one schema for this file; cases are isolated by truncating the tables.
const opened = await tryOpenPgStore(schema, keyStore);
const store: MikroOrmStore | undefined = typeof opened === "string" ? undefined : opened;
if (store === undefined) {
  if (process.env["MADOGUCHI_REQUIRE_PG"] === "1") {
    throw new Error(`MADOGUCHI_REQUIRE_PG=1 but PostgreSQL is not reachable at ${redactedPgUrl()} (${String(opened)})`);
  }
  console.warn(`PostgreSQL not reachable at ${redactedPgUrl()}: PostgreSQL cases were not run`);
}
const admin = store === undefined ? undefined : await adminOrm(schema);

afterAll(async () => {
  await store?.close();
  if (admin !== undefined) {
    await admin.em().getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await admin.orm.close(true);
  }
});

describe.skipIf(store === undefined)("PostgreSQL", () => {
  describeSessionStoreContract(
    "mikro-orm postgresql",
    async () => {
      await admin!.em().getConnection().execute(`truncate table "${schema}".sessions`);
      return { store: store!.sessions, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
  describeLoginStateStoreContract(
    "mikro-orm postgresql",
    async () => {
      await admin!.em().getConnection().execute(`truncate table "${schema}".login_state, "${schema}".login_throttles`);
      return { store: store!.loginState, close: async () => undefined };
    },
    { numRuns: 15, testTimeout: 60_000 },
  );
});
