import type { Localized } from "@madoguchi/core";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { usageError, type CliError } from "../cli.errors.ts";

/**
 * The error for an option whose value is wrong. It says what the option expects, in both languages,
 * and never repeats the value: it may be a name, an address or a password.
 */
export const invalidFlag = (operation: string, flag: string, expected: Localized): CliError =>
  usageError(operation, "cli.invalid_value", { ja: `--${flag} の値が正しくありません: ${expected.ja}`, en: `invalid --${flag}: ${expected.en}` });

/** Decodes one option's value with an effect Schema; see {@link invalidFlag} for the failure. */
export const decodeFlag = <S extends Schema.Decoder<unknown>>(
  operation: string,
  flag: string,
  schema: S,
  value: string,
  expected: Localized,
): Result<S["Type"], CliError> => {
  const decoded = Schema.decodeUnknownResult(schema)(value);
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(invalidFlag(operation, flag, expected));
};

/**
 * Combines the failed checks of several options so that all wrong values are reported at once: the
 * error itself if one is wrong, else a summary with one line per option.
 */
export const collectFlagErrors = (operation: string, errors: readonly CliError[]): CliError => {
  const [first] = errors;
  if (first === undefined) throw new Error("collectFlagErrors needs at least one error");
  if (errors.length === 1) return first;
  return usageError(
    operation,
    "cli.invalid_value",
    { ja: "オプションの値に誤りがあります", en: "some options have invalid values" },
    errors.map((e) => ({ ja: `  - ${e.message.ja}`, en: `  - ${e.message.en}` })),
  );
};
