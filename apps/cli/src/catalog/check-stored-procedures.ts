import { catalogInForce, type CatalogFile, type CatalogInForce } from "@madoguchi/core";
import { type ResultAsync } from "neverthrow";
import { openAuditTarget, thenClose } from "../audit/open-audit-target.ts";
import { cliError, type CliError } from "../cli.errors.ts";
import type { CliContext } from "../command.ts";

/**
 * The catalog the server would start with: the file with the procedures staff saved in the back office (S6,
 * docs/adr/0038). Run after editing the file: a saved procedure that no longer fits it (a delivery method or a
 * category removed) stops the server's start, and this names each problem first. Opens the database read-only in
 * effect (settings and audit only, no key-encryption key: neither holds personal data).
 */
export const checkStoredProcedures = (
  operation: string,
  file: CatalogFile,
  strings: { readonly database?: string; readonly "data-dir"?: string },
  context: CliContext,
  shown: string,
): ResultAsync<CatalogInForce, CliError> =>
  openAuditTarget(operation, strings, context).andThen((opened) =>
    thenClose(
      catalogInForce(opened.settings, file).mapErr((e) =>
        e.reason === "corrupt"
          ? cliError(
              operation,
              "invalid_input",
              "catalog.stored_procedures_do_not_fit",
              { ja: `管理画面で保存された手続が、このカタログに合いません: ${shown}`, en: `the procedures saved in the back office do not fit this catalog: ${shown}` },
              { details: e.message.split("\n").slice(1).map((line) => `  ${line}`), data: { file: shown, database: opened.shown } },
            )
          : cliError(operation, "unavailable", `storage.${e.reason}`, { ja: `データベースを読めません（${e.reason}）: ${opened.shown}`, en: `cannot read the database (${e.reason}): ${opened.shown}` }),
      ),
      opened.close,
    ),
  );
