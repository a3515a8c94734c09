import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  MAX_FEE_PER_COPY,
  catalogInForce,
  catalogListsOfFile,
  saveCatalogLists,
  decodeProcedureCatalog,
  PROCEDURE_DEFINITIONS_SETTING,
  saveProcedureDefinition,
  storageError,
  type AuditEntryDraft,
  type CatalogFile,
  type ProcedureCatalogJson,
  type SettingsStore,
  type StoredSetting,
} from "../../src/index.ts";
import { fixedClock } from "../fakes.ts";

const fileJson: ProcedureCatalogJson = {
  municipality: { code: "999999", name: { ja: "みほん市", en: "Mihon City" } },
  deliveryMethods: [{ id: "standard", name: { ja: "普通郵便", en: "Standard mail" }, postage: 110 }],
  procedures: [
    {
      id: "juminhyo",
      name: { ja: "住民票の写し", en: "Certificate of residence" },
      description: { ja: "説明", en: "Description" },
      feePerCopy: 300,
      maxCopies: 10,
      deliveryMethodIds: ["standard"],
      requiredFields: ["name", "email"],
      requiresSignature: true,
    },
  ],
  categories: [{ id: "juminhyo-inkan", name: { ja: "住民票・印鑑", en: "Residence and seal" } }],
};

const file = (): CatalogFile => ({ json: fileJson, catalog: decodeProcedureCatalog(fileJson)._unsafeUnwrap() });

/** A settings store that keeps a value per key and refuses a write whose expected version is stale, as the real ones do. */
const fakeSettings = (initial: StoredSetting | null = null) => {
  const values = new Map<string, StoredSetting>(initial === null ? [] : [[initial.key, initial]]);
  const audit: AuditEntryDraft[] = [];
  const store: Pick<SettingsStore, "get" | "put"> = {
    get: ((key: string) => okAsync(values.get(key) ?? null)) as SettingsStore["get"],
    put: ((key: typeof PROCEDURE_DEFINITIONS_SETTING, value: unknown, expectedVersion: number, at: Date, drafts: readonly AuditEntryDraft[]) => {
      if ((values.get(key)?.version ?? 0) !== expectedVersion) return errAsync(storageError("settings.put", "conflict", "changed meanwhile"));
      const stored = { key, value, version: expectedVersion + 1, updatedAt: at } as StoredSetting;
      values.set(key, stored);
      audit.push(...drafts);
      return okAsync(stored);
    }) as SettingsStore["put"],
  };
  return { store, audit, stored: (key: string = PROCEDURE_DEFINITIONS_SETTING) => values.get(key) ?? null };
};

const clock = fixedClock("2026-11-25T01:00:00Z");
const staff = { staffId: "staff-1", sourceIp: "127.0.0.1" };
const residenceCertificate = fileJson.procedures[0]!;

describe("procedures built in the back office (S6)", () => {
  it("the file's procedures are in force until staff save one", async () => {
    const { store } = fakeSettings();
    const inForce = (await catalogInForce(store, file()))._unsafeUnwrap();
    expect(inForce).toMatchObject({ version: 0, source: "file" });
    expect(inForce.catalog.procedures.map((p) => p.id)).toEqual(["juminhyo"]);
  });

  it("a save replaces a procedure by its id, is in force at once, and is audited with the fee it changed", async () => {
    const { store, audit } = fakeSettings();
    const saved = await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopy: 350 }, expectedVersion: 0, ...staff });
    const value = saved._unsafeUnwrap();
    expect(value.created).toBe(false);
    expect(value.inForce).toMatchObject({ version: 1, source: "back_office" });
    expect(value.inForce.catalog.procedures[0]?.feePerCopy).toBe(350);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "configuration.changed",
        actor: { kind: "staff", id: "staff-1" },
        target: { kind: "configuration", id: "procedures.definitions" },
        details: { procedureId: "juminhyo", created: false, changed: "feePerCopy", feeFrom: 300, feeTo: 350 },
      }),
    ]);
    const reread = (await catalogInForce(store, file()))._unsafeUnwrap();
    expect(reread.catalog.procedures[0]?.feePerCopy).toBe(350);
    expect(reread.source).toBe("back_office");
  });

  it("a new id adds the procedure at the end, with a text question, and keeps the file's delivery methods and tags", async () => {
    const { store, audit } = fakeSettings();
    const dogRegistration = {
      ...residenceCertificate,
      id: "inu-toroku",
      name: { ja: "犬の登録証明", en: "Dog registration certificate" },
      categoryIds: ["juminhyo-inkan"],
      extraFields: [{ key: "dogName", label: { ja: "犬の名前", en: "Dog's name" }, kind: "text", maxLength: 30, required: true }],
    };
    const saved = (await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: dogRegistration, expectedVersion: 0, ...staff }))._unsafeUnwrap();
    expect(saved.created).toBe(true);
    expect(saved.inForce.catalog.procedures.map((p) => p.id)).toEqual(["juminhyo", "inu-toroku"]);
    expect(saved.inForce.catalog.procedures[1]?.extraFields[0]).toMatchObject({ kind: "text", maxLength: 30 });
    expect(saved.inForce.catalog.deliveryMethods).toEqual(file().catalog.deliveryMethods);
    expect(audit[0]?.details).toEqual({ procedureId: "inu-toroku", created: true, changed: "" });
  });

  it("an invalid procedure writes nothing and names each problem by its path inside the procedure", async () => {
    const { store, audit, stored } = fakeSettings();
    const broken = { ...residenceCertificate, feePerCopy: -1, deliveryMethodIds: ["pigeon"], categoryIds: ["nope"] };
    const saved = await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: broken, expectedVersion: 0, ...staff });
    const error = saved._unsafeUnwrapErr();
    expect(error._tag).toBe("CatalogError");
    const paths = "issues" in error ? error.issues.map((i) => i.path) : [];
    expect(paths).toContain("feePerCopy");
    expect(stored()).toBeNull();
    // A slipped key (a million and one yen for a copy) is refused by core, not only by the editor.
    const slipped = await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopy: MAX_FEE_PER_COPY + 1 }, expectedVersion: 0, ...staff });
    const slippedError = slipped._unsafeUnwrapErr();
    expect("issues" in slippedError ? slippedError.issues.map((i) => i.path) : []).toEqual(["feePerCopy"]);
    expect(audit).toEqual([]);
    // Cross-entry problems (references to the file's lists) are named the same way.
    const unknownRefs = await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, deliveryMethodIds: ["pigeon"], categoryIds: ["nope"] }, expectedVersion: 0, ...staff });
    const refPaths = unknownRefs._unsafeUnwrapErr();
    expect("issues" in refPaths ? refPaths.issues.map((i) => i.path) : []).toEqual(["categoryIds[0]", "deliveryMethodIds[0]"]);
    // The bound itself is allowed.
    expect((await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopy: MAX_FEE_PER_COPY }, expectedVersion: 0, ...staff })).isOk()).toBe(true);
  });

  it("a procedure without an id, or with an unknown key, is refused", async () => {
    const { store } = fakeSettings();
    const noId = (await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { name: "x" }, expectedVersion: 0, ...staff }))._unsafeUnwrapErr();
    expect("issues" in noId ? noId.issues : []).toEqual([{ path: "id", message: "a procedure needs an id" }]);
    const typo = (await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopi: 1 }, expectedVersion: 0, ...staff }))._unsafeUnwrapErr();
    expect("issues" in typo ? typo.issues.map((i) => i.path) : []).toEqual(["feePerCopi"]);
  });

  it("a save that started from an older version is a conflict and writes nothing", async () => {
    const { store, audit } = fakeSettings();
    await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopy: 350 }, expectedVersion: 0, ...staff });
    const late = await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, feePerCopy: 400 }, expectedVersion: 0, ...staff });
    expect(late._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "conflict" });
    expect(audit).toHaveLength(1);
    expect((await catalogInForce(store, file()))._unsafeUnwrap().catalog.procedures[0]?.feePerCopy).toBe(350);
  });

  it("saved procedures that no longer fit the file (a delivery method removed from it) are corrupt, never silently dropped", async () => {
    const { store } = fakeSettings();
    const withExpress: ProcedureCatalogJson = { ...fileJson, deliveryMethods: [...fileJson.deliveryMethods, { id: "express", name: { ja: "速達", en: "Express" }, postage: 410 }] };
    const richer: CatalogFile = { json: withExpress, catalog: decodeProcedureCatalog(withExpress)._unsafeUnwrap() };
    await saveProcedureDefinition({ settings: store, clock }, { file: richer, procedure: { ...residenceCertificate, deliveryMethodIds: ["express"] }, expectedVersion: 0, ...staff });
    const read = await catalogInForce(store, file());
    expect(read._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "corrupt" });
    expect(read._unsafeUnwrapErr().message).toContain('unknown delivery method "express"');
  });
});

describe("the delivery methods, categories and life events kept in the back office (S6)", () => {
  const lists = { ...catalogListsOfFile(fileJson), deliveryMethods: [...fileJson.deliveryMethods] };
  const withPostage = (postage: number) => ({ ...lists, deliveryMethods: [{ ...lists.deliveryMethods[0]!, postage }] });

  it("the file's lists are in force until staff save theirs", async () => {
    const inForce = (await catalogInForce(fakeSettings().store, file()))._unsafeUnwrap();
    expect(inForce.lists).toEqual({ deliveryMethods: fileJson.deliveryMethods, categories: fileJson.categories, lifeEvents: [] });
    expect(inForce.listsVersion).toBe(0);
  });

  it("a new postage and a new category are in force at once, and again from the store; the audit names the postage change", async () => {
    const { store, audit } = fakeSettings();
    const next = { ...withPostage(140), categories: [...lists.categories, { id: "moving", name: { ja: "引越し", en: "Moving" } }] };
    const saved = (await saveCatalogLists({ settings: store, clock }, { file: file(), lists: next, expectedVersion: 0, ...staff }))._unsafeUnwrap();
    expect(saved.listsVersion).toBe(1);
    expect(saved.catalog.deliveryMethods[0]?.postage).toBe(140);
    expect(saved.catalog.categories?.map((c) => c.id)).toEqual(["juminhyo-inkan", "moving"]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "configuration.changed",
        target: { kind: "configuration", id: "procedures.lists" },
        details: { changed: "categories,deliveryMethods", postage: "standard:110→140" },
      }),
    ]);
    const reread = (await catalogInForce(store, file()))._unsafeUnwrap();
    expect(reread.catalog.deliveryMethods[0]?.postage).toBe(140);
    expect(reread.source).toBe("file"); // the procedures are still the file's
    // A procedure saved afterwards is decoded with the lists in force, not the file's.
    const procedure = (await saveProcedureDefinition({ settings: store, clock }, { file: file(), procedure: { ...residenceCertificate, categoryIds: ["moving"] }, expectedVersion: 0, ...staff }))._unsafeUnwrap();
    expect(procedure.inForce.catalog.procedures[0]?.categoryIds).toEqual(["moving"]);
    expect(procedure.inForce.listsVersion).toBe(1);
  });

  it("refuses a delivery method a procedure still offers, a bad postage and a duplicate id, with paths; another key than the three lists", async () => {
    const { store } = fakeSettings();
    const save = (next: unknown) => saveCatalogLists({ settings: store, clock }, { file: file(), lists: next, expectedVersion: 0, ...staff });
    const removed = (await save({ ...lists, deliveryMethods: [{ id: "express", name: { ja: "速達", en: "Express" }, postage: 460 }] }))._unsafeUnwrapErr();
    expect(removed).toMatchObject({ _tag: "CatalogError" });
    expect(JSON.stringify(removed)).toContain('procedures[0] (\\"juminhyo\\").deliveryMethodIds[0]');
    const paths = async (next: unknown) => ((await save(next))._unsafeUnwrapErr() as unknown as { issues: readonly { path: string }[] }).issues.map((i) => i.path);
    expect(await paths(withPostage(-1))).toEqual(['deliveryMethods[0] ("standard").postage']);
    expect(await paths({ ...lists, categories: [...lists.categories, ...lists.categories] })).toEqual(['categories[1] ("juminhyo-inkan").id']);
    expect(await paths({ ...lists, municipality: { code: "131016", name: { ja: "x", en: "x" } } })).toEqual(["municipality"]);
    expect(await paths({ deliveryMethods: lists.deliveryMethods })).toEqual(["categories", "lifeEvents"]);
    expect((await catalogInForce(store, file()))._unsafeUnwrap().listsVersion).toBe(0);
  });

  it("refuses a save against a stale version (someone saved meanwhile)", async () => {
    const { store } = fakeSettings();
    (await saveCatalogLists({ settings: store, clock }, { file: file(), lists: withPostage(120), expectedVersion: 0, ...staff }))._unsafeUnwrap();
    const stale = await saveCatalogLists({ settings: store, clock }, { file: file(), lists: withPostage(130), expectedVersion: 0, ...staff });
    expect(stale._unsafeUnwrapErr()).toMatchObject({ reason: "conflict" });
  });
});
