import { receiptOf, prepare, prepareSignTokenise, residentInput, stepFailure, submit, type BenchTarget, type ReadySubmission, type StepFailure } from "./resident-client.ts";
import { exchange } from "./exchange.ts";
import { N1_TARGET_MS, sequentially, type Measurement } from "./measurement.ts";

/**
 * Phase 1: latency of single requests, one at a time, on an otherwise idle server — the floor under
 * every peak figure. The submissions are made ready first (prepared, signed by the test card, card
 * tokenised: one per submission, since both the signature and the token are bound to one attempt),
 * so that the timed call is the server's own work: validation, CMS verification, card authorisation
 * at the gateway, encryption and the SQLite transaction with its outbox message.
 */
export const measureSingleRequests = async (t: BenchTarget, n: number): Promise<Measurement[]> => {
  const procedures = await sequentially(n, async () => {
    const r = await exchange(`${t.url}/api/procedures`);
    return { ms: r.ms, failure: r.status === 200 ? null : stepFailure("procedures", r) };
  });

  const prepares = await sequentially(n, async () => {
    const r = await prepare(t, residentInput());
    return { ms: r.ms, failure: r.status === 200 ? null : stepFailure("prepare", r) };
  });

  const ready: ReadySubmission[] = [];
  const setupFailures: StepFailure[] = [];
  for (let i = 0; i < n; i++) {
    const r = await prepareSignTokenise(t, residentInput());
    if (r.isOk()) ready.push(r.value);
    else setupFailures.push(r.error.failure);
  }
  const submits = await sequentially(ready.length, async (i) => {
    const r = await submit(t, ready[i]?.body);
    const receipt = receiptOf(r);
    return { ms: r.ms, failure: receipt.isErr() ? receipt.error : null };
  });

  return [
    { name: "GET /api/procedures", phase: "single", ...procedures, targetMs: N1_TARGET_MS },
    { name: "POST /api/applications/prepare", phase: "single", ...prepares, targetMs: N1_TARGET_MS },
    {
      name: "POST /api/applications (pre-signed)",
      phase: "single",
      samples: submits.samples,
      // A submission that could not be made ready is a failure of this row too: it was not measured.
      failures: [...setupFailures, ...submits.failures],
      targetMs: N1_TARGET_MS,
    },
  ];
};
