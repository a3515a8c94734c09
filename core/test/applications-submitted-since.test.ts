import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { applicationsSubmittedSince, type Application, type ApplicationQuery } from "../src/index.ts";
import { submittedApplication } from "./application-fixtures.ts";

/** A store of `n` applications one hour apart, newest first as the port lists them, counting the pages read. */
const storeOf = (n: number) => {
  const t0 = Date.UTC(2026, 10, 24);
  const apps: Application[] = Array.from({ length: n }, (_, i) => ({ ...submittedApplication(), id: `app-${i}` as Application["id"], submittedAt: new Date(t0 - i * 3_600_000) }));
  const queries: ApplicationQuery[] = [];
  return {
    t0,
    queries,
    list: (q: ApplicationQuery) => {
      queries.push(q);
      const items = apps.slice(q.offset, q.offset + q.limit);
      return okAsync({ items, total: apps.length });
    },
  };
};

describe("applicationsSubmittedSince", () => {
  it("reads pages only until one reaches back past `since`, and keeps the filter", async () => {
    const store = storeOf(1000);
    const since = new Date(store.t0 - 249.5 * 3_600_000); // the newest 250
    const got = (await applicationsSubmittedSince(store, { statuses: ["submitted"] }, since, 100))._unsafeUnwrap();
    expect(got.map((a) => a.id)).toEqual(Array.from({ length: 250 }, (_, i) => `app-${i}`));
    expect(store.queries.map((q) => [q.offset, q.statuses])).toEqual([
      [0, ["submitted"]],
      [100, ["submitted"]],
      [200, ["submitted"]],
    ]);
  });

  it("stops at the last page when everything is recent, and answers none for an empty store", async () => {
    const store = storeOf(150);
    expect((await applicationsSubmittedSince(store, {}, new Date(0), 100))._unsafeUnwrap()).toHaveLength(150);
    expect(store.queries).toHaveLength(2);
    expect((await applicationsSubmittedSince(storeOf(0), {}, new Date(0)))._unsafeUnwrap()).toEqual([]);
  });
});
