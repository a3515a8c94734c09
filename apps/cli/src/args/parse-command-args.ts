import { parseArgs } from "node:util";
import type { Localized } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import { usageError, type CliError } from "../cli.errors.ts";
import { commandName, type Command, type CommandInput } from "../command.ts";
import { COMMON_BOOLEAN_FLAGS, COMMON_STRING_FLAGS } from "./common-flags.ts";
import { languageOf, LANGUAGES, type OutputMode } from "./output-mode.ts";

/** A command line checked against the command's options. */
export interface ParsedCommandArgs extends OutputMode {
  /** `--help` or `-h` was given: show the command's help instead of running it. */
  readonly help: boolean;
  readonly input: CommandInput<string, string>;
}

type ParseArgsOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

/**
 * Parses the arguments that follow the command's words with `node:util` `parseArgs`. It runs in
 * non-strict mode and checks the tokens itself, so that every problem is reported at once, in both
 * languages, naming the option but never echoing a value (values can be personal data):
 * unknown options, options given twice, a missing value (`--dir --json` does not take `--json` as
 * the directory), a value given to an on/off option, extra arguments, missing required options.
 */
export const parseCommandArgs = (command: Command, args: readonly string[]): Result<ParsedCommandArgs, CliError> => {
  const strings = { ...COMMON_STRING_FLAGS, ...command.strings };
  const booleans = { ...COMMON_BOOLEAN_FLAGS, ...command.booleans };
  const options: ParseArgsOptions = {};
  for (const name of Object.keys(strings)) options[name] = { type: "string" };
  for (const name of Object.keys(booleans)) options[name] = { type: "boolean" };
  options["help"] = { type: "boolean", short: "h" };

  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const problems: Localized[] = [];
  const stringValues: Record<string, string> = {};
  const booleanValues: Record<string, boolean> = {};
  const positionals: string[] = [];
  const seen = new Set<string>();

  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      positionals.push(token.value);
      if (positionals.length > command.positionals.length) {
        problems.push({
          ja: `余分な引数があります（${positionals.length} 番目）。空白を含む値は引用符で囲んでください。`,
          en: `unexpected argument (#${positionals.length}); quote values that contain spaces.`,
        });
      }
      continue;
    }
    const flag = token.rawName;
    if (!(token.name in options)) {
      problems.push({ ja: `不明なオプションです: ${flag}`, en: `unknown option: ${flag}` });
      continue;
    }
    if (seen.has(token.name)) {
      problems.push({ ja: `--${token.name} が2回指定されています`, en: `--${token.name} is given twice` });
      continue;
    }
    seen.add(token.name);
    if (token.name in strings) {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && value.startsWith("-"))) {
        problems.push({
          ja: `--${token.name} に値がありません（- で始まる値は --${token.name}=<値> と書きます）`,
          en: `--${token.name} needs a value (write --${token.name}=<value> for a value starting with -)`,
        });
      } else {
        stringValues[token.name] = value;
      }
    } else if (token.inlineValue === true) {
      problems.push({ ja: `--${token.name} は値をとりません`, en: `--${token.name} takes no value` });
    } else {
      booleanValues[token.name] = true;
    }
  }

  const help = booleanValues["help"] === true;
  const language = languageOf(stringValues["lang"]);
  if (language === null) {
    problems.push({ ja: `--lang は ${LANGUAGES.join(" か ")} です`, en: `--lang must be ${LANGUAGES.join(" or ")}` });
  }
  if (!help) {
    for (const [name, spec] of Object.entries(command.strings)) {
      if (spec.required && stringValues[name] === undefined && seen.has(name) === false) {
        problems.push({ ja: `--${name} ${spec.value} を指定してください`, en: `--${name} ${spec.value} is required` });
      }
    }
  }
  if (problems.length > 0 && !help) return err(toUsageError(command, problems));

  const input: CommandInput<string, string> = {
    strings: Object.fromEntries(Object.keys(command.strings).flatMap((k) => (stringValues[k] === undefined ? [] : [[k, stringValues[k]]]))),
    booleans: Object.fromEntries(Object.keys(command.booleans).map((k) => [k, booleanValues[k] === true])),
    positionals,
  };
  return ok({ help, json: booleanValues["json"] === true, language: language ?? "both", input });
};

const toUsageError = (command: Command, problems: readonly Localized[]): CliError => {
  const name = commandName(command);
  const hint = { ja: `使い方: madoguchi ${name} --help`, en: `usage: madoguchi ${name} --help` };
  const [only] = problems;
  return only !== undefined && problems.length === 1
    ? usageError(name, "cli.invalid_arguments", only, [hint])
    : usageError(name, "cli.invalid_arguments", { ja: "コマンドラインに誤りがあります", en: "the command line has errors" }, [
        ...problems.map((p) => ({ ja: `  - ${p.ja}`, en: `  - ${p.en}` })),
        hint,
      ]);
};
