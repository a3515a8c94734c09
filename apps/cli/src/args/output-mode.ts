import type { OutputLanguage } from "../output/line.ts";

/** How to print: JSON or text, and in which language. */
export interface OutputMode {
  readonly json: boolean;
  readonly language: OutputLanguage;
}

/** Accepted values of `--lang`. */
export const LANGUAGES = ["ja", "en"] as const;

const isLanguage = (value: string | undefined): value is (typeof LANGUAGES)[number] =>
  value !== undefined && (LANGUAGES as readonly string[]).includes(value);

/**
 * A first look at `--json` and `--lang` before the command line is parsed, so that an error found
 * while parsing it (an unknown command, a missing value) is already printed the way the user asked.
 */
export const prescanOutputMode = (argv: readonly string[]): OutputMode => {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  let language: OutputLanguage = "both";
  args.forEach((arg, i) => {
    const value = arg === "--lang" ? args[i + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined;
    if (isLanguage(value)) language = value;
  });
  return { json: args.includes("--json"), language };
};

/** The language of a valid `--lang` value, or both languages when the option was not given. */
export const languageOf = (value: string | undefined): OutputLanguage | null =>
  value === undefined ? "both" : isLanguage(value) ? value : null;
