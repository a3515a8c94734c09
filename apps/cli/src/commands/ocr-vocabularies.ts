import { resolve } from "node:path";
import { decodeVocabularies, type Vocabularies } from "@madoguchi/ocr-engine";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";
import { readTextFile } from "../files/read-text-file.ts";

/**
 * The `--vocabularies <file>` of `madoguchi ocr`: the deployment's place names and named lists (JSON, see the
 * ocr-engine README, "Vocabularies") that post-processing corrects against; none when the flag is absent.
 */
export const readVocabularies = (operation: string, cwd: string, shown: string | undefined): ResultAsync<Vocabularies, CliError> => {
  if (shown === undefined) return okAsync({});
  return readTextFile(operation, resolve(cwd, shown), shown).andThen((text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return errAsync(cliError(operation, "invalid_input", "ocr.vocabularies_invalid", { ja: `語彙ファイルが JSON ではありません: ${shown}`, en: `the vocabularies file is not JSON: ${shown}` }));
    }
    const decoded = decodeVocabularies(json);
    if (decoded.isOk()) return okAsync(decoded.value);
    return errAsync(
      cliError(operation, "invalid_input", "ocr.vocabularies_invalid", { ja: `語彙ファイルが不正です: ${shown}`, en: `invalid vocabularies file: ${shown}` }, {
        details: decoded.error.map((i) => `  ${i.path}: ${i.message}`),
      }),
    );
  });
};
