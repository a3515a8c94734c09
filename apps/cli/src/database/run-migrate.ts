import { migrateDatabase } from "@madoguchi/adapter-mikro-orm";
import { assertNever, type StorageError } from "@madoguchi/core";
import { errAsync, type ResultAsync } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { databaseTarget, type DatabaseTarget } from "./database-target.ts";
import { DEFAULT_DATA_DIR, type MigrateInput } from "./migrate-flags.ts";

const OPERATION = "migrate";

/**
 * Opens the database the server would open (same variables, same defaults), applies the pending
 * migrations with the adapter's `migrateDatabase` and reports their names: none the second time.
 */
export const runMigrate = (input: MigrateInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const env = (name: string) => (context.env[name] === "" ? undefined : context.env[name]);
  const dataDir = input.strings["data-dir"] ?? env("MADOGUCHI_DATA_DIR") ?? DEFAULT_DATA_DIR;
  const spec = input.strings.database ?? env("MADOGUCHI_DATABASE") ?? "sqlite";
  const target = databaseTarget(OPERATION, spec, dataDir, context.cwd);
  if (target.isErr()) return errAsync(target.error);
  const { connection, shown } = target.value;
  return migrateDatabase(connection)
    .mapErr((e) => migrateError(e, target.value))
    .map((applied) => ({
      human:
        applied.length === 0
          ? [{ ja: `データベースは最新です（適用したマイグレーションはありません）: ${shown}`, en: `the database is up to date (no migrations applied): ${shown}` }]
          : [
              { ja: `マイグレーションを ${applied.length} 件適用しました: ${shown}`, en: `applied ${applied.length} ${applied.length === 1 ? "migration" : "migrations"}: ${shown}` },
              ...applied.map((name) => `  ${name}`),
            ],
      json: { database: { driver: connection.driver, location: shown }, applied },
    }));
};

/** StorageError messages are fixed texts without data (the adapter's boundary), so they are shown as they are. */
const migrateError = (e: StorageError, target: DatabaseTarget): CliError => {
  const because = `${e.reason}: ${e.message}`;
  const message = { ja: `データベースを移行できませんでした（${because}）: ${target.shown}`, en: `could not migrate the database (${because}): ${target.shown}` };
  switch (e.reason) {
    case "unavailable":
    case "unknown":
      return { ...cliError(OPERATION, "unavailable", "storage.unavailable", message), retryable: e.retryable };
    case "corrupt":
    case "conflict":
      return cliError(OPERATION, "invalid_input", `storage.${e.reason}`, message);
    default:
      return assertNever(e.reason);
  }
};
