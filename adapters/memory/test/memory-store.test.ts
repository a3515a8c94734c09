import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Application } from "@madoguchi/core";
import { applicationArb, staffAccountArb } from "@madoguchi/conformance/application-store";
import { createMemoryStore } from "../src/index.ts";

describe("createMemoryStore", () => {
  it("fails every call with StorageError{unavailable} once closed, like a closed pool", async () => {
    const store = createMemoryStore();
    const [app] = fc.sample(applicationArb(), { numRuns: 1, seed: 1 }) as [Application];
    await store.close();
    const results = [
      await store.applications.insert(app, []),
      await store.applications.findById(app.id),
      await store.applications.list({ limit: 1, offset: 0 }),
      await store.applications.healthCheck(),
      await store.outbox.due(new Date(), 1),
      await store.staff.count(),
      await store.staff.insert(fc.sample(staffAccountArb, { numRuns: 1, seed: 2 })[0]!),
    ];
    for (const r of results) expect(r._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "unavailable", retryable: true });
  });

  it("keeps stores apart: two stores share nothing", async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    const [app] = fc.sample(applicationArb(), { numRuns: 1, seed: 3 }) as [Application];
    (await a.applications.insert(app, []))._unsafeUnwrap();
    expect((await b.applications.findById(app.id))._unsafeUnwrap()).toBeNull();
  });
});
