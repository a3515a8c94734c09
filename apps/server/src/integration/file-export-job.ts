import { randomBytes } from "node:crypto";
import { access, constants, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { applicationsSubmittedSince, type Application, type ApplicationStore, type AuditEntryDraft, type Clock, type ProcedureCatalog, type SettingsStore } from "@madoguchi/core";
import { EXPORT_COLUMN_IDS, exportTable } from "../export/application-export-columns.ts";
import { csvBytes, type CsvEncoding } from "../export/csv.ts";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";

/** The watermark setting: submissions before it are in the directory already. */
const EXPORTED_UNTIL = "integration.exportedUntil";

/** What one run wrote: the file (null when nothing new was submitted) and how many applications it holds. */
export interface FileExportRun {
  readonly file: string | null;
  readonly count: number;
}

export interface FileExportDeps {
  readonly applications: Pick<ApplicationStore, "list">;
  readonly settings: Pick<SettingsStore, "get" | "put">;
  readonly catalog: () => ProcedureCatalog;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface FileExportOptions {
  /** The directory the back-office systems pick files up from (an LGWAN file-transfer directory). */
  readonly dir: string;
  readonly encoding: CsvEncoding;
}

/** `applications-20261125T161800Z-<random>.csv`: sortable by time, never overwriting a file not yet picked up. */
const fileName = (until: Date): string => `applications-${until.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}-${randomBytes(3).toString("hex")}.csv`;

/**
 * S9 (ファイル連携): every run writes the applications submitted since the last run to a CSV in the export directory
 * — every column of the staff export, oldest first, Shift_JIS (Windows-31J) or UTF-8 — for the back-office systems
 * to import. The file appears whole (written under a dot-name, then renamed in the same directory). Then the
 * watermark moves on, in the same transaction as the audit entry that says how many applications left and in
 * which file. A crash between the two writes the same applications again at the next run: receivers deduplicate
 * by receipt number (at least once, never lost). Nothing new: no file, the watermark still moves on.
 */
export const exportNewApplications = async (deps: FileExportDeps, options: FileExportOptions): Promise<FileExportRun> => {
  const stored = await deps.settings.get(EXPORTED_UNTIL);
  if (stored.isErr()) throw new Error(`export watermark unreadable (${stored.error.reason})`);
  const from = stored.value === null ? new Date(0) : new Date(stored.value.value);
  const until = deps.clock.now();
  const found = await applicationsSubmittedSince(deps.applications, {}, from);
  if (found.isErr()) throw new Error(`applications unreadable (${found.error.reason})`);
  const batch = found.value.filter((a) => a.submittedAt.getTime() < until.getTime()).sort(bySubmission);
  const file = batch.length === 0 ? null : fileName(until);
  if (file !== null) {
    const temp = join(options.dir, `.${file}.partial`);
    await writeFile(temp, csvBytes(exportTable(batch, EXPORT_COLUMN_IDS, deps.catalog(), "ja"), options.encoding), { mode: 0o640 });
    await rename(temp, join(options.dir, file));
  }
  const audit: AuditEntryDraft = {
    at: until,
    actor: { kind: "system", id: null },
    action: "applications.exported",
    target: null,
    result: "success",
    sourceIp: null,
    details: { channel: "file", file, count: batch.length, encoding: options.encoding, from: from.toISOString(), until: until.toISOString() },
  };
  // One entry per application too: "did this resident's data go to the back office, and in which file?"
  const perApplication = batch.map((a): AuditEntryDraft => ({ ...audit, action: "application.exported", target: { kind: "application", id: a.id }, details: { channel: "file", file } }));
  const moved = await deps.settings.put(EXPORTED_UNTIL, until.toISOString(), stored.value?.version ?? 0, until, batch.length === 0 ? [] : [audit, ...perApplication]);
  if (moved.isErr()) throw new Error(`export watermark not moved (${moved.error.reason}): the next run writes these applications again`);
  if (file !== null) deps.logger.info({ audit: true, event: "applications.exported", channel: "file", file, count: batch.length }, "applications written for the back-office systems");
  return { file, count: batch.length };
};

const bySubmission = (a: Application, b: Application): number => a.submittedAt.getTime() - b.submittedAt.getTime() || a.receiptNumber.localeCompare(b.receiptNumber);

/** The export on a timer; a failed run is logged by name and retried at the next (nothing is marked exported). */
export const createFileExportJob = (deps: FileExportDeps, options: FileExportOptions): PeriodicJob<FileExportRun> =>
  periodicJob(() => exportNewApplications(deps, options), deps.logger, "integration.export_failed");

/** Throws, naming the variable, unless `dir` is a directory this process can write to. */
export const checkExportDirectory = async (dir: string): Promise<void> => {
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  const writable = isDir && (await access(dir, constants.W_OK).then(() => true, () => false));
  if (!writable) throw new Error(`MADOGUCHI_EXPORT_DIR ${dir} is not a directory this server can write to`);
};
