import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_AUDIT_RETENTION_MONTHS,
  MIN_AUDIT_RETENTION_MONTHS,
  sealAuditEntries,
  SETTINGS_STORE_CONTRACT,
  type AuditEntryDraft,
  type AuditLogStore,
  type SettingsStore,
} from "@madoguchi/core";
import { referenceHasher } from "../audit-log/audit-log.harness.ts";
import { okValue, storageErrorOf, withHarness } from "../shared/store-harness.ts";

/** What the suite tests: the settings store and the audit log sharing its storage (and its transactions). */
export interface SettingsStoreUnderTest {
  readonly settings: SettingsStore;
  /** The audit log `settings.put` appends to. */
  readonly auditLog: AuditLogStore;
  close(): Promise<void>;
  /**
   * Replaces the stored JSON of a setting behind the port's back (raw SQL, as someone with write access
   * to the database would). When given, the suite proves that such a value is refused as `corrupt`.
   */
  readonly writeRaw?: (key: string, json: string) => Promise<void>;
}

/** Returns a FRESH, empty store on every call (per test and per generated case). */
export type MakeSettingsStore = () => Promise<SettingsStoreUnderTest>;

/** Tuning of {@link describeSettingsStoreContract}. */
export interface SettingsStoreContractOptions {
  /** fast-check runs of the model-based property (default 20: every run opens a fresh store). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the contract. */
export interface SettingsStoreCase {
  readonly name: string;
  readonly run: (make: MakeSettingsStore, options: SettingsStoreContractOptions) => Promise<void>;
}

const KEY = "audit.retentionMonths" as const;

const withSettings = withHarness<SettingsStoreUnderTest>;

/** The audit entry a change carries (the suite's own; core's use case builds the same shape). */
const change = (at: Date, from: number, to: number, staffId = "st-admin"): AuditEntryDraft => ({
  at,
  actor: { kind: "staff", id: staffId },
  action: "configuration.changed",
  target: { kind: "configuration", id: KEY },
  result: "success",
  sourceIp: "192.0.2.10",
  details: { from, to },
});

const direct = (at: Date): AuditEntryDraft => ({
  at,
  actor: { kind: "system", id: null },
  action: "audit.checkpointed",
  target: { kind: "audit_log", id: "audit-log" },
  result: "success",
  sourceIp: null,
  details: {},
});

const allEntries = (auditLog: AuditLogStore) => okValue(auditLog.read({ afterSeq: 0, limit: 1000 }));

const monthsArb = fc.integer({ min: MIN_AUDIT_RETENTION_MONTHS, max: MAX_AUDIT_RETENTION_MONTHS });
const T0 = Date.UTC(2026, 0, 1);
const dateArb = fc.integer({ min: 0, max: 365 * 86_400_000 }).map((ms) => new Date(T0 + ms));

export const settingsStoreCases: readonly SettingsStoreCase[] = [
  {
    name: "declares the settings-store@1 contract and is healthy",
    run: (make) =>
      withSettings(make, async ({ settings }) => {
        expect(settings.meta.contract).toBe(SETTINGS_STORE_CONTRACT);
        await okValue(settings.healthCheck());
      }),
  },
  {
    name: "an unset setting is null; a write is read back with its version and time",
    run: (make) =>
      withSettings(make, async ({ settings }) => {
        expect(await okValue(settings.get(KEY))).toBeNull();
        const at1 = new Date("2026-03-01T09:00:00.123Z");
        expect(await okValue(settings.put(KEY, 60, 0, at1, []))).toEqual({ key: KEY, value: 60, version: 1, updatedAt: at1 });
        expect(await okValue(settings.get(KEY))).toEqual({ key: KEY, value: 60, version: 1, updatedAt: at1 });
        const at2 = new Date("2026-03-02T09:00:00.000Z");
        expect(await okValue(settings.put(KEY, 24, 1, at2, []))).toEqual({ key: KEY, value: 24, version: 2, updatedAt: at2 });
        expect(await okValue(settings.get(KEY))).toEqual({ key: KEY, value: 24, version: 2, updatedAt: at2 });
      }),
  },
  {
    name: "a write expecting another version is a conflict: nothing written, nothing appended",
    run: (make) =>
      withSettings(make, async ({ settings, auditLog }) => {
        const at = new Date("2026-04-01T00:00:00.000Z");
        await okValue(settings.put(KEY, 48, 0, at, [change(at, 36, 48)]));
        // Expecting "not set" although it is, and expecting a version that is not the stored one.
        expect(await storageErrorOf(settings.put(KEY, 12, 0, at, [change(at, 36, 12)]))).toMatchObject({ _tag: "StorageError", reason: "conflict" });
        expect(await storageErrorOf(settings.put(KEY, 12, 2, at, [change(at, 36, 12)]))).toMatchObject({ _tag: "StorageError", reason: "conflict" });
        expect((await okValue(settings.get(KEY)))?.value).toBe(48);
        expect((await allEntries(auditLog)).map((e) => e.details)).toEqual([{ from: 36, to: 48 }]);
      }),
  },
  {
    name: "a change's audit entries are appended with it, chained with direct appends",
    run: (make) =>
      withSettings(make, async ({ settings, auditLog }) => {
        const d1 = direct(new Date("2026-05-01T00:00:00.000Z"));
        const c1 = change(new Date("2026-05-02T00:00:00.000Z"), 36, 120);
        const c2 = change(new Date("2026-05-03T00:00:00.000Z"), 120, 13, "st-other");
        const d2 = direct(new Date("2026-05-04T00:00:00.000Z"));
        await okValue(auditLog.append([d1]));
        await okValue(settings.put(KEY, 120, 0, c1.at, [c1]));
        await okValue(settings.put(KEY, 13, 1, c2.at, [c2]));
        await okValue(auditLog.append([d2]));
        expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, [d1, c1, c2, d2]));
      }),
  },
  {
    name: "when the audit entry cannot be appended, the setting is not written either",
    run: (make) =>
      withSettings(make, async ({ settings, auditLog }) => {
        const at = new Date("2026-06-01T00:00:00.000Z");
        await okValue(settings.put(KEY, 60, 0, at, [change(at, 36, 60)]));
        // An entry whose time is not a date cannot be sealed into the chain: the append fails inside the write.
        const unsealable = change(new Date(Number.NaN), 60, 12);
        const failed = await settings.put(KEY, 12, 1, at, [unsealable]);
        expect(failed.isErr()).toBe(true);
        expect(await okValue(settings.get(KEY))).toEqual({ key: KEY, value: 60, version: 1, updatedAt: at });
        expect((await allEntries(auditLog)).map((e) => e.details)).toEqual([{ from: 36, to: 60 }]);
        // And the store still works afterwards (the failed transaction left nothing locked).
        await okValue(settings.put(KEY, 12, 1, at, [change(at, 60, 12)]));
        expect((await okValue(settings.get(KEY)))?.value).toBe(12);
      }),
  },
  {
    name: "concurrent writes expecting the same version: exactly one wins, with exactly one audit entry",
    run: (make) =>
      withSettings(make, async ({ settings, auditLog }) => {
        const at = new Date("2026-07-01T00:00:00.000Z");
        await okValue(settings.put(KEY, 36, 0, at, []));
        const values = [12, 24, 48, 60, 72, 84];
        const results = await Promise.all(values.map((v) => settings.put(KEY, v, 1, at, [change(at, 36, v)])));
        const winners = results.flatMap((r, i) => (r.isOk() ? [values[i]] : []));
        expect(winners).toHaveLength(1);
        for (const r of results) if (r.isErr()) expect(r.error.reason).toBe("conflict");
        expect(await okValue(settings.get(KEY))).toMatchObject({ value: winners[0], version: 2 });
        expect((await allEntries(auditLog)).map((e) => e.details["to"])).toEqual(winners);
      }),
  },
  {
    name: "a stored value outside the setting's schema (edited behind the port) is refused as corrupt, never used",
    run: (make) =>
      withSettings(make, async ({ settings, writeRaw }) => {
        if (writeRaw === undefined) return;
        const at = new Date("2026-08-01T00:00:00.000Z");
        await okValue(settings.put(KEY, 36, 0, at, []));
        for (const raw of ["0", "11", "1201", "36.5", '"36"', "null", "{not json"]) {
          await writeRaw(KEY, raw);
          expect(await storageErrorOf(settings.get(KEY)), raw).toMatchObject({ _tag: "StorageError", reason: "corrupt" });
        }
      }),
  },
  {
    name: "model: any sequence of changes reads back the last value, one version and one audit entry per change",
    run: (make, o) =>
      fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(monthsArb, dateArb, fc.boolean()), { minLength: 1, maxLength: 8 }), async (steps) =>
          withSettings(make, async ({ settings, auditLog }) => {
            let model: { value: number; version: number; updatedAt: Date } | null = null;
            const drafts: AuditEntryDraft[] = [];
            for (const [value, at, stale] of steps) {
              const expected: number = model?.version ?? 0;
              const draft = change(at, model?.value ?? 36, value);
              if (stale) {
                const r = await settings.put(KEY, value, expected + 1, at, [draft]);
                expect(r.isErr() && r.error.reason).toBe("conflict");
                continue;
              }
              await okValue(settings.put(KEY, value, expected, at, [draft]));
              model = { value, version: expected + 1, updatedAt: at };
              drafts.push(draft);
            }
            expect(await okValue(settings.get(KEY))).toEqual(model === null ? null : { key: KEY, ...model });
            expect(await allEntries(auditLog)).toStrictEqual(sealAuditEntries(referenceHasher, null, drafts));
          }),
        ),
        { numRuns: o.numRuns ?? 20 },
      ),
  },
];

/**
 * Registers the settings-store contract: every adapter of `SettingsStore` (the memory reference first,
 * then each database) runs it, against a fresh store per test and per generated case.
 */
export const describeSettingsStoreContract = (name: string, make: MakeSettingsStore, options: SettingsStoreContractOptions = {}): void => {
  describe(`SettingsStore contract (${SETTINGS_STORE_CONTRACT}): ${name}`, () => {
    for (const c of settingsStoreCases) it(c.name, () => c.run(make, options), options.testTimeout ?? 60_000);
  });
};
