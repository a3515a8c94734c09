import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { decodeSettingValue, publishedNotices, saveServiceNotices, serviceNotices, type AuditEntryDraft, type ServiceNotice, type SettingsStore, type StoredSetting } from "../../src/index.ts";
import { fixedClock } from "../fakes.ts";

const notice = (id: string, publishFrom: string, publishUntil: string | null, extra: Partial<ServiceNotice> = {}): ServiceNotice => ({
  id,
  title: { ja: `お知らせ ${id}`, en: "" },
  body: { ja: "本文", en: "" },
  link: null,
  publishFrom,
  publishUntil,
  ...extra,
});

const oneKeyStore = () => {
  let stored: StoredSetting | null = null;
  const audit: AuditEntryDraft[] = [];
  const store: SettingsStore = {
    meta: { contract: "settings-store@1", name: "one-key", capabilities: new Set() },
    get: (() => okAsync(stored)) as SettingsStore["get"],
    put: ((key: "portal.notices", value: ServiceNotice[], expectedVersion: number, at: Date, drafts: readonly AuditEntryDraft[]) => {
      stored = { key, value, version: expectedVersion + 1, updatedAt: at } as StoredSetting;
      audit.push(...drafts);
      return okAsync(stored);
    }) as SettingsStore["put"],
    healthCheck: () => okAsync(undefined),
  };
  return { store, audit };
};

describe("service notices (R14)", () => {
  it("are shown from their first to their last day in Japan, newest first", () => {
    const list = [notice("old", "2026-10-01", "2026-11-23"), notice("today-ends", "2026-11-01", "2026-11-24"), notice("open", "2026-11-20", null), notice("later", "2026-11-25", null)];
    // 2026-11-24 14:59 UTC is still the 24th in Japan; 15:00 UTC is the 25th.
    expect(publishedNotices(list, new Date("2026-11-24T14:59:00Z")).map((n) => n.id)).toEqual(["open", "today-ends"]);
    expect(publishedNotices(list, new Date("2026-11-24T15:00:00Z")).map((n) => n.id)).toEqual(["later", "open"]);
  });

  it("a list is refused when a notice has no Japanese title, a link that is not https or a portal page, bad days, or ids twice", () => {
    const decode = (list: unknown) => decodeSettingValue("portal.notices", list).isOk();
    expect(decode([notice("a", "2026-11-01", null, { link: "/procedures/juminhyo" }), notice("b", "2026-11-01", "2026-11-01", { link: "https://www.city.example.lg.jp/" })])).toBe(true);
    expect(decode([notice("a", "2026-11-01", null, { title: { ja: "", en: "x" } })])).toBe(false);
    for (const link of ["javascript:alert(1)", "http://example.jp/", "//evil.example/", "data:text/html,x"]) expect(decode([notice("a", "2026-11-01", null, { link })]), link).toBe(false);
    expect(decode([notice("a", "2026-13-01", null)])).toBe(false);
    expect(decode([notice("a", "2026-11-02", "2026-11-01")])).toBe(false);
    expect(decode([notice("a", "2026-11-01", null), notice("a", "2026-11-02", null)])).toBe(false);
    expect(decode([notice("A b", "2026-11-01", null)])).toBe(false);
    expect(decode(Array.from({ length: 51 }, (_, i) => notice(`n${i}`, "2026-11-01", null)))).toBe(false);
  });

  it("staff replace the list; the change is audited with counts only; an invalid list writes nothing", async () => {
    const { store, audit } = oneKeyStore();
    const deps = { settings: store, clock: fixedClock("2026-11-24T00:00:00Z") };
    expect((await serviceNotices(store))._unsafeUnwrap()).toEqual({ notices: [], version: 0 });
    const saved = (await saveServiceNotices(deps, { notices: [notice("a", "2026-11-01", null)], expectedVersion: 0, staffId: "st-1", sourceIp: "192.0.2.1" }))._unsafeUnwrap();
    expect(saved.version).toBe(1);
    expect(audit).toEqual([
      { at: new Date("2026-11-24T00:00:00Z"), actor: { kind: "staff", id: "st-1" }, action: "configuration.changed", target: { kind: "configuration", id: "portal.notices" }, result: "success", sourceIp: "192.0.2.1", details: { fromCount: 0, toCount: 1 } },
    ]);
    const refused = await saveServiceNotices(deps, { notices: [{ id: "x" }], expectedVersion: 1, staffId: "st-1", sourceIp: null });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "settings.invalid_value", key: "portal.notices" });
    expect((await serviceNotices(store))._unsafeUnwrap().notices.map((n) => n.id)).toEqual(["a"]);
    expect(audit).toHaveLength(1);
  });
});
