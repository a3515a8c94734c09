import fc from "fast-check";
import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  auditRetentionInForce,
  changeAuditRetention,
  decodeSettingValue,
  storageError,
  type AuditEntryDraft,
  type SettingsStore,
  type StoredSetting,
} from "../../src/index.ts";
import { fixedClock } from "../fakes.ts";

/** A one-key store that records every put (the rules under test decide what is written). */
const recordingStore = (initial: StoredSetting<"audit.retentionMonths"> | null, options: { conflict?: boolean } = {}) => {
  let stored = initial;
  const puts: { value: number; expectedVersion: number; audit: readonly AuditEntryDraft[] }[] = [];
  const store: SettingsStore = {
    meta: { contract: "settings-store@1", name: "recording", capabilities: new Set() },
    get: (() => okAsync(stored)) as SettingsStore["get"],
    put: ((key: "audit.retentionMonths", value: number, expectedVersion: number, at: Date, audit: readonly AuditEntryDraft[]) => {
      puts.push({ value, expectedVersion, audit });
      if (options.conflict === true) return errAsync(storageError("settings-store.put", "conflict", "changed meanwhile"));
      stored = { key, value, version: expectedVersion + 1, updatedAt: at };
      return okAsync(stored);
    }) as SettingsStore["put"],
    healthCheck: () => okAsync(undefined),
  };
  return { store, puts };
};

const clock = fixedClock("2026-11-23T09:00:00.000Z");
const input = (months: unknown) => ({ months, defaultMonths: 36, staffId: "st-admin", sourceIp: "192.0.2.7" });

describe("the audit retention setting", () => {
  it("accepts exactly the whole months from 12 to 1200", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double(), fc.string(), fc.constant(null)), (v) => {
        const valid = typeof v === "number" && Number.isInteger(v) && v >= 12 && v <= 1200;
        expect(decodeSettingValue("audit.retentionMonths", v).isOk()).toBe(valid);
      }),
    );
  });

  it("is the deployment's default until stored, then the stored value", async () => {
    expect((await auditRetentionInForce(recordingStore(null).store, 48))._unsafeUnwrap()).toEqual({ months: 48, source: "default", version: 0 });
    const stored = recordingStore({ key: "audit.retentionMonths", value: 24, version: 3, updatedAt: new Date(0) });
    expect((await auditRetentionInForce(stored.store, 48))._unsafeUnwrap()).toEqual({ months: 24, source: "setting", version: 3 });
  });

  it("a change writes the value against the version read, with one audit entry: who, from, to, where", async () => {
    const { store, puts } = recordingStore({ key: "audit.retentionMonths", value: 60, version: 2, updatedAt: new Date(0) });
    const done = (await changeAuditRetention({ settings: store, clock }, input(24)))._unsafeUnwrap();
    expect(done).toEqual({ from: 60, to: 24, changed: true, inForce: { months: 24, source: "setting", version: 3 } });
    expect(puts).toEqual([
      {
        value: 24,
        expectedVersion: 2,
        audit: [
          {
            at: clock.now(),
            actor: { kind: "staff", id: "st-admin" },
            action: "configuration.changed",
            target: { kind: "configuration", id: "audit.retentionMonths" },
            result: "success",
            sourceIp: "192.0.2.7",
            details: { from: 60, to: 24 },
          },
        ],
      },
    ]);
  });

  it("the first change names the default as its 'from'; the value already in force writes nothing", async () => {
    const { store, puts } = recordingStore(null);
    expect((await changeAuditRetention({ settings: store, clock }, input(36)))._unsafeUnwrap()).toMatchObject({ changed: false, from: 36, to: 36 });
    expect(puts).toEqual([]);
    await changeAuditRetention({ settings: store, clock }, input(120));
    expect(puts.map((p) => [p.expectedVersion, p.audit[0]?.details])).toEqual([[0, { from: 36, to: 120 }]]);
  });

  it("an invalid value writes nothing; a concurrent change comes back as the store's conflict", async () => {
    const { store, puts } = recordingStore(null);
    for (const bad of [11, 1201, 36.5, "36", null]) {
      expect((await changeAuditRetention({ settings: store, clock }, input(bad)))._unsafeUnwrapErr()).toMatchObject({ _tag: "InvalidSettingValue", code: "settings.invalid_value" });
    }
    expect(puts).toEqual([]);
    const racing = recordingStore(null, { conflict: true });
    expect((await changeAuditRetention({ settings: racing.store, clock }, input(24)))._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "conflict" });
  });
});
