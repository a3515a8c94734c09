import { readFile } from "node:fs/promises";
import { ResultAsync } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";

const codeOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/**
 * Reads a binary file (a scan) for a command; the one place where its file-system exceptions become
 * {@link CliError}s. `shown` is the path as the user typed it, for messages.
 */
export const readBinaryFile = (operation: string, path: string, shown: string): ResultAsync<Uint8Array, CliError> =>
  ResultAsync.fromPromise(
    readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    (e) => {
      const code = codeOf(e);
      return code === "ENOENT"
        ? cliError(operation, "not_found", "file.not_found", { ja: `ファイルがありません: ${shown}`, en: `no such file: ${shown}` })
        : cliError(operation, "invalid_input", "file.unreadable", { ja: `ファイルを読めません（${code ?? "error"}）: ${shown}`, en: `cannot read the file (${code ?? "error"}): ${shown}` });
    },
  );
