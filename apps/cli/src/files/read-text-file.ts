import { readFile } from "node:fs/promises";
import { ResultAsync } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";

const codeOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/**
 * Reads a UTF-8 file for a command; the one place where file-system exceptions become
 * {@link CliError}s. `shown` is the path as the user typed it, for messages.
 */
export const readTextFile = (operation: string, path: string, shown: string): ResultAsync<string, CliError> =>
  ResultAsync.fromPromise(readFile(path, "utf8"), (e) => {
    const code = codeOf(e);
    return code === "ENOENT"
      ? cliError(operation, "not_found", "file.not_found", { ja: `ファイルがありません: ${shown}`, en: `no such file: ${shown}` })
      : cliError(operation, "unavailable", "file.unreadable", {
          ja: `ファイルを読めません（${code ?? "error"}）: ${shown}`,
          en: `cannot read the file (${code ?? "error"}): ${shown}`,
        });
  });
