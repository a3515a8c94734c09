import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { draftIssues, emptyNotificationDraft, readIntoDraft, type ReadDocument, type ReadField } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { CounterIssues } from "../src/pages/staff/counter/counter-issues.tsx";
import { CounterSheet } from "../src/pages/staff/counter/counter-sheet.tsx";

const read = (key: string, value: string | null, raw: string, reasons: ReadField["reasons"] = []): ReadField => ({
  key,
  value,
  raw,
  confidence: 60,
  region: { x: 0.2, y: 0.1, width: 0.6, height: 0.03 },
  reasons,
});

const certificate: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [read("household.address", "さんぷる県みほん市中央一丁目2番3号", "さんぷる県みほん市中央一丁目2番3号"), read("household.head", "見本 太郎", "見本 太郎", ["name_always_confirmed"])],
  groups: { members: [[read("members[].name", "見本 太郎", "見木 太郎", ["name_always_confirmed", "low_confidence"]), read("members[].birthDate", "1980-04-01", "昭和55年4月1日")]] },
  reasons: ["name_always_confirmed", "low_confidence"],
};
const draft = readIntoDraft(emptyNotificationDraft("tennyu"), certificate);
const issues = draftIssues(draft, "2026-11-25");
const reasonLabels = { name_always_confirmed: { ja: "氏名は必ず確認します", en: "Names are always checked" }, low_confidence: { ja: "読み取りの確からしさが低い", en: "Low confidence" } };

const inJapanese = (element: ReturnType<typeof createElement>): string => renderToStaticMarkup(createElement(I18nProvider, null, element));

const sheet = () =>
  inJapanese(createElement(CounterSheet, { draft, issues, reasonLabels, onChange: () => undefined, onKindChange: () => undefined, onFocusValue: () => undefined }));

const attributesOf = (html: string, id: string): string => new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? "";

describe("the 住民異動届 on the counter page (rendered)", () => {
  it("labels every input and select of the form", () => {
    const html = sheet();
    const ids = [...html.matchAll(/<(?:input|select)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(7 + 7);
    for (const id of ids) expect([id, html.includes(`for="${id}"`)]).toEqual([id, true]);
  });

  it("marks a flagged value: invalid, its reasons in the server's words, the text the OCR saw and a button to confirm it", () => {
    const html = sheet();
    expect(attributesOf(html, "counter-person-0-name")).toContain('aria-invalid="true"');
    expect(attributesOf(html, "counter-person-0-name")).toContain('aria-describedby="counter-person-0-name-flags"');
    expect(html).toContain("氏名は必ず確認します");
    expect(html).toContain("読み取りの確からしさが低い");
    expect(html).toContain("見木 太郎");
    expect(html).toContain('data-testid="counter-person-0-name-confirm"');
    expect(html).toContain('aria-label="「1人目の氏名」を確認済みにする"');
  });

  it("leaves a value read without doubt as it is, and says how a date will be printed", () => {
    const html = sheet();
    expect(attributesOf(html, "counter-address-previous")).not.toContain("aria-invalid");
    expect(attributesOf(html, "counter-address-previous")).toContain('value="さんぷる県みほん市中央一丁目2番3号"');
    expect(html).not.toContain('data-testid="counter-address-previous-confirm"');
    expect(html).toContain("昭和55年4月1日として扱います");
  });

  it("marks a missing required value invalid with its message, and the kind's required fields", () => {
    const html = sheet();
    expect(attributesOf(html, "counter-address-new")).toContain('aria-invalid="true"');
    expect(html).toContain("「新しい住所」を入力してください。");
    expect(attributesOf(html, "counter-address-new")).toContain('aria-required="true"');
    expect(attributesOf(html, "counter-domicile-address")).not.toContain("aria-required");
  });

  it("lists the issues in a polite live region, each linking to where it is fixed", () => {
    const html = inJapanese(createElement(CounterIssues, { issues, scanName: (i: number) => `${i + 1}枚目` }));
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('href="#counter-person-0-name"');
    expect(html).toContain("「1人目の氏名」を書類と照らし合わせて、確認済みにしてください。");
    expect([...html.matchAll(/data-testid="counter-issue"/g)]).toHaveLength(issues.length);
    expect(inJapanese(createElement(CounterIssues, { issues: [], scanName: () => "" }))).toContain("印刷できます。");
  });
});
