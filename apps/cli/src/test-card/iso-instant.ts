import { isRealDate } from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";

/** `2024-04-01`, `2024-04-01T09:00`, `2024-04-01T09:00:00.000+09:00`, `…Z`: ISO 8601 as people type it. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

const decodeDate = Schema.decodeUnknownResult(Schema.DateFromString);

/**
 * Parses an ISO 8601 date or date-time. `Date` alone accepts other shapes and rolls 2024-02-30 over
 * to March, so the shape and the calendar date are checked first. A date-time without an offset is
 * local time, as JavaScript reads it; a date alone is midnight UTC.
 */
export const parseIsoInstant = (value: string): Result<Date, "invalid"> => {
  const match = ISO_INSTANT.exec(value);
  if (match === null || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return err("invalid");
  const decoded = decodeDate(value);
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err("invalid");
};
