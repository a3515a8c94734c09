import fc from "fast-check";
import { expect } from "vitest";
import { applicationFinishedAt, type Application, type OutboxMessage } from "@madoguchi/core";
import { applicationArb, applyApplicationChange, timestampArb } from "./application.arbitraries.ts";
import { expectFindsEverywhere, dueIds } from "./crud.cases.ts";
import { errValue, expectStorageError, okValue, withStore, type ApplicationStoreCase } from "./application-store.harness.ts";

const runs = (options: { numRuns?: number }): { numRuns: number } => ({ numRuns: options.numRuns ?? 25 });

/** Reference of `listFinishedBefore`: finished before `before`, earliest finished first, then id (binary order). */
const finishedBefore = (apps: readonly Application[], before: Date, limit: number): Application[] =>
  apps
    .flatMap((a) => {
      const at = applicationFinishedAt(a);
      return at !== null && at.getTime() < before.getTime() ? [{ a, at }] : [];
    })
    .sort((x, y) => x.at.getTime() - y.at.getTime() || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
    .slice(0, limit)
    .map((f) => f.a);

/** Distinct applications (ids, receipt numbers and submission keys unique). */
const appsArb = (max: number) => fc.uniqueArray(applicationArb(), { maxLength: max, selector: (a) => a.id }).map((apps) => apps.map((a, i) => ({ ...a, receiptNumber: `${a.receiptNumber}-${i}`, submissionKey: `${a.submissionKey}-${i}` }) as Application));

const statusMail = (app: Application, n: number): OutboxMessage => ({
  id: `0c0c0c0c-0000-4000-8000-${String(n).padStart(12, "0")}`,
  kind: "application.status_changed",
  applicationId: app.id,
  status: app.status,
  createdAt: new Date("2026-01-01T00:00:00.000Z"),
});

const sampleApps = (n: number, seed: number): Application[] =>
  fc.sample(appsArb(n).filter((a) => a.length === n), { numRuns: 1, seed })[0] as Application[];

/** Retention cases (application-store@3, S4): finished applications found by their finish time and purged. */
export const retentionCases: readonly ApplicationStoreCase[] = [
  {
    name: "retention: listFinishedBefore returns the finished applications (完了・不受理・取下げ) before the time, earliest finished first, then id, at most limit",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(appsArb(8), timestampArb, fc.integer({ min: 1, max: 10 }), async (apps, before, limit) =>
          withStore(make, async (store) => {
            for (const a of apps) await okValue(store.applications.insert(a, []));
            expect(await okValue(store.applications.listFinishedBefore(before, limit))).toStrictEqual(finishedBefore(apps, before, limit));
          }),
        ),
        runs(options),
      ),
  },
  {
    name: "retention: applications finished at the same time come in id order (binary)",
    run: (make) =>
      withStore(make, async (store) => {
        const at = new Date("2026-05-06T07:08:09.010Z");
        const apps = sampleApps(5, 53).map((a) => ({ ...a, status: "withdrawn" as const, history: [...a.history, { from: a.status, to: "withdrawn" as const, at, by: { kind: "resident" as const }, reason: null }] }));
        for (const a of apps) await okValue(store.applications.insert(a, []));
        const ids = (await okValue(store.applications.listFinishedBefore(new Date(at.getTime() + 1), 10))).map((a) => a.id);
        expect(ids).toEqual(apps.map((a) => a.id).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      }),
  },
  {
    name: "retention: an update that finishes an application starts its retention at that change; one that reopens it stops it",
    run: (make) =>
      withStore(make, async (store) => {
        const [app] = sampleApps(1, 41) as [Application];
        const open = { ...app, status: "processing" as const, history: app.history.slice(0, 1).map((h) => ({ ...h, to: "submitted" as const })) };
        const inProcess = { ...open, history: [...open.history, { from: "submitted" as const, to: "processing" as const, at: new Date("2026-02-01T00:00:00.000Z"), by: { kind: "resident" as const }, reason: null }] };
        await okValue(store.applications.insert(inProcess, []));
        expect(await okValue(store.applications.listFinishedBefore(new Date("2999-01-01T00:00:00.000Z"), 10))).toEqual([]);
        const finishedAt = new Date("2026-03-04T05:06:07.089Z");
        const done = applyApplicationChange(inProcess, { to: "completed", at: finishedAt, by: { kind: "resident" }, reason: null, payment: null, extraAnswer: null });
        await okValue(store.applications.update(done, inProcess.version, []));
        expect(await okValue(store.applications.listFinishedBefore(finishedAt, 10))).toEqual([]);
        expect(await okValue(store.applications.listFinishedBefore(new Date(finishedAt.getTime() + 1), 10))).toStrictEqual([done]);
        const reopened = applyApplicationChange(done, { to: "processing", at: new Date("2026-03-05T00:00:00.000Z"), by: { kind: "resident" }, reason: null, payment: null, extraAnswer: null });
        await okValue(store.applications.update(reopened, done.version, []));
        expect(await okValue(store.applications.listFinishedBefore(new Date("2999-01-01T00:00:00.000Z"), 10))).toEqual([]);
      }),
  },
  {
    name: "retention: purge deletes the applications and their outbox messages for good; the others stay as they were",
    run: (make) =>
      withStore(make, async (store) => {
        const [gone, kept, alsoGone] = sampleApps(3, 43) as [Application, Application, Application];
        await okValue(store.applications.insert(gone, [statusMail(gone, 1)]));
        await okValue(store.applications.insert(kept, [statusMail(kept, 2)]));
        await okValue(store.applications.insert(alsoGone, [statusMail(alsoGone, 3)]));
        await okValue(store.applications.purge([{ id: gone.id, version: gone.version }, { id: alsoGone.id, version: alsoGone.version }], []));
        await expectFindsEverywhere(store, gone, null);
        await expectFindsEverywhere(store, alsoGone, null);
        await expectFindsEverywhere(store, kept, kept);
        expect((await okValue(store.applications.list({ limit: 10, offset: 0 }))).items).toStrictEqual([kept]);
        expect(await okValue(store.applications.listFinishedBefore(new Date("2999-01-01T00:00:00.000Z"), 10))).toStrictEqual(finishedBefore([kept], new Date("2999-01-01T00:00:00.000Z"), 10));
        expect(await dueIds(store)).toEqual([statusMail(kept, 2).id]);
        // The receipt number and submission key are free again: nothing of the purged row is left behind.
        await okValue(store.applications.insert(gone, []));
      }),
  },
  {
    name: "retention: purge is all or nothing — a target gone or at another version deletes nothing (conflict)",
    run: (make) =>
      withStore(make, async (store) => {
        const [a, b] = sampleApps(2, 47) as [Application, Application];
        await okValue(store.applications.insert(a, []));
        await okValue(store.applications.insert(b, []));
        expectStorageError(await errValue(store.applications.purge([{ id: a.id, version: a.version }, { id: b.id, version: b.version + 1 }], [])), "conflict");
        expectStorageError(await errValue(store.applications.purge([{ id: a.id, version: a.version }, { id: `${b.id}-absent` as Application["id"], version: 1 }], [])), "conflict");
        expectStorageError(await errValue(store.applications.purge([{ id: a.id, version: a.version }, { id: a.id, version: a.version }], [])), "conflict");
        await expectFindsEverywhere(store, a, a);
        await expectFindsEverywhere(store, b, b);
      }),
  },
];
