import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchResult, BenchRow } from "./bench-result.ts";

const ms = (x: number | null) => (x === null ? "-" : x.toFixed(1));
const met = (r: BenchRow) => (r.met === null ? "-" : r.met ? "yes" : "NO");

/** The result as a plain-text table for the terminal, with the peak check and any problems below it. */
export const renderReport = (result: BenchResult): string => {
  const header = ["phase", "name", "n", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "target ms", "met?"];
  const body = result.rows.map((r) => [r.phase, r.name, String(r.n), String(r.errors), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), r.targetMs === null ? "-" : String(r.targetMs), met(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  // Text columns left, numbers right.
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");

  const { peaks, machine, options } = result;
  const lines = [
    `madoguchi bench (${options.mode}) — commit ${machine.commit}${machine.uncommittedChanges === true ? " + uncommitted changes" : ""}, ` +
      `node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage1m}`,
    "reference server in-process: embedded profile (SQLite, test card, sandbox gateway, dev inbox), LOG_LEVEL=silent",
    "",
    line(header),
    rule,
    ...body.map(line),
    "",
    ...peaks.flatMap((p) => [
      `${p.phase}: ${p.label}: wall time ${(p.wallMs / 1000).toFixed(2)} s, ` +
        `${p.failed} without receipt, at most ${p.maxInFlightSubmits} submissions in flight at once`,
      p.storage === null
        ? `${p.phase}: stored applications could not be checked`
        : `${p.phase}: staff API lists ${p.storage.totalBefore} → ${p.storage.totalAfter} applications (+${p.storage.created}); ` +
          `${p.storage.receiptsGiven} receipts given, ${p.storage.receiptsMissing} not listed — ` +
          `${p.storage.ok ? `exactly ${p.submissions} stored: ok` : "NOT OK"}`,
    ]),
    "met? = every request answered correctly and the slowest within the target (N1: ≈3 s even at peak)",
    ...(result.problems.length === 0 ? ["problems: none"] : ["problems:", ...result.problems.map((p) => `  - ${p}`)]),
  ];
  return lines.join("\n");
};

/** A file name from an ISO timestamp: colons are not allowed in file names on every system. */
export const resultFileName = (startedAt: string) => `${startedAt.replaceAll(":", "-")}.json`;

/** Writes `<dir>/<timestamp>.json` and `<dir>/latest.json`; answers both paths. */
export const writeResult = async (result: BenchResult, dir: string): Promise<readonly [string, string]> => {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const stamped = join(dir, resultFileName(result.startedAt));
  const latest = join(dir, "latest.json");
  await writeFile(stamped, text);
  await writeFile(latest, text);
  return [stamped, latest];
};
