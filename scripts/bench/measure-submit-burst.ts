import { maxInFlight } from "./in-flight.ts";
import { N1_TARGET_MS } from "./measurement.ts";
import { withStorageCheck, type PeakResult } from "./peak-result.ts";
import { prepareSignTokenise, receiptOf, residentInput, submit, type BenchTarget, type ReadySubmission, type StepFailure } from "./resident-client.ts";
import type { StaffClient } from "./staff-client.ts";

/**
 * Phase 2b, the worst case of N1: `count` submissions, each already prepared, signed and with its
 * card tokenised (untimed, one after the other), sent to the server in the same instant. Every one
 * verifies a CMS signature, authorises a card at the gateway and writes to SQLite in a transaction
 * with its outbox message, all at once: the server's own peak, without the test card in front of it.
 */
export const measureSubmitBurst = async (t: BenchTarget, staff: StaffClient, count: number): Promise<PeakResult> => {
  const ready: ReadySubmission[] = [];
  const setupFailures: StepFailure[] = [];
  for (let i = 0; i < count; i++) {
    const r = await prepareSignTokenise(t, residentInput());
    if (r.isOk()) ready.push(r.value);
    else setupFailures.push(r.error.failure);
  }
  return withStorageCheck(staff, async () => {
    const answers = await Promise.all(ready.map((r) => submit(t, r.body)));
    const receipts = answers.map(receiptOf);
    const failures = [...setupFailures, ...receipts.flatMap((r) => (r.isErr() ? [r.error] : []))];
    return {
      phase: "burst",
      label: `${count} pre-signed submissions at once`,
      submissions: count,
      failed: failures.length,
      maxInFlightSubmits: maxInFlight(answers.map((a) => ({ from: a.startedAt, to: a.startedAt + a.ms }))),
      measurements: [
        { name: "POST /api/applications (pre-signed)", phase: "burst", samples: answers.map((a) => a.ms), failures, targetMs: N1_TARGET_MS },
      ],
      receipts: receipts.flatMap((r) => (r.isOk() ? [r.value] : [])),
    };
  });
};
