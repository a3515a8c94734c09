import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { ISSUE_BOOLEAN_FLAGS, ISSUE_STRING_FLAGS } from "../test-card/issue-test-card-flags.ts";

/**
 * `madoguchi test-card issue`: issues a software test card from the directory's test CA (creating
 * the CA if needed) and makes it the directory's card — a new holder, a reset password counter, or an
 * expired card to show how a resident is turned away. Never for real signatures.
 */
export const testCardIssueCommand = defineCommand({
  words: ["test-card", "issue"],
  summary: { ja: "テストカードを発行する（デモ・テスト用）", en: "issue a test card (demos and tests)" },
  positionals: [],
  strings: ISSUE_STRING_FLAGS,
  booleans: ISSUE_BOOLEAN_FLAGS,
  run: (input, context) => lazy(() => import("../test-card/issue-test-card.ts")).andThen((m) => m.runIssueTestCard(input, context)),
});
