import { Schema } from "effect";
import type { CounterRecordSummary } from "@madoguchi/core";

/** A counter record's summary as JSON (format version 1): sealed right after encoding, never stored as is. */
const SummaryJson = Schema.Struct({
  v: Schema.Literal(1),
  persons: Schema.Array(Schema.Struct({ name: Schema.String, kana: Schema.String, birthDate: Schema.String })),
  newAddress: Schema.String,
  previousAddress: Schema.String,
  /** C6: absent in summaries written before the memo. */
  memo: Schema.optionalKey(Schema.String),
});
const decodeJson = Schema.decodeUnknownSync(SummaryJson);

/** The summary as UTF-8 JSON. */
export const encodeCounterSummary = (summary: CounterRecordSummary): Uint8Array =>
  new TextEncoder().encode(
    JSON.stringify({
      v: 1,
      persons: summary.persons.map((p) => ({ name: p.name, kana: p.kana, birthDate: p.birthDate })),
      newAddress: summary.newAddress,
      previousAddress: summary.previousAddress,
      memo: summary.memo,
    } satisfies typeof SummaryJson.Type),
  );

/**
 * The summary from its decrypted bytes; `null` for anything else (an unknown format version). The error is not
 * kept: a schema failure quotes the offending value, and here every value is personal.
 */
export const decodeCounterSummary = (bytes: Uint8Array): CounterRecordSummary | null => {
  try {
    const { persons, newAddress, previousAddress, memo } = decodeJson(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
    return { persons, newAddress, previousAddress, memo: memo ?? "" };
  } catch {
    return null;
  }
};
