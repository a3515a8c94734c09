import { assertNever } from "@madoguchi/core";
import type { TestCardError } from "@madoguchi/adapter-test-card";
import { cliError, type CliError } from "../cli.errors.ts";

/**
 * Translates a test-card adapter error for the terminal. The adapter's messages name fields and
 * files, never the holder's data, so they are shown as they are after the bilingual headline.
 */
export const fromTestCardError = (operation: string, dir: string, e: TestCardError): CliError => {
  const because = `${e.reason}: ${e.message}`;
  switch (e.reason) {
    case "invalid_input":
      return cliError(operation, "usage", "test_card.invalid_input", { ja: `テストカードを発行できません（${because}）`, en: `cannot issue the test card (${because})` });
    case "corrupt":
      return cliError(operation, "invalid_input", "test_card.corrupt", {
        ja: `テストカードのファイルが壊れています（${because}）: ${dir}`,
        en: `the test card files are damaged (${because}): ${dir}`,
      });
    case "unavailable":
      return cliError(operation, "unavailable", "test_card.unavailable", {
        ja: `テストカードのファイルを読み書きできません（${because}）: ${dir}`,
        en: `cannot read or write the test card files (${because}): ${dir}`,
      });
    // Only signing checks the password; no CLI command signs, so these mean a misbehaving adapter.
    case "wrong_password":
    case "locked":
    case "no_certificate":
      return cliError(operation, "invalid_input", `test_card.${e.reason}`, { ja: `テストカードが拒否しました（${because}）`, en: `the test card refused (${because})` });
    default:
      return assertNever(e.reason);
  }
};
