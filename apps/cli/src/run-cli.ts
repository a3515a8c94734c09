import type { OutputMode } from "./args/output-mode.ts";
import { prescanOutputMode } from "./args/output-mode.ts";
import { parseCommandArgs } from "./args/parse-command-args.ts";
import { exitCodeOf, usageError, type CliError } from "./cli.errors.ts";
import { commandName, type CliContext, type Command, type CommandReport } from "./command.ts";
import { COMMANDS } from "./commands/commands.ts";
import { commandHelp, commandTable, generalHelp } from "./help.ts";
import { locateCommand } from "./locate-command.ts";
import type { Line } from "./output/line.ts";
import { renderLines } from "./output/render-lines.ts";

/** Where the CLI writes: injected so that `runCli` can be embedded (and is not tied to `process`). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs one command line (`argv` without `node` and the script) and returns the exit status: 0 on
 * success, 1 when the command failed (an invalid catalog, a database error), 2 for a wrong command
 * line. Results go to stdout, errors to stderr; with `--json` both are one JSON object on stdout.
 */
export const runCli = async (argv: readonly string[], io: CliIo, context: CliContext): Promise<number> => {
  const prescan = prescanOutputMode(argv);
  const located = locateCommand(COMMANDS, argv);
  switch (located.kind) {
    case "none":
      return fail(io, prescan, usageError("madoguchi", "cli.missing_command", { ja: "コマンドを指定してください", en: "no command given" }, ["", ...generalHelp(COMMANDS)]));
    case "unknown":
      return fail(
        io,
        prescan,
        usageError("madoguchi", "cli.unknown_command", { ja: `不明なコマンドです: ${located.word}`, en: `unknown command: ${located.word}` }, [
          { ja: "使えるコマンド:", en: "commands:" },
          ...commandTable(COMMANDS),
        ]),
      );
    case "group":
      if (located.args.includes("--help") || located.args.includes("-h")) return succeed(io, prescan, "help", { human: commandTable(located.commands), json: { commands: located.commands.map(commandName) } });
      return fail(
        io,
        prescan,
        usageError(located.group, "cli.missing_command", { ja: `${located.group} のあとにコマンドを指定してください`, en: `${located.group} needs a command` }, commandTable(located.commands)),
      );
    case "help":
      return showHelp(io, prescan, located.words);
    case "command":
      return runCommand(io, located.command, located.args, context);
  }
};

const showHelp = (io: CliIo, mode: OutputMode, words: readonly string[]): number => {
  if (words.length === 0) return succeed(io, mode, "help", { human: generalHelp(COMMANDS), json: { commands: COMMANDS.map(commandName) } });
  const located = locateCommand(COMMANDS, words);
  if (located.kind === "command" && located.args.length === 0) {
    return succeed(io, mode, "help", { human: commandHelp(located.command), json: { command: commandName(located.command) } });
  }
  if (located.kind === "group") {
    return succeed(io, mode, "help", { human: commandTable(located.commands), json: { commands: located.commands.map(commandName) } });
  }
  const typed = words.join(" ");
  return fail(io, mode, usageError("help", "cli.unknown_command", { ja: `不明なコマンドです: ${typed}`, en: `unknown command: ${typed}` }, commandTable(COMMANDS)));
};

const runCommand = async (io: CliIo, command: Command, args: readonly string[], context: CliContext): Promise<number> => {
  const parsed = parseCommandArgs(command, args);
  if (parsed.isErr()) return fail(io, prescanOutputMode(args), parsed.error);
  const { help, input } = parsed.value;
  const mode: OutputMode = parsed.value;
  const name = commandName(command);
  if (help) return succeed(io, mode, name, { human: commandHelp(command), json: { command: name } });
  const result = await command.run(input, context);
  return result.isOk() ? succeed(io, mode, name, result.value) : fail(io, mode, result.error);
};

const succeed = (io: CliIo, mode: OutputMode, command: string, report: CommandReport): number => {
  io.stdout(mode.json ? json({ ok: true, command, ...report.json }) : text(report.human, mode));
  return 0;
};

const fail = (io: CliIo, mode: OutputMode, error: CliError): number => {
  if (mode.json) {
    io.stdout(
      json({
        ok: false,
        command: error.operation,
        error: { code: error.code, reason: error.reason, retryable: error.retryable, message: error.message, ...error.data },
      }),
    );
  } else {
    const headline: Line = { ja: `エラー: ${error.message.ja}`, en: `error: ${error.message.en}` };
    io.stderr(text([headline, ...error.details], mode));
  }
  return exitCodeOf(error);
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const text = (lines: readonly Line[], mode: OutputMode): string => `${renderLines(lines, mode.language)}\n`;
