import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  APPLICATION_RETENTION_SETTING,
  applicationRetentionInForce,
  changeRetention,
  decodeSettingValue,
  type AuditEntryDraft,
  type SettingKey,
  type SettingsStore,
  type StoredSetting,
} from "../../src/index.ts";
import { fixedClock } from "../fakes.ts";

/** A store of several keys, as the real one: a change of one retention never touches the other. */
const mapStore = () => {
  const stored = new Map<SettingKey, StoredSetting>();
  const audit: AuditEntryDraft[] = [];
  const store: SettingsStore = {
    meta: { contract: "settings-store@1", name: "map", capabilities: new Set() },
    get: ((key: SettingKey) => okAsync(stored.get(key) ?? null)) as SettingsStore["get"],
    put: ((key: SettingKey, value: number, expectedVersion: number, at: Date, drafts: readonly AuditEntryDraft[]) => {
      const s = { key, value, version: expectedVersion + 1, updatedAt: at } as StoredSetting;
      stored.set(key, s);
      audit.push(...drafts);
      return okAsync(s);
    }) as SettingsStore["put"],
    healthCheck: () => okAsync(undefined),
  };
  return { store, audit, stored };
};

describe("the retention of finished applications (S4)", () => {
  it("is whole months from 6 to 120", () => {
    for (const ok of [6, 12, 60, 120]) expect(decodeSettingValue(APPLICATION_RETENTION_SETTING, ok).isOk()).toBe(true);
    for (const bad of [5, 121, 12.5, "12", null, -1]) expect(decodeSettingValue(APPLICATION_RETENTION_SETTING, bad).isErr()).toBe(true);
  });

  it("defaults to the deployment's value, and a change is audited under its own key, leaving the audit retention alone", async () => {
    const { store, audit, stored } = mapStore();
    expect((await applicationRetentionInForce(store, 12))._unsafeUnwrap()).toEqual({ months: 12, source: "default", version: 0 });
    const changed = (await changeRetention({ settings: store, clock: fixedClock("2026-11-24T00:00:00Z") }, APPLICATION_RETENTION_SETTING, { months: 24, defaultMonths: 12, staffId: "st-1", sourceIp: "192.0.2.1" }))._unsafeUnwrap();
    expect(changed).toMatchObject({ from: 12, to: 24, changed: true, inForce: { months: 24, source: "setting", version: 1 } });
    expect(audit).toEqual([
      { at: new Date("2026-11-24T00:00:00Z"), actor: { kind: "staff", id: "st-1" }, action: "configuration.changed", target: { kind: "configuration", id: "applications.retentionMonths" }, result: "success", sourceIp: "192.0.2.1", details: { from: 12, to: 24 } },
    ]);
    expect([...stored.keys()]).toEqual(["applications.retentionMonths"]);
    const refused = await changeRetention({ settings: store, clock: fixedClock("2026-11-24T00:00:00Z") }, APPLICATION_RETENTION_SETTING, { months: 3, defaultMonths: 12, staffId: "st-1", sourceIp: null });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "settings.invalid_value", key: "applications.retentionMonths" });
  });
});
