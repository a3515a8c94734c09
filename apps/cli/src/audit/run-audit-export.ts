import { open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { createLocalCheckpointSigner } from "@madoguchi/adapter-local-keystore";
import { checkpointAuditLog, type AuditCheckpoint } from "@madoguchi/core";
import { cliError, type CliError } from "../cli.errors.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import { readTextFile } from "../files/read-text-file.ts";
import { SIGNING_KEY_FILE, type AuditExportInput } from "./audit-flags.ts";
import { encodeCheckpointFile } from "./checkpoint-file.ts";
import { auditLocation, openAuditTarget, thenClose } from "./open-audit-target.ts";
import { decodePublicKeyFile } from "./public-key-file.ts";

const OPERATION = "audit export-checkpoints";

const codeOf = (e: unknown): string => (typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "error");

/** Writes `text` to a new file (never overwrites: an older copy is evidence). */
const writeNewFile = (path: string, shown: string, text: string): ResultAsync<void, CliError> =>
  ResultAsync.fromPromise(
    (async () => {
      const handle = await open(path, "wx", 0o644);
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
    })(),
    (e) =>
      codeOf(e) === "EEXIST"
        ? cliError(OPERATION, "invalid_input", "file.exists", { ja: `ファイルが既にあります（上書きしません）: ${shown}`, en: `the file exists (not overwritten): ${shown}` })
        : cliError(OPERATION, "unavailable", "file.unwritable", { ja: `ファイルを書けません（${codeOf(e)}）: ${shown}`, en: `cannot write the file (${codeOf(e)}): ${shown}` }),
  );

/**
 * Copies the audit log's signed checkpoints, with the public keys that verify them, to a file meant
 * to be kept elsewhere; with `--sign-now` it first signs a checkpoint at the current end of the log
 * (with the server's signing key file), so that the copy covers every entry written so far.
 */
export const runAuditExportCheckpoints = (input: AuditExportInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const outShown = requiredString(input.strings.out, "out");
  const { dataDir } = auditLocation(input.strings, context);
  const keyFile = join(dataDir, SIGNING_KEY_FILE);
  return openAuditTarget(OPERATION, input.strings, context).andThen((opened) => {
    const work = (): ResultAsync<{ checkpoints: readonly AuditCheckpoint[]; signed: number; keys: Map<string, string> }, CliError> => {
      const keys = new Map<string, string>();
      const signNow: ResultAsync<number, CliError> = !input.booleans["sign-now"]
        ? okAsync(0)
        : createLocalCheckpointSigner({ keyFile, createIfMissing: false })
            .mapErr((e) => cliError(OPERATION, "not_found", "audit.no_signing_key", { ja: `署名鍵を使えません（${e.message}）: ${keyFile}`, en: `cannot use the signing key (${e.message}): ${keyFile}` }))
            .andThen((signer) =>
              checkpointAuditLog({ auditLog: opened.auditLog, signer, clock: { now: () => context.now() } })
                .mapErr((e) => cliError(OPERATION, "unavailable", "audit.checkpoint_failed", { ja: `チェックポイントを作れません（${e.message}）`, en: `cannot sign a checkpoint (${e.message})` }))
                .map((made) => made.length),
            );
      const publicKey = readTextFile(OPERATION, keyFile, keyFile)
        .map((text) => decodePublicKeyFile(text))
        .map((k) => void (k.isOk() && keys.set(k.value.keyId, k.value.publicKey)))
        .orElse(() => okAsync(undefined));
      return signNow.andThen((signed) =>
        publicKey.andThen(() =>
          opened.auditLog
            .checkpoints()
            .mapErr((e) => cliError(OPERATION, "unavailable", `storage.${e.reason}`, { ja: `チェックポイントを読めません（${e.message}）`, en: `cannot read the checkpoints (${e.message})` }))
            .map((checkpoints) => ({ checkpoints, signed, keys })),
        ),
      );
    };
    return thenClose(work(), opened.close).andThen(({ checkpoints, signed, keys }) => {
        const unknownKeys = [...new Set(checkpoints.map((c) => c.keyId))].filter((id) => !keys.has(id));
        return writeNewFile(resolve(context.cwd, outShown), outShown, encodeCheckpointFile(context.now(), keys, checkpoints)).map(
          (): CommandReport => ({
            human: [
              {
                ja: `チェックポイント ${checkpoints.length} 件を書き出しました（今回署名 ${signed} 件）: ${outShown}`,
                en: `exported ${checkpoints.length} checkpoints (${signed} signed now): ${outShown}`,
              },
              {
                ja: "このファイルはアプリケーションの管理外（別のサーバ、追記専用の保管先）に保管してください",
                en: "keep this file outside the application's control (another server, write-once storage)",
              },
              ...(unknownKeys.length > 0
                ? [{ ja: `注意: 公開鍵の無い鍵 ID: ${unknownKeys.join(", ")}`, en: `note: key ids without a public key: ${unknownKeys.join(", ")}` }]
                : []),
            ],
            json: { out: outShown, checkpoints: checkpoints.length, signedNow: signed, lastSeq: checkpoints.at(-1)?.lastSeq ?? null, keyIds: [...keys.keys()] },
          }),
        );
      });
  });
};
