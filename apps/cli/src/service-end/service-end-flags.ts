import type { CommandInput } from "../command.ts";
import { MIGRATE_FLAGS } from "../database/migrate-flags.ts";

/** The phrase `--confirm` must carry: an erase is never run by a stray command line. */
export const ERASE_CONFIRMATION = "erase-all-user-data";

/** Options of `madoguchi service-end erase`: the database the server uses, and the explicit confirmation. */
export const SERVICE_END_ERASE_FLAGS = {
  ...MIGRATE_FLAGS,
  confirm: {
    value: ERASE_CONFIRMATION,
    required: true,
    description: {
      ja: `取り消せない消去であることの確認（「${ERASE_CONFIRMATION}」と入力）`,
      en: `confirms the erasure cannot be undone (type "${ERASE_CONFIRMATION}")`,
    },
  },
} as const;

/** What `madoguchi service-end erase` is given. */
export type ServiceEndEraseInput = CommandInput<keyof typeof SERVICE_END_ERASE_FLAGS, never>;
