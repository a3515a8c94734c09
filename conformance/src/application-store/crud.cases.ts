import fc from "fast-check";
import { expect } from "vitest";
import { APPLICATION_STORE_CONTRACT, type Application, type OutboxMessage } from "@madoguchi/core";
import { applicationArb, applicationChangeArb, outboxMessageArb } from "./application.arbitraries.ts";
import { errValue, expectStorageError, okValue, withStore, type ApplicationStoreCase, type ApplicationStoreUnderTest } from "./application-store.harness.ts";

const FAR_FUTURE = new Date("2999-01-01T00:00:00.000Z");

/** All three finders return exactly `expected` (or null). */
export const expectFindsEverywhere = async (store: ApplicationStoreUnderTest, key: Application, expected: Application | null): Promise<void> => {
  expect(await okValue(store.applications.findById(key.id))).toStrictEqual(expected);
  expect(await okValue(store.applications.findByReceiptNumber(key.receiptNumber))).toStrictEqual(expected);
  expect(await okValue(store.applications.findBySubmissionKey(key.submissionKey))).toStrictEqual(expected);
};

/** Ids of outbox messages due at the end of time. */
export const dueIds = async (store: ApplicationStoreUnderTest): Promise<string[]> =>
  (await okValue(store.outbox.due(FAR_FUTURE, 10_000))).map((e) => e.message.id);

const appWithMessages = fc
  .tuple(applicationArb(), fc.integer({ min: 0, max: 3 }))
  .chain(([app, n]) => fc.tuple(fc.constant(app), fc.uniqueArray(outboxMessageArb(app.id), { minLength: n, maxLength: n, selector: (m) => m.id })));

const runs = (options: { numRuns?: number }): { numRuns: number } => ({ numRuns: options.numRuns ?? 25 });

/** Insert, find and update cases. */
export const crudCases: readonly ApplicationStoreCase[] = [
  {
    name: "declares the application-store@3 contract",
    run: (make) => withStore(make, async (store) => expect(store.applications.meta.contract).toBe(APPLICATION_STORE_CONTRACT)),
  },
  {
    name: "passes its health check",
    run: (make) => withStore(make, async (store) => okValue(store.applications.healthCheck())),
  },
  {
    name: "insert then findById / findByReceiptNumber / findBySubmissionKey return a deep-equal application (Dates kept)",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(appWithMessages, async ([app, messages]) =>
          withStore(make, async (store) => {
            await okValue(store.applications.insert(app, messages));
            await expectFindsEverywhere(store, app, app);
            const found = await okValue(store.applications.findById(app.id));
            expect(found?.submittedAt).toBeInstanceOf(Date);
            expect(found?.history[0]?.at).toBeInstanceOf(Date);
          }),
        ),
        runs(options),
      ),
  },
  {
    name: "finders return null for absent applications",
    run: (make) =>
      withStore(make, async (store) => {
        const [app, other] = fc.sample(applicationArb(), { numRuns: 2, seed: 7 }) as [Application, Application];
        await expectFindsEverywhere(store, other, null);
        await okValue(store.applications.insert(app, []));
        await expectFindsEverywhere(store, other, null);
      }),
  },
  {
    name: "callers cannot change stored state by mutating what they passed in or got back",
    run: (make) =>
      withStore(make, async (store) => {
        const [app] = fc.sample(applicationArb(), { numRuns: 1, seed: 11 }) as [Application];
        const original = structuredClone(app);
        await okValue(store.applications.insert(app, []));
        const mutable = app as unknown as { applicant: { name: string }; history: unknown[]; submittedAt: Date };
        mutable.applicant.name = "changed after insert";
        mutable.history.push({});
        mutable.submittedAt.setTime(0);
        const found = (await okValue(store.applications.findById(original.id))) as unknown as typeof mutable;
        expect(found).toStrictEqual(original);
        found.applicant.name = "changed after find";
        found.submittedAt.setTime(1);
        expect(await okValue(store.applications.findById(original.id))).toStrictEqual(original);
      }),
  },
  {
    name: "insert with a duplicate id, receipt number or submission key is a conflict and writes nothing (outbox neither)",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          applicationArb(),
          applicationArb(),
          fc.constantFrom("id", "receiptNumber", "submissionKey"),
          fc.uuid(),
          async (first, second, field, messageId) =>
            withStore(make, async (store) => {
              await okValue(store.applications.insert(first, []));
              const duplicate: Application = { ...second, [field]: first[field] };
              const message: OutboxMessage = { id: messageId, kind: "application.status_changed", applicationId: duplicate.id, status: "submitted", createdAt: duplicate.submittedAt };
              const error = await errValue(store.applications.insert(duplicate, [message]));
              expectStorageError(error, "conflict");
              await expectFindsEverywhere(store, first, first);
              if (field !== "id") expect(await okValue(store.applications.findById(duplicate.id))).toBeNull();
              if (field !== "receiptNumber") expect(await okValue(store.applications.findByReceiptNumber(duplicate.receiptNumber))).toBeNull();
              if (field !== "submissionKey") expect(await okValue(store.applications.findBySubmissionKey(duplicate.submissionKey))).toBeNull();
              expect(await dueIds(store)).toEqual([]);
            }),
        ),
        runs(options),
      ),
  },
  {
    name: "insert whose outbox message id already exists is a conflict and writes nothing",
    run: (make) =>
      withStore(make, async (store) => {
        const [a, b] = fc.sample(applicationArb(), { numRuns: 2, seed: 13 }) as [Application, Application];
        const message: OutboxMessage = { id: "c0ffee00-0000-4000-8000-000000000001", kind: "application.status_changed", applicationId: a.id, status: "submitted", createdAt: a.submittedAt };
        await okValue(store.applications.insert(a, [message]));
        expectStorageError(await errValue(store.applications.insert(b, [{ ...message, applicationId: b.id }])), "conflict");
        await expectFindsEverywhere(store, b, null);
        expect(await dueIds(store)).toEqual([message.id]);
      }),
  },
  {
    name: "update with the stored version replaces the application and writes its outbox messages",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          applicationArb().chain((app) => fc.tuple(fc.constant(app), applicationChangeArb(app))),
          fc.uuid(),
          async ([app, changed], messageId) =>
            withStore(make, async (store) => {
              await okValue(store.applications.insert(app, []));
              const message: OutboxMessage = { id: messageId, kind: "application.status_changed", applicationId: app.id, status: changed.status, createdAt: changed.updatedAt };
              await okValue(store.applications.update(changed, app.version, [message]));
              await expectFindsEverywhere(store, changed, changed);
              expect(await dueIds(store)).toEqual([messageId]);
            }),
        ),
        runs(options),
      ),
  },
  {
    name: "update with a stale version is a ConcurrentModification and writes nothing (outbox neither)",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          applicationArb().chain((app) => fc.tuple(fc.constant(app), applicationChangeArb(app), applicationChangeArb(app))),
          fc.uuid(),
          async ([app, first, second], messageId) =>
            withStore(make, async (store) => {
              await okValue(store.applications.insert(app, []));
              await okValue(store.applications.update(first, app.version, []));
              const message: OutboxMessage = { id: messageId, kind: "application.status_changed", applicationId: app.id, status: second.status, createdAt: second.updatedAt };
              const error = await errValue(store.applications.update(second, app.version, [message]));
              expect(error).toMatchObject({ _tag: "ConcurrentModification", code: "application.concurrent_modification", id: app.id, expectedVersion: app.version });
              await expectFindsEverywhere(store, first, first);
              expect(await dueIds(store)).toEqual([]);
            }),
        ),
        runs(options),
      ),
  },
  {
    name: "update of an application that does not exist is a ConcurrentModification and writes nothing",
    run: (make) =>
      withStore(make, async (store) => {
        const [app] = fc.sample(applicationArb({ version: 2 }), { numRuns: 1, seed: 17 }) as [Application];
        const message: OutboxMessage = { id: "c0ffee00-0000-4000-8000-000000000002", kind: "application.status_changed", applicationId: app.id, status: app.status, createdAt: app.updatedAt };
        const error = await errValue(store.applications.update(app, 1, [message]));
        expect(error).toMatchObject({ _tag: "ConcurrentModification", id: app.id, expectedVersion: 1 });
        await expectFindsEverywhere(store, app, null);
        expect(await dueIds(store)).toEqual([]);
      }),
  },
  {
    name: "update whose version is not expectedVersion + 1 is refused (thrown or Err) and writes nothing",
    run: (make) =>
      withStore(make, async (store) => {
        const [app] = fc.sample(applicationArb(), { numRuns: 1, seed: 19 }) as [Application];
        await okValue(store.applications.insert(app, []));
        const wrong: Application = { ...app, status: "received", version: app.version + 2 };
        let refused = false;
        try {
          refused = (await store.applications.update(wrong, app.version, [])).isErr();
        } catch {
          refused = true;
        }
        expect(refused).toBe(true);
        await expectFindsEverywhere(store, app, app);
      }),
  },
  {
    name: "two concurrent updates from the same version: exactly one wins, the store holds the winner",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(
          applicationArb().chain((app) => fc.tuple(fc.constant(app), applicationChangeArb(app), applicationChangeArb(app))),
          async ([app, a, b]) =>
            withStore(make, async (store) => {
              await okValue(store.applications.insert(app, []));
              const messageA: OutboxMessage = { id: "aaaaaaaa-0000-4000-8000-000000000000", kind: "application.status_changed", applicationId: app.id, status: a.status, createdAt: a.updatedAt };
              const messageB: OutboxMessage = { id: "bbbbbbbb-0000-4000-8000-000000000000", kind: "application.status_changed", applicationId: app.id, status: b.status, createdAt: b.updatedAt };
              const [ra, rb] = await Promise.all([store.applications.update(a, app.version, [messageA]), store.applications.update(b, app.version, [messageB])]);
              expect([ra.isOk(), rb.isOk()].filter(Boolean)).toHaveLength(1);
              const loser = ra.isOk() ? rb : ra;
              expect(loser.isErr() && loser.error._tag).toBe("ConcurrentModification");
              const winner = ra.isOk() ? a : b;
              await expectFindsEverywhere(store, winner, winner);
              expect(await dueIds(store)).toEqual([ra.isOk() ? messageA.id : messageB.id]);
            }),
        ),
        runs(options),
      ),
  },
];
