import { Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { testCardError, type TestCardError } from "./test-card.errors.ts";

/**
 * Decodes options at the package boundary with an effect Schema and turns failures into an
 * `invalid_input` error value. The formatted issue names paths and rules, never the rejected values.
 */
export const decodeOptions = <S extends Schema.Decoder<unknown>>(
  schema: S,
  operation: string,
  input: unknown,
): Result<S["Type"], TestCardError> => {
  const decoded = Schema.decodeUnknownResult(schema)(input, { errors: "all" });
  return decoded._tag === "Success"
    ? ok(decoded.success)
    : err(testCardError(operation, "invalid_input", decoded.failure.message));
};
