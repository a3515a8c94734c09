import { AUDIT_VERIFY_FLAGS } from "../audit/audit-flags.ts";
import { defineCommand } from "../command.ts";
import { lazy } from "../lazy.ts";

/**
 * `madoguchi audit verify`: checks the audit log's hash chain and signed checkpoints (and a copy of
 * the checkpoints kept elsewhere); prints OK with counts or the first bad entry, exit 1.
 */
export const auditVerifyCommand = defineCommand({
  words: ["audit", "verify"],
  summary: { ja: "監査ログのハッシュチェーンと署名を検証する", en: "verify the audit log's hash chain and signatures" },
  positionals: [],
  strings: AUDIT_VERIFY_FLAGS,
  booleans: {},
  run: (input, context) => lazy(() => import("../audit/run-audit-verify.ts")).andThen((m) => m.runAuditVerify(input, context)),
});
