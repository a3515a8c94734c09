import { createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  addDraftPerson,
  draftIssues,
  emptyNotificationDraft,
  MAX_COUNTER_MEMO_LENGTH,
  readIntoDraft,
  typeDraftValue,
  type ReadDocument,
  type ReadField,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { counterApi } from "../src/pages/staff/counter/counter-api.ts";
import { draftAfterScan } from "../src/pages/staff/counter/counter-draft.ts";
import { CounterIssues } from "../src/pages/staff/counter/counter-issues.tsx";
import { CounterMemoField, type CounterMemoFieldProps } from "../src/pages/staff/counter/counter-memo-field.tsx";
import { canPrint, draftMemo, isMemoTarget, MEMO_INPUT_ID, MEMO_TARGET, memoLength, memoTooLong, withMemo } from "../src/pages/staff/counter/counter-memo.ts";
import { counterMessages } from "../src/pages/staff/counter/counter-messages.ts";
import { CounterPhrasesPanel } from "../src/pages/staff/counter/counter-phrases-panel.tsx";
import { recordMessages } from "../src/pages/staff/counter/counter-record-messages.ts";
import { CounterRecordMemo } from "../src/pages/staff/counter/counter-record-memo.tsx";

const inJapanese = (element: ReactElement): string => renderToStaticMarkup(createElement(I18nProvider, null, element));

const read = (key: string, value: string): ReadField => ({ key, value, raw: value, confidence: 95, region: { x: 0.1, y: 0.2, width: 0.5, height: 0.03 }, reasons: [] });
const certificate: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [read("household.address", "さんぷる県みほん市中央一丁目2番3号"), read("household.head", "見本 太郎")],
  groups: { members: [[read("members[].name", "見本 太郎"), read("members[].birthDate", "1980-04-01")]] },
  reasons: [],
};
const serverDraft = readIntoDraft(emptyNotificationDraft("tennyu"), certificate);

/** A draft core finds nothing to fix in: the memo alone then decides whether it prints. */
const ready: ResidenceNotificationDraft = (() => {
  let d = typeDraftValue(emptyNotificationDraft("tenkyo"), { field: "move.date" }, "2026-11-20");
  for (const [field, text] of [
    ["address.new", "みほん県みほん市本町1-1"],
    ["address.previous", "みほん県みほん市中央1-2-3"],
    ["head.new", "見本 太郎"],
    ["head.previous", "見本 太郎"],
  ] as const)
    d = typeDraftValue(d, { field }, text);
  d = addDraftPerson(d);
  for (const [field, text] of [
    ["name", "見本 太郎"],
    ["kana", "みほん たろう"],
    ["birthDate", "1980-04-01"],
    ["sex", "男"],
    ["relationship", "世帯主"],
  ] as const)
    d = typeDraftValue(d, { person: 0, field }, text);
  return d;
})();

/** The elements a component rendered, depth first (what `renderToStaticMarkup` turned into HTML). */
const elementsOf = (node: ReactNode): ReactElement<Record<string, unknown>>[] => {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  if (!isValidElement<Record<string, unknown>>(node)) return [];
  return [node, ...elementsOf(node.props["children"] as ReactNode)];
};

/**
 * The memo field rendered (inside the i18n provider, as on the page) with the elements it returned, so a test can
 * call the textarea's own `onChange` as typing does.
 */
const renderMemoField = (props: CounterMemoFieldProps) => {
  let rendered: ReactNode = null;
  function Capture() {
    rendered = CounterMemoField(props);
    return rendered;
  }
  const html = inJapanese(createElement(Capture));
  const textarea = elementsOf(rendered).find((e) => e.type === "textarea" && e.props["id"] === MEMO_INPUT_ID);
  if (textarea === undefined) throw new Error("no memo textarea");
  const type = (value: string) => (textarea.props["onChange"] as (e: { target: { value: string } }) => void)({ target: { value } });
  return { html, textarea, type };
};

describe("the 窓口メモ in the draft", () => {
  it("goes into the draft from the textarea as typed, line breaks and spaces kept; emptied, the draft has none", () => {
    let draft: ResidenceNotificationDraft = serverDraft;
    // As the page: every change of the textarea becomes the draft's memo.
    const field = renderMemoField({ memo: draftMemo(draft), onChange: (text) => (draft = withMemo(draft, text)), onFocus: () => undefined });
    expect(field.textarea.props["value"]).toBe("");
    field.type("本人確認：運転免許証\n 転出証明書の原本を返却済み ");
    expect(draft.memo).toBe("本人確認：運転免許証\n 転出証明書の原本を返却済み ");
    expect(draftMemo(draft)).toBe("本人確認：運転免許証\n 転出証明書の原本を返却済み ");
    // Nothing else of the draft changes.
    expect({ ...draft, memo: undefined }).toEqual({ ...serverDraft, memo: undefined });
    field.type("");
    expect("memo" in draft).toBe(false);
    expect(draftMemo(draft)).toBe("");
  });

  it("shows the draft's memo in the labelled textarea, with its count and the note that it is not printed", () => {
    const { html } = renderMemoField({ memo: "1行目\n2行目", onChange: () => undefined, onFocus: () => undefined });
    expect(html).toContain(`<label class="field__label" for="${MEMO_INPUT_ID}">窓口メモ（届書には印刷されません）</label>`);
    expect(html).toMatch(/<textarea[^>]*id="counter-memo"[^>]*>\n?1行目\n2行目<\/textarea>/);
    expect(html).toContain("7 / 1000文字");
    expect(html).not.toContain('aria-invalid="true"');
    expect(html).not.toContain("窓口メモは1000文字以内で入力してください");
    expect(counterMessages.en.memoLabel).toBe("Counter memo (not printed on the form)");
  });

  it("stays through every change of the draft: values typed, persons added, documents read — the first one too", () => {
    const memo = "委任状あり";
    const withNote = withMemo(emptyNotificationDraft("tennyu"), memo);
    expect(typeDraftValue(withNote, { field: "address.new" }, "みほん県").memo).toBe(memo);
    expect(addDraftPerson(withNote).memo).toBe(memo);
    // A memo alone leaves the draft blank: the first scan takes the server's draft, and the memo with it.
    const scanned = draftAfterScan(withNote, false, { document: certificate, draft: serverDraft });
    expect(scanned.memo).toBe(memo);
    expect(scanned.persons).toHaveLength(1);
    expect(draftAfterScan(withMemo(emptyNotificationDraft("tenkyo"), memo), true, { document: certificate, draft: serverDraft })).toMatchObject({ kind: "tenkyo", memo });
    expect(draftAfterScan(withMemo(serverDraft, memo), false, { document: certificate, draft: serverDraft }).memo).toBe(memo);
    // Without a memo the server's draft is taken as it is.
    expect(draftAfterScan(emptyNotificationDraft("tennyu"), false, { document: certificate, draft: serverDraft })).toBe(serverDraft);
    // A new visit starts from an empty draft: no memo.
    expect(draftMemo(emptyNotificationDraft("tennyu"))).toBe("");
  });
});

describe("the memo sent with the draft", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is in the body POSTed to print, as `memo` of the draft", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(new Response("%PDF-1.4", { status: 200, headers: { "Content-Type": "application/pdf", "X-Confirmation-Number": "20261125-0001" } }));
    });
    const draft = withMemo(ready, "本人確認済み\n印鑑登録は後日");
    const printed = await counterApi("ja").print(draft, "csrf-1");
    expect(printed.ok).toBe(true);
    expect(calls[0]?.url).toBe("/api/staff/counter/notifications/pdf");
    expect(calls[0]?.init.method).toBe("POST");
    const body = JSON.parse(String(calls[0]?.init.body)) as { draft: ResidenceNotificationDraft };
    expect(body.draft.memo).toBe("本人確認済み\n印鑑登録は後日");
    expect(body.draft).toEqual(draft);
  });
});

describe("the memo's limit", () => {
  it(`counts code points, as core does: 𠮷 is one character, a line break one`, () => {
    expect(MAX_COUNTER_MEMO_LENGTH).toBe(1000);
    expect("𠮷".length).toBe(2);
    expect(memoLength("𠮷")).toBe(1);
    expect(memoLength("𠮷野家\nへ")).toBe(5);
    expect(memoLength("")).toBe(0);
    expect(memoTooLong("𠮷".repeat(1000))).toBe(false);
    expect(memoTooLong("𠮷".repeat(1001))).toBe(true);
    expect(memoTooLong("あ".repeat(1001))).toBe(true);
  });

  it("shows 1000 𠮷 as 1000 of 1000, without an error", () => {
    const { html } = renderMemoField({ memo: "𠮷".repeat(1000), onChange: () => undefined, onFocus: () => undefined });
    expect(html).toContain("1000 / 1000文字");
    expect(html).not.toContain("窓口メモは1000文字以内で入力してください");
  });

  it("over the limit: the field says so, is invalid and described by the message, and the draft does not print", () => {
    const over = "𠮷".repeat(1001);
    const { html } = renderMemoField({ memo: over, onChange: () => undefined, onFocus: () => undefined });
    expect(html).toContain("1001 / 1000文字");
    expect(html).toContain('data-testid="counter-memo-error"');
    expect(html).toContain("窓口メモは1000文字以内で入力してください");
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<textarea[^>]*aria-describedby="counter-memo-error counter-memo-help counter-memo-count"/);
    // The print button's rule: core's issues and the memo.
    expect(draftIssues(ready, "2026-11-25")).toEqual([]);
    expect(canPrint(0, ready)).toBe(true);
    expect(canPrint(0, withMemo(ready, "𠮷".repeat(1000)))).toBe(true);
    expect(canPrint(0, withMemo(ready, over))).toBe(false);
    expect(canPrint(1, withMemo(ready, "メモ"))).toBe(false);
  });

  it("lists the memo among what stops printing, linking to it, instead of 「印刷できます。」", () => {
    const html = inJapanese(createElement(CounterIssues, { issues: [], scanName: () => "", memoTooLong: true }));
    expect(html).not.toContain("印刷できます。");
    expect(html).toContain(`href="#${MEMO_INPUT_ID}"`);
    expect(html).toContain("窓口メモは1000文字以内で入力してください");
    expect([...html.matchAll(/data-testid="counter-issue"/g)]).toHaveLength(1);
    expect(inJapanese(createElement(CounterIssues, { issues: [], scanName: () => "", memoTooLong: false }))).toContain("印刷できます。");
  });

  it("has its words in both languages", () => {
    for (const key of ["memoLabel", "memoHelp", "memoTooLong", "memoName"] as const) expect(counterMessages.en[key]).not.toBe(counterMessages.ja[key]);
    expect(counterMessages.ja.memoCount(12)).toBe("12 / 1000文字");
    expect(counterMessages.en.memoCount(12)).toBe("12 / 1000 characters");
  });
});

describe("registered phrases into the memo", () => {
  it("names the memo as where a phrase goes once it had focus", () => {
    expect(isMemoTarget(MEMO_TARGET)).toBe(true);
    expect(isMemoTarget({ field: "address.new" })).toBe(false);
    const html = inJapanese(createElement(CounterPhrasesPanel, { target: MEMO_TARGET, csrfToken: "t", onTargetGone: () => undefined }));
    expect(html).toContain("挿入先：「窓口メモ」");
  });
});

describe("the memo on the kept record's page", () => {
  it("shows a memo under 「窓口メモ」 as text, its line breaks kept and markup written out, never as HTML", () => {
    const html = inJapanese(createElement(CounterRecordMemo, { memo: "本人確認：免許証\n<b>x</b>\n印鑑登録は後日" }));
    expect(html).toContain('<h2 id="counter-record-memo-heading">窓口メモ</h2>');
    expect(html).toMatch(/<p class="prewrap"[^>]*data-testid="counter-record-memo">本人確認：免許証\n&lt;b&gt;x&lt;\/b&gt;\n印鑑登録は後日<\/p>/);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain(recordMessages.ja.memoNone);
  });

  it("says 「（なし）」 when none was written", () => {
    const html = inJapanese(createElement(CounterRecordMemo, { memo: "" }));
    expect(html).toContain("窓口メモ");
    expect(html).toContain("<p data-testid=\"counter-record-memo-none\">（なし）</p>");
    expect(html).not.toContain('data-testid="counter-record-memo"');
    expect(recordMessages.en.memoNone).toBe("(none)");
  });
});
