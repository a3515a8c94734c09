import type { StepFailure } from "./resident-client.ts";

/** Requirement N1 (seed A/B): a response in about 3 seconds or better, even at peak. */
export const N1_TARGET_MS = 3000;

/** Which part of the run a row comes from. */
export type BenchPhase = "single" | "peak" | "burst" | "staff";

/** The latencies of one kind of request in one phase, and what went wrong. */
export interface Measurement {
  readonly name: string;
  readonly phase: BenchPhase;
  /** Latency of every request of this kind, failed ones included (a failure is a response too). */
  readonly samples: readonly number[];
  readonly failures: readonly StepFailure[];
  /** {@link N1_TARGET_MS} for madoguchi's own responses; `null` for what stands in for the resident's devices. */
  readonly targetMs: number | null;
}

/** One request and its failure, if it failed. */
export interface Timed {
  readonly ms: number;
  readonly failure: StepFailure | null;
}

/** Runs `once` n times, one after the other (each request alone on the server). */
export const sequentially = async (n: number, once: (i: number) => Promise<Timed>) => {
  const samples: number[] = [];
  const failures: StepFailure[] = [];
  for (let i = 0; i < n; i++) {
    const r = await once(i);
    samples.push(r.ms);
    if (r.failure !== null) failures.push(r.failure);
  }
  return { samples, failures };
};
