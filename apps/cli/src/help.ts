import { COMMON_BOOLEAN_FLAGS, COMMON_STRING_FLAGS } from "./args/common-flags.ts";
import { commandName, type Command } from "./command.ts";
import type { Line } from "./output/line.ts";
import { localizedTable } from "./output/localized-table.ts";

/** The synopsis of a command: `madoguchi test-card show --dir <dir> [--json] …`. */
export const synopsis = (command: Command): string => {
  const positionals = command.positionals.map((p) => `[${p.name}]`);
  const strings = Object.entries(command.strings).map(([name, spec]) =>
    spec.required ? `--${name} ${spec.value}` : `[--${name} ${spec.value}]`,
  );
  const booleans = Object.keys(command.booleans).map((name) => `[--${name}]`);
  return ["madoguchi", commandName(command), ...positionals, ...strings, ...booleans].join(" ");
};

const COMMON_FLAGS_LINE = "[--json] [--lang ja|en] [--help]";

/** The list of commands, for `madoguchi help` and after an unknown command. */
export const generalHelp = (commands: readonly Command[]): Line[] => [
  { ja: "madoguchi — 窓口のコマンドライン", en: "madoguchi — the madoguchi command line" },
  "",
  { ja: "使い方: madoguchi <コマンド> [オプション]", en: "usage: madoguchi <command> [options]" },
  "",
  ...commandTable(commands, true),
  "",
  {
    ja: `どのコマンドにも使えるオプション: ${COMMON_FLAGS_LINE}（JSON 出力、表示言語、使い方）`,
    en: `every command also takes ${COMMON_FLAGS_LINE} (JSON output, language, usage)`,
  },
  { ja: "詳しくは: madoguchi help <コマンド>", en: "more: madoguchi help <command>" },
];

const HELP_ROW = ["help [command]", { ja: "コマンドの一覧、またはコマンドの使い方を表示する", en: "list the commands, or show how to use one" }] as const;

/** The given commands (all of them, or a group such as `test-card`) as a table; `withHelp` adds `help`. */
export const commandTable = (commands: readonly Command[], withHelp = false): Line[] => {
  const rows = [
    ...commands.map((c) => [[commandName(c), ...c.positionals.map((p) => `[${p.name}]`)].join(" "), c.summary] as const),
    ...(withHelp ? [HELP_ROW] : []),
  ];
  return localizedTable({
    ja: rows.map(([name, summary]) => ["  " + name, summary.ja]),
    en: rows.map(([name, summary]) => ["  " + name, summary.en]),
  });
};

/** The help of one command: synopsis, arguments and options with what they do. */
export const commandHelp = (command: Command): Line[] => {
  const rows: { ja: string[][]; en: string[][] } = { ja: [], en: [] };
  const add = (left: string, description: { readonly ja: string; readonly en: string }, required: boolean) => {
    rows.ja.push(["  " + left, description.ja + (required ? "（必須）" : "")]);
    rows.en.push(["  " + left, description.en + (required ? " (required)" : "")]);
  };
  for (const p of command.positionals) add(`[${p.name}]`, p.description, false);
  for (const [name, spec] of Object.entries(command.strings)) add(`--${name} ${spec.value}`, spec.description, spec.required);
  for (const [name, spec] of Object.entries(command.booleans)) add(`--${name}`, spec.description, false);
  for (const [name, spec] of Object.entries(COMMON_STRING_FLAGS)) add(`--${name} ${spec.value}`, spec.description, false);
  for (const [name, spec] of Object.entries(COMMON_BOOLEAN_FLAGS)) add(`--${name}`, spec.description, false);
  return [
    { ja: `madoguchi ${commandName(command)} — ${command.summary.ja}`, en: `madoguchi ${commandName(command)} — ${command.summary.en}` },
    "",
    synopsis(command) + " " + COMMON_FLAGS_LINE,
    "",
    ...localizedTable(rows),
  ];
};
