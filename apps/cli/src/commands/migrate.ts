import { defineCommand } from "../command.ts";
import { MIGRATE_FLAGS } from "../database/migrate-flags.ts";
import { lazy } from "../lazy.ts";

/**
 * `madoguchi migrate`: applies the pending schema migrations to the database the server would open,
 * for deploy pipelines that migrate before starting new instances. Running it again applies nothing.
 */
export const migrateCommand = defineCommand({
  words: ["migrate"],
  summary: { ja: "データベースのマイグレーションを適用する", en: "apply the database migrations" },
  positionals: [],
  strings: MIGRATE_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("../database/run-migrate.ts")).andThen((m) => m.runMigrate(input, context)),
});
