import type { Localized } from "@madoguchi/core";
import type { ResultAsync } from "neverthrow";
import type { CliError } from "./cli.errors.ts";
import type { Line } from "./output/line.ts";
import type { ProgressStream } from "./output/progress-display.ts";

/** An option that takes a value (`--dir <dir>`). */
export interface StringFlagSpec {
  /** Placeholder shown in help, e.g. `<dir>`. */
  readonly value: string;
  readonly required: boolean;
  readonly description: Localized;
}

/** An on/off option (`--expired`). */
export interface BooleanFlagSpec {
  readonly description: Localized;
}

/** An optional positional argument (`[file]`). */
export interface PositionalSpec {
  readonly name: string;
  readonly description: Localized;
}

/** What a command was given, after the generic checks (known options, values present, required ones given). */
export interface CommandInput<S extends string, B extends string> {
  readonly strings: { readonly [K in S]?: string };
  readonly booleans: { readonly [K in B]: boolean };
  readonly positionals: readonly string[];
}

/** Where a command runs: the environment, the working directory and the clock, passed in rather than read. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  now(): Date;
  /** Where long commands (`ocr bench`) show progress: the executable's standard error; absent, they show none. */
  readonly progress?: ProgressStream;
}

/** What a successful command prints: lines for people, an object for `--json`. */
export interface CommandReport {
  readonly human: readonly Line[];
  readonly json: Readonly<Record<string, unknown>>;
}

/** One command of the CLI, e.g. `catalog check`, with its options typed by name. */
export interface CommandSpec<S extends string, B extends string> {
  /** The words that name it: `["test-card", "issue"]`. */
  readonly words: readonly string[];
  readonly summary: Localized;
  readonly positionals: readonly PositionalSpec[];
  readonly strings: { readonly [K in S]: StringFlagSpec };
  readonly booleans: { readonly [K in B]: BooleanFlagSpec };
  run(input: CommandInput<S, B>, context: CliContext): ResultAsync<CommandReport, CliError>;
}

/** A command with its option names erased, so that commands of different options fit in one list. */
export interface Command {
  readonly words: readonly string[];
  readonly summary: Localized;
  readonly positionals: readonly PositionalSpec[];
  readonly strings: Readonly<Record<string, StringFlagSpec>>;
  readonly booleans: Readonly<Record<string, BooleanFlagSpec>>;
  run(input: CommandInput<string, string>, context: CliContext): ResultAsync<CommandReport, CliError>;
}

/**
 * Declares a command. The parser only hands a command the options it declared, with required ones
 * present, so the narrowing in `run` is safe.
 */
export const defineCommand = <S extends string, B extends string>(spec: CommandSpec<S, B>): Command => ({
  words: spec.words,
  summary: spec.summary,
  positionals: spec.positionals,
  strings: spec.strings,
  booleans: spec.booleans,
  run: (input, context) => spec.run(input as CommandInput<S, B>, context),
});

/** The words of a command as typed: `test-card issue`. */
export const commandName = (command: Pick<Command, "words">): string => command.words.join(" ");

/**
 * A required option's value. The parser has rejected the command line if it was missing, so a
 * missing value here is a programmer error (the option was not declared `required`).
 */
export const requiredString = (value: string | undefined, flag: string): string => {
  if (value === undefined) throw new Error(`--${flag} must be declared required`);
  return value;
};
