import { join, resolve } from "node:path";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { ed25519SignatureVerifier } from "@madoguchi/adapter-local-keystore";
import { createSha256Hasher } from "@madoguchi/adapter-system";
import { DEFAULT_AUDIT_RETENTION_MONTHS, verifyStoredAuditLog, type AuditChainBroken, type AuditCheckpoint, type StorageError } from "@madoguchi/core";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { readTextFile } from "../files/read-text-file.ts";
import { SIGNING_KEY_FILE, type AuditVerifyInput } from "./audit-flags.ts";
import { decodeCheckpointFile } from "./checkpoint-file.ts";
import { auditLocation, openAuditTarget, thenClose } from "./open-audit-target.ts";
import { decodePublicKeyFile } from "./public-key-file.ts";

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

const verifyError = (e: AuditChainBroken | StorageError, shown: string): CliError =>
  e._tag === "AuditChainBroken"
    ? cliError(
        OPERATION,
        "invalid_input",
        e.code,
        { ja: `監査ログの検証に失敗しました: 最初の不正な記録 seq ${e.seq} — ${REASON_LABELS[e.reason].ja}（${e.reason}）`, en: `audit log verification FAILED: first bad entry seq ${e.seq} — ${REASON_LABELS[e.reason].en} (${e.reason})` },
        { details: [e.message, shown], data: { seq: e.seq, reason: e.reason } },
      )
    : cliError(OPERATION, e.reason === "unavailable" ? "unavailable" : "invalid_input", `storage.${e.reason}`, { ja: `監査ログを読めません（${e.message}）`, en: `cannot read the audit log (${e.message})` });

/**
 * Verifies the audit log of the database the server would open: the hash chain, every checkpoint's
 * Ed25519 signature, the checkpoints kept elsewhere (`--checkpoints`), and that only expired segments
 * are missing. Prints OK with counts, or the first bad entry and why (exit 1).
 */
export const runAuditVerify = (input: AuditVerifyInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const monthsText = input.strings["retention-months"] ?? (context.env["MADOGUCHI_AUDIT_RETENTION_MONTHS"] || undefined);
  const retentionMonths = monthsText === undefined ? DEFAULT_AUDIT_RETENTION_MONTHS : Number(monthsText);
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) {
    return errAsync(usageError(OPERATION, "cli.invalid_value", { ja: "--retention-months は 1 以上の整数です", en: "--retention-months must be a whole number ≥ 1" }));
  }
  return readTrust(input, context).andThen((trust) => {
    if (trust.keys.size === 0) {
      return errAsync(cliError(OPERATION, "not_found", "audit.no_public_key", { ja: "信頼する公開鍵がありません（--public-key か --checkpoints を指定してください）", en: "no public key to trust (give --public-key or --checkpoints)" }));
    }
    return openAuditTarget(OPERATION, input.strings, context).andThen((opened) =>
      thenClose(
        verifyStoredAuditLog(
          {
            auditLog: opened.auditLog,
            hasher: createSha256Hasher(),
            signatures: ed25519SignatureVerifier,
            trustedKeys: trust.keys,
            retention: { now: context.now(), retentionMonths },
          },
          trust.external,
        ),
        opened.close,
      )
        .mapErr((e) => verifyError(e, opened.shown))
        .map(
          (report): CommandReport => ({
            human: [
              {
                ja: `監査ログは正常です: ${report.entries} 件（seq ${report.firstSeq ?? "-"}〜${report.lastSeq ?? "-"}）、チェックポイント ${report.checkpoints} 件（うち外部 ${trust.external.length} 件、期限切れで削除されたセグメント分 ${report.expiredCheckpoints} 件）`,
                en: `audit log OK: ${report.entries} entries (seq ${report.firstSeq ?? "-"}–${report.lastSeq ?? "-"}), ${report.checkpoints} checkpoints (${trust.external.length} external, ${report.expiredCheckpoints} for expired segments)`,
              },
              opened.shown,
            ],
            json: { database: opened.shown, ...report, externalCheckpoints: trust.external.length, retentionMonths },
          }),
        ),
    );
  });
};
