import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";
import { SERVICE_END_ERASE_FLAGS } from "../service-end/service-end-flags.ts";

/**
 * `madoguchi service-end erase`: at the end of the service, destroys the data keys' key file (crypto erase) and
 * removes the database — every resident's and staff member's data, for good. Needs `--confirm erase-all-user-data`.
 */
export const serviceEndEraseCommand = defineCommand({
  words: ["service-end", "erase"],
  summary: { ja: "サービス終了時に利用者データをすべて消去する（取り消し不可）", en: "erase all user data at the end of the service (cannot be undone)" },
  positionals: [],
  strings: SERVICE_END_ERASE_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("../service-end/run-service-end-erase.ts")).andThen((m) => m.runServiceEndErase(input, context)),
});
