import { exchange } from "./exchange.ts";
import { residentFlow, type BenchTarget } from "./resident-client.ts";

/**
 * Untimed complete flows and reads before anything is measured: the first requests pay for JIT
 * compilation, lazy imports and SQLite's cold pages, which a running municipality's server has long
 * paid. Failures here show up again, counted, in the measured phases.
 */
export const warmUp = async (t: BenchTarget, flows: number): Promise<void> => {
  for (let i = 0; i < flows; i++) {
    await exchange(`${t.url}/api/procedures`);
    await residentFlow(t);
  }
};
