import fc from "fast-check";
import { expect } from "vitest";
import { okValue, withStore, type ApplicationStoreCase } from "./application-store.harness.ts";
import { referenceList } from "./list-reference.ts";
import { applicationQueryArb, listableApplicationArb } from "./query.arbitraries.ts";
import { applicationArb } from "./application.arbitraries.ts";

/** `list` cases: filters, order, paging and totals against the reference semantics. */
export const listCases: readonly ApplicationStoreCase[] = [
  {
    name: "list filters by status and procedure, orders by submittedAt desc then id, pages with limit/offset and counts the total",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(listableApplicationArb, { maxLength: 14, selector: (a) => a.id }),
          fc.array(applicationQueryArb, { minLength: 1, maxLength: 4 }),
          async (apps, queries) =>
            withStore(make, async (store) => {
              for (const app of apps) await okValue(store.applications.insert(app, []));
              for (const query of queries) {
                expect(await okValue(store.applications.list(query))).toStrictEqual(referenceList(apps, query));
              }
            }),
        ),
        { numRuns: options.numRuns ?? 25 },
      ),
  },
  {
    name: "an application keeps the resident account that submitted it, and list by residentAccountId answers that account's only (R8)",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(applicationArb(), fc.constantFrom<string | null>("acct-a", "acct-b", null)), { minLength: 1, maxLength: 8, selector: ([a]) => a.id }),
          async (drawn) =>
            withStore(make, async (store) => {
              const apps = drawn.map(([app, owner]) => (owner === null ? app : { ...app, residentAccountId: owner }));
              for (const app of apps) await okValue(store.applications.insert(app, []));
              for (const app of apps) expect(await okValue(store.applications.findById(app.id))).toStrictEqual(app);
              for (const owner of ["acct-a", "acct-b", "acct-none"]) {
                const page = await okValue(store.applications.list({ residentAccountId: owner, limit: 50, offset: 0 }));
                const expected = apps.filter((a) => a.residentAccountId === owner).map((a) => a.id).sort();
                expect(page.items.map((a) => a.id).sort()).toStrictEqual(expected);
                expect(page.total).toBe(expected.length);
              }
            }),
        ),
        { numRuns: Math.min(options.numRuns ?? 25, 10) },
      ),
  },
  {
    name: "list on an empty store is an empty page with total 0",
    run: (make) =>
      withStore(make, async (store) => {
        expect(await okValue(store.applications.list({ limit: 10, offset: 0 }))).toStrictEqual({ items: [], total: 0 });
        expect(await okValue(store.applications.list({ statuses: [], limit: 10, offset: 0 }))).toStrictEqual({ items: [], total: 0 });
      }),
  },
];
