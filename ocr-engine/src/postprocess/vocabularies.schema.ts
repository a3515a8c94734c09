/**
 * The JSON form of {@link Vocabularies}, validated at the boundary (a deployment's file, the CLI's
 * `--vocabularies`): names are non-empty, and every problem is reported at once with its path.
 */
import { Result as EffectResult, Schema, SchemaIssue } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { Vocabularies } from "./vocabularies.ts";

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100));
const Names = Schema.Array(Name);

const MunicipalitySchema = Schema.Struct({ name: Name, towns: Schema.optionalKey(Names) });
const PrefectureSchema = Schema.Struct({ name: Name, municipalities: Schema.Array(MunicipalitySchema) });

/** {@link Vocabularies} as JSON. */
export const VocabulariesSchema = Schema.Struct({
  placeNames: Schema.optionalKey(Schema.Struct({ prefectures: Schema.Array(PrefectureSchema) })),
  lists: Schema.optionalKey(Schema.Record(Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,39}$/)), Names)),
});

const decode = Schema.decodeUnknownResult(VocabulariesSchema);
const toStandard = SchemaIssue.makeFormatterStandardSchemaV1();

/** One problem in a vocabularies file: its path (`placeNames.prefectures.3.name`) and what is wrong. */
export interface VocabularyIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates unknown JSON as {@link Vocabularies}; unknown properties are errors (a misspelt key is not ignored). */
export const decodeVocabularies = (json: unknown): Result<Vocabularies, readonly VocabularyIssue[]> => {
  const decoded = decode(json, { errors: "all", onExcessProperty: "error" });
  if (EffectResult.isSuccess(decoded)) return ok(decoded.success);
  return err(
    toStandard(decoded.failure.issue).issues.map((i) => ({
      path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null ? p.key : p)).join(".") || "(root)",
      message: i.message,
    })),
  );
};
