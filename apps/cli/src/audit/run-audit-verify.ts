import { join, resolve } from "node:path";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { ed25519SignatureVerifier } from "@madoguchi/adapter-local-keystore";
import { createSha256Hasher } from "@madoguchi/adapter-system";
import { verifyStoredAuditLog, type AuditChainBroken, type AuditCheckpoint, type StorageError } from "@madoguchi/core";
import { cliError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { readTextFile } from "../files/read-text-file.ts";
import { SIGNING_KEY_FILE, type AuditVerifyInput } from "./audit-flags.ts";
import { decodeCheckpointFile } from "./checkpoint-file.ts";
import { auditLocation, openAuditTarget, thenClose } from "./open-audit-target.ts";
import { decodePublicKeyFile } from "./public-key-file.ts";
import { retentionUsedLine, storedRetention, storedRetentionLines, verifyRetention, type StoredRetention, type VerifyRetention } from "./verify-retention.ts";

const OPERATION = "audit verify";

/** Trust anchors: the public key file (default: the server's signing key) and the keys in the exported checkpoint file. */
interface Trust {
  readonly keys: Map<string, string>;
  readonly external: readonly AuditCheckpoint[];
}

const readPublicKey = (path: string, shown: string, required: boolean): ResultAsync<readonly [string, string] | null, CliError> =>
  readTextFile(OPERATION, path, shown)
    .orElse((e) => (!required && e.reason === "not_found" ? okAsync(null) : errAsync(e)))
    .andThen((text) => {
      if (text === null) return okAsync(null);
      const key = decodePublicKeyFile(text);
      return key.isOk()
        ? okAsync([key.value.keyId, key.value.publicKey] as const)
        : errAsync(cliError(OPERATION, "invalid_input", "audit.invalid_public_key", { ja: `公開鍵ファイルが正しくありません（${key.error}）: ${shown}`, en: `invalid public key file (${key.error}): ${shown}` }));
    });

const readTrust = (input: AuditVerifyInput, context: CliContext): ResultAsync<Trust, CliError> => {
  const { dataDir } = auditLocation(input.strings, context);
  const keyShown = input.strings["public-key"] ?? join(dataDir, SIGNING_KEY_FILE);
  const keyPath = resolve(context.cwd, keyShown);
  const cpShown = input.strings.checkpoints;
  return readPublicKey(keyPath, keyShown, input.strings["public-key"] !== undefined).andThen((key) => {
    const keys = new Map<string, string>(key === null ? [] : [key]);
    if (cpShown === undefined) return okAsync({ keys, external: [] });
    return readTextFile(OPERATION, resolve(context.cwd, cpShown), cpShown).andThen((text) => {
      const file = decodeCheckpointFile(text);
      if (file.isErr()) {
        return errAsync(cliError(OPERATION, "invalid_input", "audit.invalid_checkpoint_file", { ja: `チェックポイントファイルが正しくありません（${file.error}）: ${cpShown}`, en: `invalid checkpoint file (${file.error}): ${cpShown}` }));
      }
      for (const [id, pk] of file.value.publicKeys) if (!keys.has(id)) keys.set(id, pk);
      return okAsync({ keys, external: file.value.checkpoints });
    });
  });
};

const REASON_LABELS: Readonly<Record<AuditChainBroken["reason"], { ja: string; en: string }>> = {
  hash_mismatch: { ja: "内容がハッシュと一致しません（改ざん）", en: "content does not match its hash (tampered)" },
  sequence_gap: { ja: "記録が欠けています（削除）", en: "entries are missing (deleted)" },
  reordered: { ja: "順序が入れ替わっています", en: "entries are out of order" },
  checkpoint_signature_invalid: { ja: "チェックポイントの署名が正しくありません", en: "a checkpoint's signature is not valid" },
  checkpoint_mismatch: { ja: "チェックポイントと一致しません（挿入または書き換え）", en: "does not match its checkpoint (inserted or rewritten)" },
  truncated: { ja: "末尾が削除されています", en: "the end of the log was cut off" },
};

/** The retention part of `--json`: the period used, its source, and what the database holds (`null`: not set). */
const retentionJson = (used: VerifyRetention, stored: StoredRetention) => ({
  retentionMonths: used.months,
  retentionSource: used.source,
  storedRetentionMonths: stored === "unreadable" ? "unreadable" : (stored?.months ?? null),
});

const verifyError = (e: AuditChainBroken | StorageError, shown: string, used: VerifyRetention, stored: StoredRetention): CliError =>
  e._tag === "AuditChainBroken"
    ? cliError(
        OPERATION,
        "invalid_input",
        e.code,
        { ja: `監査ログの検証に失敗しました: 最初の不正な記録 seq ${e.seq} — ${REASON_LABELS[e.reason].ja}（${e.reason}）`, en: `audit log verification FAILED: first bad entry seq ${e.seq} — ${REASON_LABELS[e.reason].en} (${e.reason})` },
        {
          details: [e.message, shown, retentionUsedLine(used), ...storedRetentionLines(used, stored)],
          data: { seq: e.seq, reason: e.reason, ...retentionJson(used, stored) },
        },
      )
    : cliError(OPERATION, e.reason === "unavailable" ? "unavailable" : "invalid_input", `storage.${e.reason}`, { ja: `監査ログを読めません（${e.message}）`, en: `cannot read the audit log (${e.message})` });

/**
 * Verifies the audit log of the database the server would open: the hash chain, every checkpoint's
 * Ed25519 signature, the checkpoints kept elsewhere (`--checkpoints`), and that only expired segments
 * are missing. Prints OK with counts, or the first bad entry and why (exit 1), and in both cases the
 * retention it checked against with its source, and the one stored in the database when that differs.
 */
export const runAuditVerify = (input: AuditVerifyInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const retention = verifyRetention(OPERATION, input.strings["retention-months"], context.env);
  if (retention.isErr()) return errAsync(retention.error);
  const used = retention.value;
  return readTrust(input, context).andThen((trust) => {
    if (trust.keys.size === 0) {
      return errAsync(cliError(OPERATION, "not_found", "audit.no_public_key", { ja: "信頼する公開鍵がありません（--public-key か --checkpoints を指定してください）", en: "no public key to trust (give --public-key or --checkpoints)" }));
    }
    return openAuditTarget(OPERATION, input.strings, context).andThen((opened) =>
      thenClose(
        storedRetention(opened.settings).andThen((stored) =>
          verifyStoredAuditLog(
            {
              auditLog: opened.auditLog,
              hasher: createSha256Hasher(),
              signatures: ed25519SignatureVerifier,
              trustedKeys: trust.keys,
              retention: { now: context.now(), retentionMonths: used.months },
            },
            trust.external,
          )
            .mapErr((e) => verifyError(e, opened.shown, used, stored))
            .map(
              (report): CommandReport => ({
                human: [
                  {
                    ja: `監査ログは正常です: ${report.entries} 件（seq ${report.firstSeq ?? "-"}〜${report.lastSeq ?? "-"}）、チェックポイント ${report.checkpoints} 件（うち外部 ${trust.external.length} 件、期限切れで削除されたセグメント分 ${report.expiredCheckpoints} 件）`,
                    en: `audit log OK: ${report.entries} entries (seq ${report.firstSeq ?? "-"}–${report.lastSeq ?? "-"}), ${report.checkpoints} checkpoints (${trust.external.length} external, ${report.expiredCheckpoints} for expired segments)`,
                  },
                  retentionUsedLine(used),
                  ...storedRetentionLines(used, stored),
                  opened.shown,
                ],
                json: { database: opened.shown, ...report, externalCheckpoints: trust.external.length, ...retentionJson(used, stored) },
              }),
            ),
        ),
        opened.close,
      ),
    );
  });
};
