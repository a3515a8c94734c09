import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { SHOW_STRING_FLAGS } from "../test-card/show-test-card-flags.ts";

/**
 * `madoguchi test-card show`: the directory's current card — holder, validity, password tries left,
 * locked — without changing anything.
 */
export const testCardShowCommand = defineCommand({
  words: ["test-card", "show"],
  summary: { ja: "テストカードの状態を表示する", en: "show the test card" },
  positionals: [],
  strings: SHOW_STRING_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("../test-card/show-test-card.ts")).andThen((m) => m.runShowTestCard(input, context)),
});
