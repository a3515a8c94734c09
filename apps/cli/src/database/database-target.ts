import { join, resolve } from "node:path";
import type { ConnectionOptions } from "@madoguchi/adapter-mikro-orm";
import { err, ok, type Result } from "neverthrow";
import { usageError, type CliError } from "../cli.errors.ts";

/**
 * The database a command opens, read as the server reads `MADOGUCHI_DATABASE`: `sqlite` (the file
 * `<data dir>/madoguchi.sqlite`), `sqlite:<path>`, or a `postgres://` / `postgresql://` URL.
 */
export interface DatabaseTarget {
  readonly connection: ConnectionOptions;
  /** What may be shown: the SQLite path, or the PostgreSQL host and database without user or password. */
  readonly shown: string;
}

/**
 * Resolves the database option. `memory` is refused: an in-memory store has no schema to migrate and
 * forgets everything when the process ends. Messages never repeat a URL (it may hold a password).
 */
export const databaseTarget = (
  operation: string,
  spec: string,
  dataDir: string,
  cwd: string,
): Result<DatabaseTarget, CliError> => {
  if (spec === "sqlite") {
    const path = resolve(cwd, join(dataDir, "madoguchi.sqlite"));
    return ok({ connection: { driver: "sqlite", path }, shown: path });
  }
  if (spec.startsWith("sqlite:") && spec.length > "sqlite:".length) {
    const path = resolve(cwd, spec.slice("sqlite:".length));
    return ok({ connection: { driver: "sqlite", path }, shown: path });
  }
  if (spec.startsWith("postgres://") || spec.startsWith("postgresql://")) {
    return URL.canParse(spec)
      ? ok({ connection: { driver: "postgresql", url: spec }, shown: redactedUrl(new URL(spec)) })
      : err(usageError(operation, "cli.invalid_value", { ja: "--database の PostgreSQL URL が正しくありません", en: "--database: the PostgreSQL URL is malformed" }));
  }
  if (spec === "memory") {
    return err(
      usageError(operation, "cli.invalid_value", {
        ja: "memory データベースは移行できません（プロセスの終了とともに消えます）",
        en: "the memory database cannot be migrated (it vanishes with its process)",
      }),
    );
  }
  return err(
    usageError(operation, "cli.invalid_value", {
      ja: "--database（または MADOGUCHI_DATABASE）は sqlite、sqlite:<パス>、postgres://… のいずれかです",
      en: "--database (or MADOGUCHI_DATABASE) must be sqlite, sqlite:<path> or postgres://…",
    }),
  );
};

const redactedUrl = (url: URL): string => `${url.protocol}//${url.host}${url.pathname}`;
