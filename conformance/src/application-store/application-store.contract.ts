import { describe, it } from "vitest";
import { canaryCases } from "./canary.cases.ts";
import { crudCases } from "./crud.cases.ts";
import type { ApplicationStoreCase, ApplicationStoreContractOptions, MakeApplicationStore } from "./application-store.harness.ts";
import { listCases } from "./list.cases.ts";
import { modelCases } from "./model.cases.ts";
import { outboxCases } from "./outbox.cases.ts";
import { retentionCases } from "./retention.cases.ts";

/** Every case of the application-store contract, in report order. */
export const applicationStoreCases: readonly ApplicationStoreCase[] = [...crudCases, ...outboxCases, ...listCases, ...retentionCases, ...modelCases, ...canaryCases];

/**
 * Registers the application-store contract (`application-store@3`, with the outbox it writes) as
 * vitest tests. The in-memory reference adapter runs it first; every persistent adapter runs the
 * same cases, and vendors run it against theirs.
 *
 * @param name - adapter name shown in the report
 * @param makeAdapter - returns a FRESH, empty store on every call (per test and per property case);
 *   give `rawRead` when the adapter persists bytes, to run the plaintext-canary case
 */
export const describeApplicationStoreContract = (
  name: string,
  makeAdapter: MakeApplicationStore,
  options: ApplicationStoreContractOptions = {},
): void => {
  describe(`application-store contract: ${name}`, () => {
    for (const c of applicationStoreCases) {
      it(c.name, (ctx) => c.run(makeAdapter, options, { skip: (note) => ctx.skip(note) }), options.testTimeout);
    }
  });
};
