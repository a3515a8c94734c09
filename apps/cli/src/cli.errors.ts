import type { Localized } from "@madoguchi/core";
import type { Line } from "./output/line.ts";

/**
 * Why a command did not succeed. Closed: the exit code and the `--json` shape follow from it.
 * - `usage`: the command line itself is wrong (unknown command or option, missing or invalid value);
 * - `invalid_input`: a file the command reads is wrong (a catalog with issues, a damaged card file);
 * - `not_found`: a file or card the command needs does not exist;
 * - `unavailable`: the database or the file system failed (may work when retried).
 */
export type CliErrorReason = "usage" | "invalid_input" | "not_found" | "unavailable";

/**
 * A failure told to the person at the terminal, in Japanese and English. Never carries personal
 * data: messages name flags and files, not the values typed for a name, an address or a password.
 */
export interface CliError {
  readonly _tag: "CliError";
  readonly reason: CliErrorReason;
  /** Stable code for scripts reading `--json`, e.g. `cli.unknown_option`, `catalog.invalid`. */
  readonly code: string;
  /** The command that failed, e.g. `catalog check`, or `madoguchi` before a command is known. */
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: Localized;
  /** Lines printed under the message: catalog issues, a usage hint. */
  readonly details: readonly Line[];
  /** Machine-readable details for `--json` (e.g. the catalog issues). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Builds a {@link CliError}; only `unavailable` is worth retrying. */
export const cliError = (
  operation: string,
  reason: CliErrorReason,
  code: string,
  message: Localized,
  extra: { readonly details?: readonly Line[]; readonly data?: Readonly<Record<string, unknown>> } = {},
): CliError => ({
  _tag: "CliError",
  reason,
  code,
  operation,
  retryable: reason === "unavailable",
  message,
  details: extra.details ?? [],
  ...(extra.data === undefined ? {} : { data: extra.data }),
});

/** A mistake on the command line (exit code 2). */
export const usageError = (operation: string, code: string, message: Localized, details: readonly Line[] = []): CliError =>
  cliError(operation, "usage", code, message, { details });

/** Exit status: 2 for a wrong command line (as shells and getopt do), 1 for every other failure. */
export const exitCodeOf = (error: CliError): number => {
  switch (error.reason) {
    case "usage":
      return 2;
    case "invalid_input":
    case "not_found":
    case "unavailable":
      return 1;
  }
};
