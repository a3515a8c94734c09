import type { Command } from "./command.ts";

/** What the first words of the command line name. */
export type Located =
  /** A command, and the arguments left for its options (leading common options included). */
  | { readonly kind: "command"; readonly command: Command; readonly args: readonly string[] }
  /** `madoguchi help [words…]`, or `--help` with no command. */
  | { readonly kind: "help"; readonly words: readonly string[]; readonly args: readonly string[] }
  /** No command at all. */
  | { readonly kind: "none"; readonly args: readonly string[] }
  /** The first word of a group (`test-card`) without one of its commands. */
  | { readonly kind: "group"; readonly group: string; readonly commands: readonly Command[]; readonly args: readonly string[] }
  | { readonly kind: "unknown"; readonly word: string; readonly args: readonly string[] };

/** Options that may come before the command (`madoguchi --lang en migrate`); `--lang` takes a value. */
const LEADING_FLAGS = new Set(["--json", "--help", "-h"]);

/**
 * Finds the command named by the first words, skipping the common options that may precede it.
 * Longest match first, so that a group word never hides its commands.
 */
export const locateCommand = (commands: readonly Command[], argv: readonly string[]): Located => {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? "";
    if (LEADING_FLAGS.has(arg) || arg.startsWith("--lang=")) i += 1;
    else if (arg === "--lang") i += 2;
    else break;
  }
  const leading = argv.slice(0, i);
  const rest = argv.slice(i);
  const words: string[] = [];
  for (const arg of rest) {
    if (arg.startsWith("-")) break;
    words.push(arg);
  }
  const [first] = words;
  if (first === undefined) {
    return leading.includes("--help") || leading.includes("-h")
      ? { kind: "help", words: [], args: [...leading, ...rest] }
      : { kind: "none", args: [...leading, ...rest] };
  }
  if (first === "help") return { kind: "help", words: words.slice(1), args: [...leading, ...rest.slice(words.length)] };
  const matches = commands
    .filter((c) => c.words.every((w, k) => words[k] === w))
    .sort((a, b) => b.words.length - a.words.length);
  const [command] = matches;
  if (command !== undefined) return { kind: "command", command, args: [...leading, ...rest.slice(command.words.length)] };
  const group = commands.filter((c) => c.words.length > 1 && c.words[0] === first);
  if (group.length > 0) return { kind: "group", group: first, commands: group, args: [...leading, ...rest.slice(1)] };
  return { kind: "unknown", word: first, args: [...leading, ...rest.slice(1)] };
};
