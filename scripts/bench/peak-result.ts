import type { BenchPhase, Measurement } from "./measurement.ts";
import type { StepFailure } from "./resident-client.ts";
import { storedApplications, type StaffClient } from "./staff-client.ts";
import { checkStoredApplications, type StoredApplicationsCheck } from "./stored-applications-check.ts";

/** One peak: many submissions started together, and what the staff list showed afterwards. */
export interface PeakResult {
  readonly phase: Extract<BenchPhase, "peak" | "burst">;
  /** What was started at once. */
  readonly label: string;
  readonly submissions: number;
  /** From the first request to the last answer. */
  readonly wallMs: number;
  /** Submissions that did not end with a receipt (must be 0). */
  readonly failed: number;
  /** The most submissions (`POST /api/applications`) the server had in flight at one moment. */
  readonly maxInFlightSubmits: number;
  /** `null` when the staff list could not be read (its failure is in `storageFailure`). */
  readonly storage: StoredApplicationsCheck | null;
  readonly storageFailure: StepFailure | null;
  readonly measurements: readonly Measurement[];
}

/** What a peak's run itself reports; the storage check is added around it. */
export type PeakRun = Omit<PeakResult, "storage" | "storageFailure" | "wallMs"> & { readonly receipts: readonly string[] };

/**
 * Reads the staff list, runs the peak (timing its wall clock), reads the list again and checks that
 * exactly `submissions` applications were added, each with a receipt the residents were given.
 */
export const withStorageCheck = async (staff: StaffClient, run: () => Promise<PeakRun>): Promise<PeakResult> => {
  const before = await storedApplications(staff);
  const started = performance.now();
  const { receipts, ...peak } = await run();
  const wallMs = Math.round((performance.now() - started) * 10) / 10;
  const after = await storedApplications(staff);
  return {
    ...peak,
    wallMs,
    storage: before.isOk() && after.isOk() ? checkStoredApplications(before.value, after.value, receipts, peak.submissions) : null,
    storageFailure: before.isErr() ? before.error : after.isErr() ? after.error : null,
  };
};
