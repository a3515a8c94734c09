import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { AuditCheckpoint } from "@madoguchi/core";

/**
 * The file `audit export-checkpoints` writes, to be kept outside the application's control (another
 * machine, WORM storage, a printout of its hash): the signed checkpoints and the public keys that
 * signed them. It holds no personal data.
 */
const CheckpointFileSchema = Schema.Struct({
  format: Schema.Literal("madoguchi-audit-checkpoints"),
  formatVersion: Schema.Literal(1),
  exportedAt: Schema.String,
  publicKeys: Schema.Array(Schema.Struct({ keyId: Schema.String, publicKey: Schema.String })),
  checkpoints: Schema.Array(
    Schema.Struct({
      segment: Schema.String,
      lastSeq: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
      lastHash: Schema.String,
      signedAt: Schema.String,
      keyId: Schema.String,
      signature: Schema.String,
    }),
  ),
});

/** A decoded checkpoint file. */
export interface CheckpointFile {
  readonly publicKeys: ReadonlyMap<string, string>;
  readonly checkpoints: readonly AuditCheckpoint[];
}

/** The text of a checkpoint file. */
export const encodeCheckpointFile = (exportedAt: Date, publicKeys: ReadonlyMap<string, string>, checkpoints: readonly AuditCheckpoint[]): string =>
  `${JSON.stringify(
    {
      format: "madoguchi-audit-checkpoints",
      formatVersion: 1,
      exportedAt: exportedAt.toISOString(),
      publicKeys: [...publicKeys].map(([keyId, publicKey]) => ({ keyId, publicKey })),
      checkpoints: checkpoints.map((c) => ({ ...c, signedAt: c.signedAt.toISOString() })),
    },
    null,
    2,
  )}\n`;

/** Decodes a checkpoint file, or says what is wrong with it (no values quoted). */
export const decodeCheckpointFile = (text: string): Result<CheckpointFile, string> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err("not JSON");
  }
  const decoded = Schema.decodeUnknownResult(CheckpointFileSchema)(json);
  if (EffectResult.isFailure(decoded)) return err("not a madoguchi checkpoint file");
  const checkpoints: AuditCheckpoint[] = [];
  for (const c of decoded.success.checkpoints) {
    const signedAt = new Date(c.signedAt);
    if (Number.isNaN(signedAt.getTime())) return err(`checkpoint ${c.lastSeq} has an invalid signedAt`);
    checkpoints.push({ ...c, signedAt });
  }
  return ok({ publicKeys: new Map(decoded.success.publicKeys.map((k) => [k.keyId, k.publicKey])), checkpoints });
};
