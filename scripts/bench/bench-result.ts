import type { BenchOptions } from "./bench-options.ts";
import { summarizeLatencies } from "./latency-summary.ts";
import type { MachineInfo } from "@madoguchi/ocr-engine";
import { failureKind, type StepFailure } from "./resident-client.ts";
import type { BenchPhase, Measurement } from "./measurement.ts";
import type { PeakResult } from "./peak-result.ts";

/** One line of the table: latencies in milliseconds. */
export interface BenchRow {
  readonly phase: BenchPhase;
  readonly name: string;
  readonly n: number;
  readonly errors: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly targetMs: number | null;
  /**
   * Every request of the row answered correctly within the target (the slowest one, not a
   * percentile: N1 says "even at peak"); `null` where no target applies.
   */
  readonly met: boolean | null;
}

/** Everything a run produced, as written to `bench/results/*.json`. */
export interface BenchResult {
  /** Version of this file's shape: bump it when a field changes meaning. */
  readonly schema: "madoguchi-bench@1";
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly server: { readonly profile: "embedded"; readonly database: "sqlite"; readonly inProcess: true };
  readonly rows: readonly BenchRow[];
  /** Phase 2a (complete flows at once) and 2b (pre-signed submissions at once), without their rows. */
  readonly peaks: readonly Omit<PeakResult, "measurements">[];
  /** Failures of the whole run by `step status code`. */
  readonly failures: Readonly<Record<string, number>>;
  /** What is wrong, in words (empty when nothing is): errors, missing applications. Never a slow response. */
  readonly problems: readonly string[];
}

const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);

/** A table row from a measurement. */
export const toRow = (m: Measurement): BenchRow => {
  const s = summarizeLatencies(m.samples);
  const errors = m.failures.length;
  return {
    phase: m.phase,
    name: m.name,
    n: s?.n ?? 0,
    errors,
    p50: round(s?.p50),
    p95: round(s?.p95),
    p99: round(s?.p99),
    max: round(s?.max),
    mean: round(s?.mean),
    targetMs: m.targetMs,
    met: m.targetMs === null ? null : s !== null && errors === 0 && s.max <= m.targetMs,
  };
};

/** Counts failures by kind. */
export const countFailures = (failures: readonly StepFailure[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const f of failures) counts[failureKind(f)] = (counts[failureKind(f)] ?? 0) + 1;
  return counts;
};

/** The problems of a run in words; slowness is not a problem here, it is what the table shows. */
export const problemsOf = (rows: readonly BenchRow[], peaks: readonly Omit<PeakResult, "measurements">[]): string[] => {
  const problems: string[] = [];
  for (const r of rows) if (r.errors > 0) problems.push(`${r.phase}: ${r.name}: ${r.errors} failed`);
  for (const p of peaks) {
    if (p.failed > 0) problems.push(`${p.label}: ${p.failed} of ${p.submissions} got no receipt`);
    if (p.storageFailure !== null) problems.push(`${p.label}: the staff list could not be read (${failureKind(p.storageFailure)})`);
    const s = p.storage;
    if (s !== null && !s.ok) {
      problems.push(
        `${p.label}: ${s.created} applications stored, ${s.receiptsGiven} distinct receipts given, ${s.receiptsMissing} of them not listed`,
      );
    }
  }
  return problems;
};
