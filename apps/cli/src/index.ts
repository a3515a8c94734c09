/**
 * @madoguchi/cli — the `madoguchi` command line: check the procedure catalog, migrate the database,
 * issue and inspect test cards. `runCli` is exported so that the CLI can be run in-process (by a
 * wrapper script, or an embedder's own tooling) with its own streams, environment and clock.
 */
export { runCli, type CliIo } from "./run-cli.ts";
export type { CliContext } from "./command.ts";
