import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { errAsync, ResultAsync } from "neverthrow";
import { openMikroOrmAuditLog, type OpenedAuditLog } from "@madoguchi/adapter-mikro-orm";
import { cliError, type CliError } from "../cli.errors.ts";
import type { CliContext } from "../command.ts";
import { databaseTarget } from "../database/database-target.ts";
import { DEFAULT_DATA_DIR } from "../database/migrate-flags.ts";

/** The data directory and database an audit command works on, read as the server reads them. */
export const auditLocation = (strings: { readonly database?: string; readonly "data-dir"?: string }, context: CliContext) => {
  const env = (name: string) => (context.env[name] === "" ? undefined : context.env[name]);
  const dataDir = resolve(context.cwd, strings["data-dir"] ?? env("MADOGUCHI_DATA_DIR") ?? DEFAULT_DATA_DIR);
  const spec = strings.database ?? env("MADOGUCHI_DATABASE") ?? "sqlite";
  return { dataDir, spec };
};

/** Opens the audit log of the database (never creates one: a missing SQLite file is `not_found`). */
export const openAuditTarget = (
  operation: string,
  strings: { readonly database?: string; readonly "data-dir"?: string },
  context: CliContext,
): ResultAsync<OpenedAuditLog & { readonly shown: string }, CliError> => {
  const { dataDir, spec } = auditLocation(strings, context);
  const target = databaseTarget(operation, spec, dataDir, context.cwd);
  if (target.isErr()) return errAsync(target.error);
  const { connection, shown } = target.value;
  if (connection.driver === "sqlite" && !existsSync(connection.path)) {
    return errAsync(cliError(operation, "not_found", "database.not_found", { ja: `データベースがありません: ${shown}`, en: `no such database: ${shown}` }));
  }
  return openMikroOrmAuditLog(connection)
    .mapErr((e) =>
      cliError(operation, e.reason === "unavailable" ? "unavailable" : "invalid_input", `storage.${e.reason}`, {
        ja: `監査ログを開けません（${e.reason}: ${e.message}。madoguchi migrate は済んでいますか）: ${shown}`,
        en: `cannot open the audit log (${e.reason}: ${e.message}; has madoguchi migrate run?): ${shown}`,
      }),
    )
    .map((opened) => ({ ...opened, shown }));
};

/** Runs `work`, then closes the audit log whatever the outcome. */
export const thenClose = <T, E>(work: ResultAsync<T, E>, close: () => Promise<void>): ResultAsync<T, E> =>
  new ResultAsync(
    (async () => {
      const result = await work;
      await close();
      return result;
    })(),
  );
