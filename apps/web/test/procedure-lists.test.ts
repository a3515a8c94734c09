import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProcedureDefinition, ProcedureLists, StaffProcedureListsView } from "../src/api-types.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { arrangeErrors } from "../src/pages/staff/procedures/procedure-issues.ts";
import { ProcedureListsEditor } from "../src/pages/staff/procedures/procedure-lists-editor.tsx";
import { ListSection } from "../src/pages/staff/procedures/procedure-lists-section.tsx";
import { blockingProcedureIds, checkLists, listFieldRef, placeListIssues, procedureReferenceOf } from "../src/pages/staff/procedures/procedure-lists-issues.ts";
import { procedureListsMessages } from "../src/pages/staff/procedures/procedure-lists-messages.ts";
import {
  draftOfLists,
  hasUnsavedListChanges,
  listInputIds,
  newRow,
  parsePostage,
  PROCEDURE_LISTS_API_PATH,
  PROCEDURE_LISTS_PATH,
  toLists,
  withoutRow,
  withRow,
  withRowChange,
  type ListsDraft,
} from "../src/pages/staff/procedures/procedure-lists.ts";

const ja = procedureListsMessages.ja;
const en = procedureListsMessages.en;

const LISTS: ProcedureLists = {
  deliveryMethods: [
    { id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 },
    { id: "express", name: { ja: "速達", en: "Express mail" }, postage: 410 },
    { id: "counter", name: { ja: "窓口で受け取る", en: "Collect at the counter" }, postage: 0 },
  ],
  categories: [{ id: "moving", name: { ja: "引越し・住所", en: "Moving and address" } }],
  lifeEvents: [
    { id: "birth", name: { ja: "出生", en: "Birth" } },
    { id: "hikkoshi", name: { ja: "引越し", en: "Moving" } },
  ],
};

const JUMINHYO: ProcedureDefinition = {
  id: "juminhyo",
  name: { ja: "住民票の写し", en: "Copy of residence record" },
  description: { ja: "住民票の写しを郵送します。", en: "Sent by post." },
  feePerCopy: 300,
  maxCopies: 10,
  deliveryMethodIds: ["post", "counter", "express"],
  extraFields: [],
  requiredFields: ["name", "email"],
  fieldHelp: {},
  requiresSignature: false,
  enabled: true,
  categoryIds: ["moving"],
  lifeEventIds: ["hikkoshi"],
};

const VIEW: StaffProcedureListsView = {
  version: 2,
  source: "back_office",
  municipality: { code: "999999", name: { ja: "みほん市", en: "Mihon City" } },
  procedures: [JUMINHYO],
  deliveryMethods: LISTS.deliveryMethods,
  offices: [],
  categories: LISTS.categories,
  lifeEvents: LISTS.lifeEvents,
  lists: LISTS,
  listsVersion: 4,
  portalOrigin: "https://portal.example.jp",
};

const loaded = draftOfLists(LISTS);

/** The draft with a new delivery method typed at the end. */
const withNewDelivery = (draft: ListsDraft, typed: { id: string; nameJa: string; nameEn: string; postage: string }): ListsDraft => {
  const row = newRow(draft, "deliveryMethods");
  return withRowChange(withRow(draft, "deliveryMethods", row), "deliveryMethods", row.uid, typed);
};

const uidAt = (draft: ListsDraft, key: keyof ListsDraft, index: number): string => {
  const row = draft[key][index];
  if (row === undefined) throw new Error(`no row ${index} in ${key}`);
  return row.uid;
};

describe("the lists page's paths", () => {
  it("sits beside the procedures and saves to the lists' API", () => {
    expect(PROCEDURE_LISTS_PATH).toBe("/staff/procedures/lists");
    expect(PROCEDURE_LISTS_API_PATH).toBe("/api/staff/procedure-lists");
  });
});

describe("draft ↔ lists", () => {
  it("opens every stored row as saved, its postage as text, each with its own uid", () => {
    expect(loaded.deliveryMethods.map((r) => [r.uid, r.saved, r.id, r.nameJa, r.nameEn, r.postage])).toEqual([
      ["d1", true, "post", "普通郵便", "Ordinary mail", "110"],
      ["d2", true, "express", "速達", "Express mail", "410"],
      ["d3", true, "counter", "窓口で受け取る", "Collect at the counter", "0"],
    ]);
    expect(loaded.categories.map((r) => [r.uid, r.id, r.postage])).toEqual([["c1", "moving", ""]]);
    expect(loaded.lifeEvents.map((r) => r.uid)).toEqual(["e1", "e2"]);
  });

  it("sends back exactly the lists it was opened with", () => {
    expect(toLists(loaded)).toEqual(LISTS);
  });

  it("trims the texts it sends and reads a postage typed in full-width digits or with commas", () => {
    const typed = withNewDelivery(loaded, { id: " yu-pack ", nameJa: " ゆうパック ", nameEn: "Yu-Pack ", postage: "１，０５０" });
    expect(toLists(typed).deliveryMethods[3]).toEqual({ id: "yu-pack", name: { ja: "ゆうパック", en: "Yu-Pack" }, postage: 1050 });
  });

  it("sends a postage that is not a whole number as NaN, for the server to name (the client's checks stop it first)", () => {
    const typed = withRowChange(loaded, "deliveryMethods", "d1", { postage: "110.5" });
    expect(toLists(typed).deliveryMethods[0]?.postage).toBeNaN();
  });

  it("reads postage: whole yen from 0, full-width digits and commas accepted, nothing else", () => {
    expect(parsePostage("110")).toBe(110);
    expect(parsePostage(" ４１０ ")).toBe(410);
    expect(parsePostage("0")).toBe(0);
    expect(parsePostage("1,100")).toBe(1100);
    for (const bad of ["", "-10", "1.5", "１１０円", "abc", "1e3"]) expect(parsePostage(bad), bad).toBeNull();
  });

  it("adds rows with the next uid of their list, unsaved and empty (a delivery method's postage 0), and removes and changes rows by uid", () => {
    const row = newRow(loaded, "deliveryMethods");
    expect(row).toEqual({ uid: "d4", saved: false, id: "", nameJa: "", nameEn: "", postage: "0" });
    expect(newRow(loaded, "categories")).toMatchObject({ uid: "c2", postage: "" });
    // A removed row's uid is not given again while a later one holds a higher one.
    const removed = withoutRow(withRow(loaded, "deliveryMethods", row), "deliveryMethods", "d2");
    expect(removed.deliveryMethods.map((r) => r.uid)).toEqual(["d1", "d3", "d4"]);
    expect(newRow(removed, "deliveryMethods").uid).toBe("d5");
    expect(withoutRow(loaded, "deliveryMethods", "nope")).toBe(loaded);
    const changed = withRowChange(loaded, "lifeEvents", "e2", { nameEn: "Moving house" });
    expect(changed.lifeEvents[1]?.nameEn).toBe("Moving house");
    expect(changed.lifeEvents[0]).toBe(loaded.lifeEvents[0]);
    expect(withRowChange(loaded, "lifeEvents", "e9", { nameEn: "x" })).toBe(loaded);
  });
});

describe("unsaved changes", () => {
  it("sees none in what a save would send the same: spaces, full-width digits, a row removed and typed again", () => {
    expect(hasUnsavedListChanges(loaded, loaded)).toBe(false);
    expect(hasUnsavedListChanges(loaded, draftOfLists(LISTS))).toBe(false);
    expect(hasUnsavedListChanges(loaded, withRowChange(loaded, "categories", "c1", { nameJa: " 引越し・住所 " }))).toBe(false);
    expect(hasUnsavedListChanges(loaded, withRowChange(loaded, "deliveryMethods", "d1", { postage: "１１０" }))).toBe(false);
    const retyped = withNewDelivery(withoutRow(loaded, "deliveryMethods", "d3"), { id: "counter", nameJa: "窓口で受け取る", nameEn: "Collect at the counter", postage: "0" });
    expect(hasUnsavedListChanges(loaded, retyped)).toBe(false);
  });

  it("sees a new postage, a removed row, a new row, a new order, and a postage that is not a number yet", () => {
    expect(hasUnsavedListChanges(loaded, withRowChange(loaded, "deliveryMethods", "d2", { postage: "460" }))).toBe(true);
    expect(hasUnsavedListChanges(loaded, withoutRow(loaded, "lifeEvents", "e1"))).toBe(true);
    expect(hasUnsavedListChanges(loaded, withRow(loaded, "categories", newRow(loaded, "categories")))).toBe(true);
    const reordered: ListsDraft = { ...loaded, lifeEvents: [...loaded.lifeEvents].reverse() };
    expect(hasUnsavedListChanges(loaded, reordered)).toBe(true);
    expect(hasUnsavedListChanges(loaded, withRowChange(loaded, "deliveryMethods", "d1", { postage: "110x" }))).toBe(true);
  });
});

describe("client checks", () => {
  it("passes the lists as loaded, and full-width postage", () => {
    expect(checkLists(loaded, ja)).toEqual([]);
    expect(checkLists(withRowChange(loaded, "deliveryMethods", "d2", { postage: "４６０" }), ja)).toEqual([]);
  });

  it("names each problem with the server's path, the input it is about and a Japanese message naming the row", () => {
    let draft = withNewDelivery(loaded, { id: "Express!", nameJa: "", nameEn: "Express", postage: "-1" });
    draft = withNewDelivery(draft, { id: "post", nameJa: "再配達", nameEn: " ", postage: "1.5" });
    draft = withNewDelivery(draft, { id: "", nameJa: "a", nameEn: "b", postage: "" });
    draft = withRowChange(draft, "categories", "c1", { nameJa: "x".repeat(2001) });
    const errors = checkLists(draft, ja);
    expect(errors.map((e) => [e.path, e.targetId])).toEqual([
      ["deliveryMethods[3].id", "lists-delivery-d4-id"],
      ["deliveryMethods[3].name.ja", "lists-delivery-d4-name-ja"],
      ["deliveryMethods[3].postage", "lists-delivery-d4-postage"],
      ["deliveryMethods[4].id", "lists-delivery-d5-id"],
      ["deliveryMethods[4].name.en", "lists-delivery-d5-name-en"],
      ["deliveryMethods[4].postage", "lists-delivery-d5-postage"],
      ["deliveryMethods[5].id", "lists-delivery-d6-id"],
      ["deliveryMethods[5].postage", "lists-delivery-d6-postage"],
      ["categories[0].name.ja", "lists-category-c1-name-ja"],
    ]);
    const messages = errors.map((e) => e.inline);
    expect(messages[0]).toBe("配送方法4（Express!）のIDは、半角の英小文字・数字・ハイフン（-）の64文字以内で、英小文字か数字で始めてください。");
    expect(messages[1]).toBe("配送方法4（Express!）の名称（日本語）を入力してください。");
    expect(messages[2]).toBe("配送方法4（Express!）の郵送料（円）は0以上の整数（円）で入力してください。");
    expect(messages[3]).toBe("配送方法5（post）のID「post」が同じ一覧のほかの行と同じです。別のIDにしてください。");
    expect(messages[5]).toBe("配送方法5（post）の郵送料（円）は0以上の整数（円）で入力してください。");
    expect(messages[6]).toBe("配送方法6のIDを入力してください。");
    expect(messages[7]).toBe("配送方法6の郵送料（円）を入力してください。");
    expect(messages[8]).toBe("分類1（moving）の名称（日本語）は2000文字以内で入力してください。");
    // In the summary the same sentence: it already names the row and the input.
    expect(errors.every((e) => e.summary === e.inline)).toBe(true);
  });

  it("refuses the same id twice within a list (the later one), but not across lists", () => {
    const draft = withRowChange(withRow(loaded, "lifeEvents", newRow(loaded, "lifeEvents")), "lifeEvents", "e3", { id: "birth", nameJa: "出産", nameEn: "Giving birth" });
    expect(checkLists(draft, ja).map((e) => [e.path, e.targetId])).toEqual([["lifeEvents[2].id", "lists-life-event-e3-id"]]);
    const acrossLists = withRowChange(withRow(loaded, "categories", newRow(loaded, "categories")), "categories", "c2", { id: "birth", nameJa: "出生", nameEn: "Birth" });
    expect(checkLists(acrossLists, ja)).toEqual([]);
  });

  it("asks for at least one delivery method, at the list's add button; categories and life events may be empty", () => {
    const none: ListsDraft = { deliveryMethods: [], categories: [], lifeEvents: [] };
    expect(checkLists(none, ja)).toEqual([
      { path: "deliveryMethods", targetId: listInputIds.add("deliveryMethods"), inline: "配送方法を1つ以上登録してください。", summary: "配送方法を1つ以上登録してください。" },
    ]);
    expect(checkLists(none, en)[0]?.inline).toBe("Add at least one delivery method.");
  });

  it("groups the errors per input for the page, each line once", () => {
    const draft = withNewDelivery(loaded, { id: "", nameJa: "", nameEn: "", postage: "" });
    const arranged = arrangeErrors(checkLists(draft, ja));
    expect([...arranged.byTarget.keys()]).toEqual(["lists-delivery-d4-id", "lists-delivery-d4-name-ja", "lists-delivery-d4-name-en", "lists-delivery-d4-postage"]);
    expect(arranged.summary.map((s) => s.targetId)).toEqual([...arranged.byTarget.keys()]);
  });
});

describe("issue paths → inputs", () => {
  it("maps a list's paths to the row's inputs by index (the row's name is only for people)", () => {
    expect(listFieldRef(["deliveryMethods", 1, "postage"], loaded, ja)).toEqual({ targetId: "lists-delivery-d2-postage", label: "配送方法2（express）の郵送料（円）" });
    expect(listFieldRef(["deliveryMethods", 0, "name", "en"], loaded, ja)?.targetId).toBe("lists-delivery-d1-name-en");
    expect(listFieldRef(["categories", 0, "id"], loaded, ja)?.targetId).toBe("lists-category-c1-id");
    expect(listFieldRef(["lifeEvents", 1, "name", "ja"], loaded, en)).toEqual({ targetId: "lists-life-event-e2-name-ja", label: "Life event 2 (hikkoshi): Name (Japanese)" });
    // A tag has no postage: the row as a whole, at its first input that takes focus (a saved id is disabled).
    expect(listFieldRef(["categories", 0, "postage"], loaded, ja)?.targetId).toBe("lists-category-c1-name-ja");
    const withNew = withRow(loaded, "categories", newRow(loaded, "categories"));
    expect(listFieldRef(["categories", 1], withNew, ja)?.targetId).toBe("lists-category-c2-id");
    // The list itself, or a row the form no longer has: the list's add button.
    expect(listFieldRef(["deliveryMethods"], loaded, ja)).toEqual({ targetId: "lists-delivery-add", label: "配送方法（郵送料）" });
    expect(listFieldRef(["lifeEvents", 7, "id"], loaded, ja)?.targetId).toBe("lists-life-event-add");
    expect(listFieldRef(["procedures", 0, "deliveryMethodIds", 2], loaded, ja)).toBeNull();
    expect(listFieldRef(["offices", 0, "id"], loaded, ja)).toBeNull();
  });

  it("places the server's issues beside the inputs they name, in the page's language around the server's text", () => {
    const sent = withNewDelivery(loaded, { id: "x", nameJa: "特急", nameEn: "Rush", postage: "900" });
    const placed = placeListIssues(
      [
        { path: 'deliveryMethods[1] ("express").postage', message: "Expected an integer, got 410.5" },
        { path: 'categories[0] ("moving").id', message: 'Expected a string matching the RegExp ^[a-z0-9][a-z0-9-]{0,63}$, got "Moving"' },
        { path: 'deliveryMethods[3] ("x").id', message: 'duplicate delivery method id "x"' },
        { path: "deliveryMethods", message: "Expected a value with a length of at least 1, got []" },
      ],
      sent,
      VIEW.procedures,
      ja,
      "ja",
    );
    expect(placed.map((e) => e.targetId)).toEqual(["lists-delivery-d2-postage", "lists-category-c1-id", "lists-delivery-d4-id", "lists-delivery-add"]);
    expect(placed[0]?.inline).toBe("この項目を確認してください（Expected an integer, got 410.5）");
    expect(placed[0]?.summary).toBe("配送方法2（express）の郵送料（円）：この項目を確認してください（Expected an integer, got 410.5）");
    expect(placed[2]?.summary).toBe('配送方法4（x）のID：この項目を確認してください（duplicate delivery method id "x"）');
  });

  it("says which procedure still uses a removed entry and that staff must first remove it there, with the server's text", () => {
    // Staff removed 速達 (d2): the server's catalog still has 住民票の写し offering it.
    const sent = withoutRow(loaded, "deliveryMethods", "d2");
    const issue = { path: 'procedures[0] ("juminhyo").deliveryMethodIds[2]', message: 'unknown delivery method "express" (known: post, counter)' };
    const [placed] = placeListIssues([issue], sent, VIEW.procedures, ja, "ja");
    expect(placed?.targetId).toBeNull();
    expect(placed?.summary).toBe(
      '手続「住民票の写し（juminhyo）」が配送方法「express」をまだ使っているため、保存できません。先にその手続の編集画面の「交付方法」で「express」のチェックを外して手続を保存してから、もう一度ここで保存してください（unknown delivery method "express" (known: post, counter)）。',
    );
    const [inEnglish] = placeListIssues([issue], sent, VIEW.procedures, en, "en");
    expect(inEnglish?.summary).toContain("the procedure “Copy of residence record (juminhyo)” still uses the delivery method “express”. First untick it under “Delivery methods”");
    // A category: named from the procedure's own list; a procedure the page does not know: by its id.
    const [category] = placeListIssues([{ path: 'procedures[0] ("juminhyo").categoryIds[0]', message: 'unknown category "moving" (known in categories: none)' }], sent, VIEW.procedures, ja, "ja");
    expect(category?.summary).toContain("手続「住民票の写し（juminhyo）」が分類「moving」をまだ使っている");
    expect(category?.summary).toContain("「分類」で「moving」のチェックを外して");
    const [unknown] = placeListIssues([{ path: 'procedures[5] ("kazei").lifeEventIds[0]', message: 'unknown life event "birth"' }], sent, VIEW.procedures, ja, "ja");
    expect(unknown?.summary).toContain("手続「kazei」が削除したライフイベントをまだ使っている");
  });

  it("puts an issue that names nothing here in the summary with its path and the server's text", () => {
    const [placed] = placeListIssues([{ path: "municipality", message: "not a list staff keep here" }], loaded, VIEW.procedures, ja, "ja");
    expect(placed).toEqual({ path: "municipality", targetId: null, inline: "not a list staff keep here", summary: "municipality：not a list staff keep here" });
  });

  it("reads a procedure's reference from its path, and lists each blocking procedure once", () => {
    expect(procedureReferenceOf('procedures[0] ("juminhyo").deliveryMethodIds[2]')).toEqual({ procedureId: "juminhyo", list: "deliveryMethods", index: 2 });
    expect(procedureReferenceOf('procedures[3] ("a-b").lifeEventIds[0]')).toEqual({ procedureId: "a-b", list: "lifeEvents", index: 0 });
    expect(procedureReferenceOf('procedures[0] ("juminhyo").officeIds[0]')).toBeNull();
    expect(procedureReferenceOf('procedures[0] ("juminhyo").feePerCopy')).toBeNull();
    expect(procedureReferenceOf('deliveryMethods[1] ("express").postage')).toBeNull();
    expect(
      blockingProcedureIds([
        { path: 'procedures[0] ("juminhyo").deliveryMethodIds[2]', message: "" },
        { path: 'deliveryMethods[0] ("post").postage', message: "" },
        { path: 'procedures[1] ("kazei").categoryIds[0]', message: "" },
        { path: 'procedures[0] ("juminhyo").lifeEventIds[0]', message: "" },
      ]),
    ).toEqual(["juminhyo", "kazei"]);
  });
});

describe("the lists form", () => {
  const html = renderToStaticMarkup(
    createElement(I18nProvider, null, createElement(ProcedureListsEditor, { view: VIEW, csrfToken: "t", onSaved: () => undefined, onReload: () => undefined })),
  );
  const count = (text: string): number => html.split(text).length - 1;

  it("renders each row with the stable test ids, its id in data-id", () => {
    expect(count('data-testid="lists-delivery-row"')).toBe(3);
    expect(count('data-testid="lists-category-row"')).toBe(1);
    expect(count('data-testid="lists-life-event-row"')).toBe(2);
    expect(html).toContain('data-testid="lists-delivery-row" data-id="express"');
    for (const part of ["id", "name-ja", "name-en", "postage", "remove"]) expect(count(`data-testid="lists-delivery-${part}"`), part).toBe(3);
    for (const part of ["id", "name-ja", "name-en", "remove"]) {
      expect(count(`data-testid="lists-category-${part}"`), part).toBe(1);
      expect(count(`data-testid="lists-life-event-${part}"`), part).toBe(2);
    }
    expect(count('data-testid="lists-category-postage"')).toBe(0);
    for (const id of ["lists-delivery-add", "lists-category-add", "lists-life-event-add", "lists-save"]) expect(count(`data-testid="${id}"`), id).toBe(1);
  });

  it("fixes saved ids and says why; postage in yen, typed on a numeric keyboard; remove buttons name their row", () => {
    expect(html).toMatch(/<input id="lists-delivery-d1-id"[^>]*aria-describedby="lists-delivery-d1-id-help"[^>]*disabled=""/);
    expect(html).toContain("保存済みのIDは、手続や過去の申請が参照しているため変更できません。");
    expect(html).toMatch(/<input id="lists-delivery-d2-postage"(?=[^>]*value="410")(?=[^>]*inputMode="numeric")/);
    expect(html).toContain('aria-label="配送方法2（express）を削除"');
    expect(html).toContain("配送方法（郵送料）");
    expect(html).not.toContain('data-testid="lists-error-summary"');
    expect(html).not.toContain('data-testid="lists-source-note"');
  });
});

describe("a list's errors on the page", () => {
  it("ties each error to its input (aria-invalid, aria-describedby) and shows a list's own error under its add button", () => {
    const draft = withNewDelivery({ deliveryMethods: [], categories: [], lifeEvents: [] }, { id: "Bad", nameJa: "速達", nameEn: "Express", postage: "x" });
    const errors = arrangeErrors([...checkLists(draft, ja), ...checkLists({ deliveryMethods: [], categories: [], lifeEvents: [] }, ja)]);
    const html = renderToStaticMarkup(
      createElement(
        I18nProvider,
        null,
        createElement(ListSection, {
          listKey: "deliveryMethods",
          rows: draft.deliveryMethods,
          onAdd: () => undefined,
          onRemove: () => undefined,
          onChange: () => undefined,
          errors: (id: string) => errors.byTarget.get(id) ?? [],
          m: ja,
        }),
      ),
    );
    // A new row's id can be typed, with the rule as its help.
    expect(html).toMatch(/<input id="lists-delivery-d1-id"(?=[^>]*aria-invalid="true")(?=[^>]*aria-describedby="lists-delivery-d1-id-error lists-delivery-d1-id-help")/);
    expect(html).not.toMatch(/<input id="lists-delivery-d1-id"[^>]*disabled/);
    expect(html).toContain('id="lists-delivery-d1-id-error"');
    expect(html).toMatch(/<input id="lists-delivery-d1-postage"(?=[^>]*aria-invalid="true")(?=[^>]*aria-describedby="lists-delivery-d1-postage-error lists-delivery-d1-postage-help")/);
    expect(html).toContain("配送方法1（Bad）の郵送料（円）は0以上の整数（円）で入力してください。");
    expect(html).not.toMatch(/<input id="lists-delivery-d1-name-ja"[^>]*aria-invalid/);
    expect(html).toMatch(/<button type="button" id="lists-delivery-add"(?=[^>]*aria-describedby="lists-delivery-add-error")/);
    expect(html).toContain("配送方法を1つ以上登録してください。");
  });
});
