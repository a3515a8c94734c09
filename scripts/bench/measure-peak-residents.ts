import { maxInFlight } from "./in-flight.ts";
import { N1_TARGET_MS, type Measurement } from "./measurement.ts";
import { withStorageCheck, type PeakResult } from "./peak-result.ts";
import { residentFlow, type BenchTarget, type FlowOutcome, type FlowStep } from "./resident-client.ts";
import type { StaffClient } from "./staff-client.ts";

/** Name of the row of complete flows, whose failures repeat those of the step rows. */
export const WHOLE_FLOW_ROW = "whole flow (4 requests)";

const STEP_ROWS: readonly { readonly step: FlowStep; readonly name: string; readonly targetMs: number | null }[] = [
  { step: "prepare", name: "POST /api/applications/prepare", targetMs: N1_TARGET_MS },
  // The test card and the hosted fields stand in for the resident's phone and the card company: not our response.
  { step: "sign", name: "test card: POST /test-card/api/sign", targetMs: null },
  { step: "tokenise", name: "sandbox: POST /v1/tokens", targetMs: null },
  { step: "submit", name: "POST /api/applications", targetMs: N1_TARGET_MS },
];

const rows = (outcomes: readonly FlowOutcome[]): Measurement[] => [
  ...STEP_ROWS.map(({ step, name, targetMs }) => ({
    name,
    phase: "peak" as const,
    samples: outcomes.flatMap((o) => (o.ms[step] === undefined ? [] : [o.ms[step]])),
    failures: outcomes.flatMap((o) => (o.receipt.isErr() && o.receipt.error.step === step ? [o.receipt.error] : [])),
    targetMs,
  })),
  {
    name: WHOLE_FLOW_ROW,
    phase: "peak" as const,
    samples: outcomes.map((o) => o.totalMs),
    failures: outcomes.flatMap((o) => (o.receipt.isErr() ? [o.receipt.error] : [])),
    // Four answers in a row, two of them from stand-ins: informative, not the N1 response time.
    targetMs: null,
  },
];

/**
 * Phase 2a, requirement N1's "200 concurrent applications" as residents make them: `residents`
 * complete flows (prepare, sign, tokenise, submit) started together with `Promise.all`, then a check
 * through the staff API that exactly that many applications were stored.
 *
 * The prepares really arrive together. The submissions do not: the one software test card signs for
 * every resident, one signature at a time (as a real card would for its one holder), which spreads
 * the submissions out — `maxInFlightSubmits` says by how much, and phase 2b sends them together.
 */
export const measurePeakResidents = (t: BenchTarget, staff: StaffClient, residents: number): Promise<PeakResult> =>
  withStorageCheck(staff, async () => {
    const outcomes = await Promise.all(Array.from({ length: residents }, () => residentFlow(t)));
    return {
      phase: "peak",
      label: `${residents} residents at once (prepare → sign → tokenise → submit)`,
      submissions: residents,
      failed: outcomes.filter((o) => o.receipt.isErr()).length,
      maxInFlightSubmits: maxInFlight(outcomes.flatMap((o) => (o.submitWindow === null ? [] : [o.submitWindow]))),
      measurements: rows(outcomes),
      receipts: outcomes.flatMap((o) => (o.receipt.isOk() ? [o.receipt.value] : [])),
    };
  });
