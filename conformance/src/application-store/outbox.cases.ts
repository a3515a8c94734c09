import fc from "fast-check";
import { expect } from "vitest";
import type { Application, OutboxMessage } from "@madoguchi/core";
import { applicationArb, timestampArb } from "./application.arbitraries.ts";
import { okValue, withStore, type ApplicationStoreCase } from "./application-store.harness.ts";

const END_OF_TIME = new Date("2999-01-01T00:00:00.000Z");

const message = (app: Application, id: string, createdAt: Date): OutboxMessage => ({
  id,
  kind: "application.status_changed",
  applicationId: app.id,
  status: app.status,
  createdAt,
});

const sampleApp = (seed: number): Application => fc.sample(applicationArb(), { numRuns: 1, seed })[0] as Application;

/** Reference order of `due`: createdAt ascending, then id (binary order). */
const oldestFirst = (a: OutboxMessage, b: OutboxMessage): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Outbox cases: messages written with insert/update are delivered through `OutboxStore`. */
export const outboxCases: readonly ApplicationStoreCase[] = [
  {
    name: "outbox: a new message is due from its createdAt, with no attempts, not sent and no error",
    run: (make) =>
      withStore(make, async (store) => {
        const app = sampleApp(23);
        const m = message(app, "0b0b0b0b-0000-4000-8000-000000000001", new Date("2026-11-23T01:02:03.456Z"));
        await okValue(store.applications.insert(app, [m]));
        expect(await okValue(store.outbox.due(new Date("2026-11-23T01:02:03.455Z"), 10))).toEqual([]);
        expect(await okValue(store.outbox.due(m.createdAt, 10))).toStrictEqual([
          { message: m, attempts: 0, nextAttemptAt: m.createdAt, sentAt: null, lastError: null },
        ]);
      }),
  },
  {
    name: "outbox: due(now, limit) returns the due messages oldest first, at most limit",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(fc.uuid(), timestampArb), { minLength: 0, maxLength: 8, selector: ([id]) => id }),
          timestampArb,
          fc.integer({ min: 1, max: 10 }),
          async (specs, now, limit) =>
            withStore(make, async (store) => {
              const app = sampleApp(29);
              const messages = specs.map(([id, at]) => message(app, id, at));
              const half = Math.floor(messages.length / 2);
              await okValue(store.applications.insert(app, messages.slice(0, half)));
              await okValue(store.applications.update({ ...app, version: app.version + 1 }, app.version, messages.slice(half)));
              const expected = messages.filter((m) => m.createdAt.getTime() <= now.getTime()).sort(oldestFirst).slice(0, limit);
              const due = await okValue(store.outbox.due(now, limit));
              expect(due.map((e) => e.message)).toStrictEqual(expected);
            }),
        ),
        { numRuns: options.numRuns ?? 25 },
      ),
  },
  {
    name: "outbox: markSent removes a message from due for good",
    run: (make) =>
      withStore(make, async (store) => {
        const app = sampleApp(31);
        const a = message(app, "0b0b0b0b-0000-4000-8000-00000000000a", new Date("2026-01-01T00:00:00.000Z"));
        const b = message(app, "0b0b0b0b-0000-4000-8000-00000000000b", new Date("2026-01-02T00:00:00.000Z"));
        await okValue(store.applications.insert(app, [a, b]));
        await okValue(store.outbox.markSent(a.id, new Date("2026-01-03T00:00:00.000Z")));
        expect((await okValue(store.outbox.due(END_OF_TIME, 10))).map((e) => e.message.id)).toEqual([b.id]);
      }),
  },
  {
    name: "outbox: markFailed counts the attempt, keeps the error and postpones the message",
    run: (make) =>
      withStore(make, async (store) => {
        const app = sampleApp(37);
        const m = message(app, "0b0b0b0b-0000-4000-8000-0000000000f1", new Date("2026-01-01T00:00:00.000Z"));
        const other = message(app, "0b0b0b0b-0000-4000-8000-0000000000f2", new Date("2026-01-01T00:00:01.000Z"));
        await okValue(store.applications.insert(app, [m, other]));
        const retryAt = new Date("2026-01-01T00:05:00.000Z");
        await okValue(store.outbox.markFailed(m.id, retryAt, "smtp: 451 try again later"));
        expect((await okValue(store.outbox.due(new Date("2026-01-01T00:04:59.999Z"), 10))).map((e) => e.message.id)).toEqual([other.id]);
        const due = await okValue(store.outbox.due(retryAt, 10));
        expect(due.map((e) => e.message.id)).toEqual([m.id, other.id]);
        expect(due[0]).toStrictEqual({ message: m, attempts: 1, nextAttemptAt: retryAt, sentAt: null, lastError: "smtp: 451 try again later" });
        const later = new Date("2026-01-01T01:00:00.000Z");
        await okValue(store.outbox.markFailed(m.id, later, "timeout"));
        expect((await okValue(store.outbox.due(later, 1)))[0]).toMatchObject({ attempts: 2, nextAttemptAt: later, lastError: "timeout" });
        await okValue(store.outbox.markSent(m.id, later));
        expect((await okValue(store.outbox.due(END_OF_TIME, 10))).map((e) => e.message.id)).toEqual([other.id]);
      }),
  },
];
