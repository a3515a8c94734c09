import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  applicationExpiresAt,
  applicationFinishedAt,
  purgeExpiredApplications,
  retentionCutoff,
  storageError,
  type Application,
  type ApplicationStatus,
} from "../../src/index.ts";
import { submittedApplication } from "../application-fixtures.ts";
import { FakeStore } from "../fakes.ts";

/** An application that entered `status` at `at` (ISO), with a later payment touch when `touchedAt` is given. */
const finished = (n: number, status: ApplicationStatus, at: string, touchedAt?: string): Application => {
  const base = submittedApplication({ id: `app-${n}` as Application["id"], receiptNumber: `20250101-R${n}` as Application["receiptNumber"], submissionKey: `key-${n}` });
  return {
    ...base,
    status,
    version: 2,
    history: [...base.history, { from: "submitted", to: status, at: new Date(at), by: { kind: "resident" }, reason: null }],
    updatedAt: new Date(touchedAt ?? at),
  };
};

const clockAt = (iso: string) => ({ now: () => new Date(iso) });

describe("addCalendarMonths", () => {
  it("moves by calendar months and clamps the day to the month's end", () => {
    expect(addCalendarMonths(new Date("2025-01-31T10:00:00Z"), 1).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(addCalendarMonths(new Date("2024-01-31T10:00:00Z"), 1).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(addCalendarMonths(new Date("2025-03-31T00:00:00Z"), -1).toISOString()).toBe("2025-02-28T00:00:00.000Z");
    expect(addCalendarMonths(new Date("2025-11-15T23:59:59.999Z"), 14).toISOString()).toBe("2027-01-15T23:59:59.999Z");
  });

  it("never gives a period shorter than its months: moving back then forth never passes the start", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), fc.integer({ min: 1, max: 1200 }), (d, m) => {
        expect(addCalendarMonths(addCalendarMonths(d, -m), m).getTime()).toBeLessThanOrEqual(d.getTime());
        expect(addCalendarMonths(d, m).getTime()).toBeGreaterThan(d.getTime());
      }),
    );
  });
});

describe("applicationFinishedAt", () => {
  it("is null while an application can still change (申請済・受付・処理中・差戻し)", () => {
    for (const status of ["submitted", "received", "processing", "returned"] as const) expect(applicationFinishedAt(finished(1, status, "2025-01-01T00:00:00Z"))).toBeNull();
  });

  it("is the time it entered 完了, 不受理 or 取下げ, not its last touch", () => {
    for (const status of ["completed", "rejected", "withdrawn"] as const) {
      expect(applicationFinishedAt(finished(1, status, "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"))?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    }
    expect(applicationExpiresAt(finished(1, "completed", "2025-01-31T00:00:00Z"), 13)?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});

describe("purgeExpiredApplications", () => {
  const now = "2026-06-15T00:00:00Z";

  it("deletes exactly the finished applications kept longer than the period, each with its audit entry", async () => {
    const store = new FakeStore();
    const old = finished(1, "completed", "2025-06-14T23:59:59Z");
    const oldWithdrawn = finished(2, "withdrawn", "2025-01-01T00:00:00Z");
    const recent = finished(3, "rejected", "2025-06-15T00:00:01Z");
    const oldButInProcess = { ...finished(4, "processing", "2020-01-01T00:00:00Z") };
    for (const a of [old, oldWithdrawn, recent, oldButInProcess]) store.rows.set(a.id, a);

    const outcome = (await purgeExpiredApplications({ applications: store, clock: clockAt(now) }, { months: 12, actor: { kind: "system", id: null }, sourceIp: null }))._unsafeUnwrap();

    expect(outcome.cutoff.toISOString()).toBe(retentionCutoff(new Date(now), 12).toISOString());
    expect(outcome.receiptNumbers).toEqual([oldWithdrawn.receiptNumber, old.receiptNumber]);
    expect([...store.rows.keys()].sort()).toEqual([recent.id, oldButInProcess.id].sort());
    expect(store.audit).toEqual([oldWithdrawn, old].map((a) => ({
      at: new Date(now),
      actor: { kind: "system", id: null },
      action: "application.purged",
      target: { kind: "application", id: a.id },
      result: "success",
      sourceIp: null,
      details: { receiptNumber: a.receiptNumber, procedureId: "juminhyo", status: a.status, finishedAt: applicationFinishedAt(a)!.toISOString(), retentionMonths: 12 },
    })));
    // The audit entries name the application, never the resident.
    expect(JSON.stringify(store.audit)).not.toContain(old.applicant.name);
    expect(JSON.stringify(store.audit)).not.toContain(old.applicant.email);
  });

  it("goes batch by batch until none is left, or stops after maxBatches for the next run", async () => {
    const store = new FakeStore();
    for (let i = 0; i < 5; i++) store.rows.set(`app-${i}`, finished(i, "completed", `2024-01-0${i + 1}T00:00:00Z`));
    const limited = (await purgeExpiredApplications({ applications: store, clock: clockAt(now) }, { months: 6, actor: { kind: "staff", id: "st-1" }, sourceIp: "192.0.2.1", batchSize: 2, maxBatches: 1 }))._unsafeUnwrap();
    expect(limited.purged).toBe(2);
    expect(store.rows.size).toBe(3);
    const rest = (await purgeExpiredApplications({ applications: store, clock: clockAt(now) }, { months: 6, actor: { kind: "staff", id: "st-1" }, sourceIp: "192.0.2.1", batchSize: 2 }))._unsafeUnwrap();
    expect(rest.purged).toBe(3);
    expect(store.rows.size).toBe(0);
    expect(store.audit.map((e) => e.actor)).toEqual(Array(5).fill({ kind: "staff", id: "st-1" }));
  });

  it("ends with what was done when a batch meets a concurrent change, and fails on a storage outage", async () => {
    const store = new FakeStore();
    store.rows.set("app-1", finished(1, "completed", "2024-01-01T00:00:00Z"));
    store.failNextPurge = storageError("application-store.purge", "conflict", "changed");
    const conflicted = await purgeExpiredApplications({ applications: store, clock: clockAt(now) }, { months: 6, actor: { kind: "system", id: null }, sourceIp: null });
    expect(conflicted._unsafeUnwrap().purged).toBe(0);
    store.failNextPurge = storageError("application-store.purge", "unavailable", "down");
    const down = await purgeExpiredApplications({ applications: store, clock: clockAt(now) }, { months: 6, actor: { kind: "system", id: null }, sourceIp: null });
    expect(down._unsafeUnwrapErr().reason).toBe("unavailable");
    expect(store.rows.size).toBe(1);
    expect(store.audit).toEqual([]);
  });
});
