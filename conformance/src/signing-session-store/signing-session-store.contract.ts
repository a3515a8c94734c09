import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SIGNING_SESSION_STORE_CONTRACT, type SigningSessionKind, type SigningSessionRecord, type SigningSessionStore } from "@madoguchi/core";
import { okValue, storageErrorOf, withHarness, type StoreHarness } from "../shared/store-harness.ts";

/** A fresh, empty store for one test or one generated case; `rawRead`, when the adapter persists, reads a record's stored bytes as they are at rest. */
export interface SigningSessionStoreHarness extends StoreHarness<SigningSessionStore> {
  readonly rawRead?: (kind: SigningSessionKind, id: string) => Promise<string>;
}

/** Builds a {@link SigningSessionStoreHarness} on an empty database. */
export type MakeSigningSessionStore = () => Promise<SigningSessionStoreHarness>;

/** Tuning of {@link describeSigningSessionStoreContract}. */
export interface SigningSessionStoreContractOptions {
  /** fast-check runs of the model-based property (default 25). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

const id = (n: number) => `s${n.toString(36).padStart(42, "0")}`;
const hash = (n: number) => n.toString(16).padStart(64, "0");
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 3, minute, 0));
const record = (n: number, over: Partial<SigningSessionRecord> = {}): SigningSessionRecord => ({
  kind: "draft",
  id: id(n),
  lookupKey: null,
  expiresAt: at(10),
  data: JSON.stringify({ n, canonicalJson: "高橋 吉子 𠮷 みほん県", verifier: `verifier-${n}` }),
  ...over,
});

/**
 * The contract every {@link SigningSessionStore} adapter passes: records come back exactly (data,
 * lookup key, expiry, version 1), per kind; ids and lookup keys are unique per kind (conflict, the first
 * stays); `replace` is compare-and-set on the version — of two writers at one version exactly one wins;
 * `removeExpired` forgets exactly the records expired at the instant; a persisting adapter keeps the
 * data sealed at rest (raw-read hook). A model-based property checks random sequences against a map.
 */
export const describeSigningSessionStoreContract = (name: string, make: MakeSigningSessionStore, options: SigningSessionStoreContractOptions = {}): void => {
  const timeout = options.testTimeout ?? 20_000;
  const use = (run: (store: SigningSessionStore, harness: SigningSessionStoreHarness) => Promise<void>) => withHarness(make, (h) => run(h.store, h));

  describe(`${SIGNING_SESSION_STORE_CONTRACT} contract: ${name}`, () => {
    it("declares its contract and is healthy", async () => {
      await use(async (store) => {
        expect(store.meta.contract).toBe(SIGNING_SESSION_STORE_CONTRACT);
        await okValue(store.healthCheck());
      });
    }, timeout);

    it("gives back exactly what was stored, at version 1, by id and by lookup key, per kind", async () => {
      await use(async (store) => {
        const draft = record(1, { lookupKey: hash(1) });
        const signer = record(1, { kind: "signer", data: '{"state":"s"}', expiresAt: at(20) });
        await okValue(store.insert(draft));
        await okValue(store.insert(signer)); // the same id in another kind is another record
        expect(await okValue(store.get("draft", draft.id))).toEqual({ ...draft, version: 1 });
        expect(await okValue(store.get("signer", draft.id))).toEqual({ ...signer, version: 1 });
        expect(await okValue(store.findByLookupKey("draft", hash(1)))).toEqual({ ...draft, version: 1 });
        expect(await okValue(store.findByLookupKey("signer", hash(1)))).toBeNull();
        expect(await okValue(store.get("draft", id(2)))).toBeNull();
        expect(await okValue(store.findByLookupKey("draft", hash(2)))).toBeNull();
        // An expired record is still answered until it is removed.
        expect((await okValue(store.get("signer", draft.id)))?.expiresAt).toEqual(at(20));
      });
    }, timeout);

    it("refuses an id or a lookup key taken in the kind (conflict), and keeps the first", async () => {
      await use(async (store) => {
        await okValue(store.insert(record(1, { lookupKey: hash(1) })));
        expect((await storageErrorOf(store.insert(record(1, { data: "{}" })))).reason).toBe("conflict");
        expect((await storageErrorOf(store.insert(record(2, { lookupKey: hash(1) })))).reason).toBe("conflict");
        expect(await okValue(store.get("draft", id(2)))).toBeNull();
        expect((await okValue(store.get("draft", id(1))))?.data).toBe(record(1).data);
        // Records without a lookup key never conflict on it; another kind may use the same key.
        await okValue(store.insert(record(3)));
        await okValue(store.insert(record(4)));
        await okValue(store.insert(record(5, { kind: "signer", lookupKey: hash(1) })));
      });
    }, timeout);

    it("replaces only at the expected version: the new version, or null (stale or absent), the record unchanged", async () => {
      await use(async (store) => {
        await okValue(store.insert(record(1, { lookupKey: hash(1) })));
        const next = record(1, { lookupKey: hash(2), expiresAt: at(30), data: '{"state":"signed"}' });
        expect(await okValue(store.replace(next, 1))).toBe(2);
        expect(await okValue(store.get("draft", id(1)))).toEqual({ ...next, version: 2 });
        // The lookup key moved with it.
        expect(await okValue(store.findByLookupKey("draft", hash(1)))).toBeNull();
        expect((await okValue(store.findByLookupKey("draft", hash(2))))?.id).toBe(id(1));
        expect(await okValue(store.replace({ ...next, data: '{"state":"failed"}' }, 1))).toBeNull();
        expect((await okValue(store.get("draft", id(1))))?.data).toBe('{"state":"signed"}');
        expect(await okValue(store.replace(record(9), 1))).toBeNull();
        expect(await okValue(store.get("draft", id(9)))).toBeNull();
        // A lookup key another record holds is a conflict.
        await okValue(store.insert(record(2, { lookupKey: hash(7) })));
        expect((await storageErrorOf(store.replace({ ...next, lookupKey: hash(7) }, 2))).reason).toBe("conflict");
        expect((await okValue(store.findByLookupKey("draft", hash(7))))?.id).toBe(id(2));
      });
    }, timeout);

    it("of two writers at one version, exactly one wins", async () => {
      await use(async (store) => {
        await okValue(store.insert(record(1)));
        const results = await Promise.all([store.replace(record(1, { data: '{"by":"a"}' }), 1), store.replace(record(1, { data: '{"by":"b"}' }), 1)]);
        const versions = results.map((r) => r._unsafeUnwrap());
        expect(versions.filter((v) => v === 2)).toHaveLength(1);
        expect(versions.filter((v) => v === null)).toHaveLength(1);
        const winner = versions[0] === 2 ? '{"by":"a"}' : '{"by":"b"}';
        expect((await okValue(store.get("draft", id(1))))?.data).toBe(winner);
      });
    }, timeout);

    it("removes one record, and every record expired at the instant (both kinds), and counts them", async () => {
      await use(async (store) => {
        await okValue(store.insert(record(1, { expiresAt: at(5) })));
        await okValue(store.insert(record(2, { expiresAt: at(6) })));
        await okValue(store.insert(record(3, { kind: "signer", expiresAt: at(5) })));
        await okValue(store.insert(record(4, { expiresAt: at(7) })));
        expect(await okValue(store.remove("draft", id(4)))).toBe(true);
        expect(await okValue(store.remove("draft", id(4)))).toBe(false);
        expect(await okValue(store.remove("signer", id(1)))).toBe(false);
        expect(await okValue(store.removeExpired(at(5)))).toBe(2);
        expect(await okValue(store.get("draft", id(1)))).toBeNull();
        expect(await okValue(store.get("signer", id(3)))).toBeNull();
        expect((await okValue(store.get("draft", id(2))))?.version).toBe(1);
        expect(await okValue(store.removeExpired(at(5)))).toBe(0);
      });
    }, timeout);

    it("keeps the data sealed at rest when it persists (raw read): no plaintext of it in the stored record", async () => {
      await use(async (store, harness) => {
        await okValue(store.insert(record(1, { lookupKey: hash(1) })));
        await okValue(store.replace(record(1, { data: '{"verifier":"pkce-verifier-value-1234567890"}' }), 1));
        if (harness.rawRead === undefined) return; // nothing at rest (the memory reference)
        const raw = await harness.rawRead("draft", id(1));
        expect(raw.length).toBeGreaterThan(0);
        expect(raw).not.toContain("pkce-verifier-value");
        expect(raw).not.toContain("verifier");
      });
    }, timeout);

    it("model-based: random inserts, replaces, removes and expiries agree with a map", async () => {
      type Op =
        | { readonly op: "insert"; readonly n: number; readonly lookup: number | null; readonly minute: number; readonly data: string }
        | { readonly op: "replace"; readonly n: number; readonly version: number; readonly lookup: number | null; readonly data: string }
        | { readonly op: "remove"; readonly n: number }
        | { readonly op: "expire"; readonly minute: number };
      const n = fc.integer({ min: 0, max: 4 });
      const lookup = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });
      const ops = fc.array(
        fc.oneof(
          fc.record({ op: fc.constant("insert" as const), n, lookup, minute: fc.integer({ min: 0, max: 9 }), data: fc.string({ unit: "binary", maxLength: 40 }) }),
          fc.record({ op: fc.constant("replace" as const), n, version: fc.integer({ min: 1, max: 3 }), lookup, data: fc.string({ maxLength: 20 }) }),
          fc.record({ op: fc.constant("remove" as const), n }),
          fc.record({ op: fc.constant("expire" as const), minute: fc.integer({ min: 0, max: 9 }) }),
        ),
        { maxLength: 14 },
      );
      await fc.assert(
        fc.asyncProperty(ops, async (sequence: readonly Op[]) => {
          await use(async (store) => {
            const model = new Map<string, { lookupKey: string | null; expiresAt: Date; data: string; version: number }>();
            const taken = (key: string | null, except: string) => key !== null && [...model].some(([k, r]) => k !== except && r.lookupKey === key);
            for (const step of sequence) {
              if (step.op === "insert") {
                const rec = record(step.n, { lookupKey: step.lookup === null ? null : hash(step.lookup), expiresAt: at(step.minute), data: step.data });
                const result = await store.insert(rec);
                const conflict = model.has(rec.id) || taken(rec.lookupKey, rec.id);
                expect(result.isErr() ? result.error.reason : "ok").toBe(conflict ? "conflict" : "ok");
                if (!conflict) model.set(rec.id, { lookupKey: rec.lookupKey, expiresAt: rec.expiresAt, data: rec.data, version: 1 });
              } else if (step.op === "replace") {
                const current = model.get(id(step.n));
                const rec = record(step.n, { lookupKey: step.lookup === null ? null : hash(step.lookup), expiresAt: current?.expiresAt ?? at(0), data: step.data });
                const result = await store.replace(rec, step.version);
                if (current === undefined || current.version !== step.version) expect(result._unsafeUnwrap()).toBeNull();
                else if (taken(rec.lookupKey, rec.id)) expect(result.isErr() && result.error.reason).toBe("conflict");
                else {
                  expect(result._unsafeUnwrap()).toBe(step.version + 1);
                  model.set(rec.id, { lookupKey: rec.lookupKey, expiresAt: rec.expiresAt, data: rec.data, version: step.version + 1 });
                }
              } else if (step.op === "remove") {
                expect(await okValue(store.remove("draft", id(step.n)))).toBe(model.delete(id(step.n)));
              } else {
                const gone = [...model].filter(([, r]) => r.expiresAt.getTime() <= at(step.minute).getTime()).map(([k]) => k);
                expect(await okValue(store.removeExpired(at(step.minute)))).toBe(gone.length);
                for (const k of gone) model.delete(k);
              }
            }
            for (let i = 0; i <= 4; i++) {
              const expected = model.get(id(i));
              const got = await okValue(store.get("draft", id(i)));
              expect(got).toEqual(expected === undefined ? null : { kind: "draft", id: id(i), ...expected });
            }
            for (let k = 0; k <= 3; k++) {
              const holder = [...model].find(([, r]) => r.lookupKey === hash(k));
              expect((await okValue(store.findByLookupKey("draft", hash(k))))?.id ?? null).toBe(holder?.[0] ?? null);
            }
          });
        }),
        { numRuns: options.numRuns ?? 25 },
      );
    }, timeout * 6);
  });
};
