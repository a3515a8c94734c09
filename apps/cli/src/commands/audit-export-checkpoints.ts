import { AUDIT_EXPORT_BOOLEANS, AUDIT_EXPORT_FLAGS } from "../audit/audit-flags.ts";
import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";

/** `madoguchi audit export-checkpoints --out <file>`: copies the signed checkpoints to keep elsewhere. */
export const auditExportCheckpointsCommand = defineCommand({
  words: ["audit", "export-checkpoints"],
  summary: { ja: "監査ログのチェックポイントを書き出す（別の場所に保管）", en: "export the audit log's checkpoints (to keep elsewhere)" },
  positionals: [],
  strings: AUDIT_EXPORT_FLAGS,
  booleans: AUDIT_EXPORT_BOOLEANS,
  run: (input, context) => lazy(() => import("../audit/run-audit-export.ts")).andThen((m) => m.runAuditExportCheckpoints(input, context)),
});
