import fc from "fast-check";
import { expect } from "vitest";
import { ApplicationId, ReceiptNumber, type Application, type ApplicationQuery } from "@madoguchi/core";
import { applicationChangeSpecArb, applyApplicationChange, type ApplicationChange } from "./application.arbitraries.ts";
import { errValue, expectStorageError, okValue, withStore, type ApplicationStoreCase, type ApplicationStoreUnderTest } from "./application-store.harness.ts";
import { referenceList } from "./list-reference.ts";
import { applicationQueryArb, listableApplicationArb } from "./query.arbitraries.ts";

/** The in-memory reference model: applications by id. */
interface Model {
  readonly apps: Map<string, Application>;
}

type StoreCommand = fc.AsyncCommand<Model, ApplicationStoreUnderTest>;

const pick = (model: Model, index: number): Application | undefined => {
  const all = [...model.apps.values()];
  return all.length === 0 ? undefined : all[index % all.length];
};

type UniqueField = "id" | "receiptNumber" | "submissionKey";

const insertCommand = (base: Application, collision: { field: UniqueField; index: number } | null): StoreCommand => ({
  check: () => true,
  run: async (model, real) => {
    const other = collision === null ? undefined : pick(model, collision.index);
    const app: Application = other === undefined || collision === null ? base : { ...base, [collision.field]: other[collision.field] };
    const clashes = [...model.apps.values()].some(
      (a) => a.id === app.id || a.receiptNumber === app.receiptNumber || a.submissionKey === app.submissionKey,
    );
    if (clashes) {
      expectStorageError(await errValue(real.applications.insert(app, [])), "conflict");
    } else {
      await okValue(real.applications.insert(app, []));
      model.apps.set(app.id, app);
    }
  },
  toString: () => `insert(${base.id}${collision === null ? "" : `, clash ${collision.field}#${collision.index}`})`,
});

const updateCommand = (index: number, change: ApplicationChange, staleBy: number): StoreCommand => ({
  check: (model) => model.apps.size > 0,
  run: async (model, real) => {
    const current = pick(model, index);
    if (current === undefined) throw new Error("check() guarantees an application");
    const next = applyApplicationChange(current, change);
    const expectedVersion = current.version - staleBy;
    if (staleBy === 0) {
      await okValue(real.applications.update(next, expectedVersion, []));
      model.apps.set(next.id, next);
    } else {
      // A stale writer read an older version; `next` still carries expectedVersion + 1.
      const stale = { ...next, version: expectedVersion + 1 };
      const error = await errValue(real.applications.update(stale, expectedVersion, []));
      expect(error).toMatchObject({ _tag: "ConcurrentModification", id: current.id, expectedVersion });
    }
  },
  toString: () => `update(#${index}, to ${change.to}${staleBy === 0 ? "" : `, stale by ${staleBy}`})`,
});

const findCommand = (index: number, by: UniqueField, absent: boolean): StoreCommand => ({
  check: () => true,
  run: async (model, real) => {
    const target = absent ? undefined : pick(model, index);
    const result =
      by === "id"
        ? real.applications.findById(target?.id ?? ApplicationId("ffffffff-ffff-4fff-8fff-ffffffffffff"))
        : by === "receiptNumber"
          ? real.applications.findByReceiptNumber(target?.receiptNumber ?? ReceiptNumber("00000000-ABSENT"))
          : real.applications.findBySubmissionKey(target?.submissionKey ?? "absent-submission-key");
    expect(await okValue(result)).toStrictEqual(target ?? null);
  },
  toString: () => `find(${absent ? "absent" : `#${index}`} by ${by})`,
});

const listCommand = (query: ApplicationQuery): StoreCommand => ({
  check: () => true,
  run: async (model, real) => {
    expect(await okValue(real.applications.list(query))).toStrictEqual(referenceList(model.apps.values(), query));
  },
  toString: () => `list(${JSON.stringify(query)})`,
});

const uniqueFieldArb = fc.constantFrom<UniqueField>("id", "receiptNumber", "submissionKey");

const insertArb = fc
  .tuple(
    listableApplicationArb,
    // One insert in five reuses a unique key of a stored application and must be refused.
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ field: uniqueFieldArb, index: fc.nat() }, { noNullPrototype: true }) },
    ),
  )
  .map(([app, collision]) => insertCommand(app, collision));
const listArb = applicationQueryArb.map(listCommand);

// Inserts and lists are listed twice: sequences then build up enough applications (with tied
// submission times) for ordering and paging mistakes to show.
const commandArbs: fc.Arbitrary<StoreCommand>[] = [
  insertArb,
  insertArb,
  fc
    .tuple(fc.nat(), applicationChangeSpecArb, fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }))
    .map(([index, change, staleBy]) => updateCommand(index, change, staleBy)),
  fc.tuple(fc.nat(), uniqueFieldArb, fc.boolean()).map(([index, by, absent]) => findCommand(index, by, absent)),
  listArb,
  listArb,
];

/** The model-based case: random command sequences against the in-memory reference model. */
export const modelCases: readonly ApplicationStoreCase[] = [
  {
    name: "model-based: random insert/update/find/list sequences agree with the reference model",
    run: (make, options) =>
      fc.assert(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 25, size: "max" }), async (commands) =>
          withStore(make, (store) => fc.asyncModelRun(() => ({ model: { apps: new Map() }, real: store }), commands)),
        ),
        { numRuns: options.modelRuns ?? 15, ...(options.seed === undefined ? {} : { seed: options.seed }) },
      ),
  },
];
