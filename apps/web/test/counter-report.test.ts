import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { emptyNotificationDraft, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, readIntoDraft, RELATED_FORM_NAMES, RELATED_FORMS, type ReadDocument, type ReadField } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { CounterRelatedPanel } from "../src/pages/staff/counter/counter-related-panel.tsx";
import { applicantChoices, knownRelatedIssues, relatedFormFileName, relatedFormName } from "../src/pages/staff/counter/counter-related-forms.ts";
import { relatedMessages } from "../src/pages/staff/counter/counter-related-messages.ts";
import { CounterReportTables } from "../src/pages/staff/counter/counter-report-page.tsx";
import {
  COUNTER_REPORT_PATH,
  flaggedShare,
  kindTotals,
  minutesText,
  monthProblem,
  monthText,
  NO_VALUE,
  percentText,
  relatedFormCounts,
  reportQuery,
  type CounterReportAnswer,
} from "../src/pages/staff/counter/counter-report.ts";
import { reportMessages } from "../src/pages/staff/counter/counter-report-messages.ts";
import { resolveRoute } from "../src/router.ts";

const inJapanese = (element: ReturnType<typeof createElement>): string => renderToStaticMarkup(createElement(I18nProvider, null, element));

describe("the counter's report (C13): the month asked for", () => {
  it("takes a month as YYYY-MM only, and says what is wrong with anything else", () => {
    expect(monthProblem("2026-11")).toBeNull();
    expect(monthProblem(" 2026-01 ")).toBeNull();
    expect(monthProblem("")).toBe("missing");
    expect(monthProblem("   ")).toBe("missing");
    for (const typed of ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "十一月"]) expect([typed, monthProblem(typed)]).toEqual([typed, "invalid"]);
  });

  it("asks the server for that month, and names it in words", () => {
    expect(reportQuery("2026-11")).toBe("month=2026-11");
    expect(monthText("2026-11", "ja")).toBe("2026年11月");
    expect(monthText("2027-01", "ja")).toBe("2027年1月");
    expect(monthText("2026-11", "en")).toBe("November 2026");
    expect(monthText("2026-13", "en")).toBe("2026-13");
  });

  it("is a page of its own under the counter", () => {
    expect(resolveRoute(COUNTER_REPORT_PATH)).toEqual({ name: "staffCounterReport" });
  });
});

describe("the counter's report: numbers for people", () => {
  it("shows handling minutes to one decimal, and “—” when no time is known", () => {
    expect(minutesText(6.2, "ja")).toBe("6.2");
    expect(minutesText(11, "en")).toBe("11.0");
    expect(minutesText(0, "ja")).toBe("0.0");
    expect(minutesText(1234.5, "en")).toBe("1,234.5");
    expect(minutesText(null, "ja")).toBe(NO_VALUE);
    expect(minutesText(Number.NaN, "en")).toBe("—");
  });

  it("gives the share of values that needed checking as a percentage of the values read, none when nothing was read", () => {
    expect(flaggedShare({ read: 3, failed: 1, fields: 80, flagged: 30 })).toBe(37.5);
    expect(flaggedShare({ read: 1, failed: 0, fields: 3, flagged: 1 })).toBe(33.3);
    expect(flaggedShare({ read: 1, failed: 0, fields: 10, flagged: 10 })).toBe(100);
    expect(flaggedShare({ read: 1, failed: 0, fields: 10, flagged: 0 })).toBe(0);
    // Nothing read (or only failures): no share, not 0 %.
    expect(flaggedShare({ read: 0, failed: 2, fields: 0, flagged: 0 })).toBeNull();
    expect(percentText(37.5, "ja")).toBe("37.5%");
    expect(percentText(0, "en")).toBe("0.0%");
    expect(percentText(null, "ja")).toBe("—");
  });

  it("lists every kind of notification in core's order, 0 for a kind the month had none of, and their sum", () => {
    const totals = kindTotals({ tennyu: 3, tenshutsu: 1 });
    expect(totals.rows.map((r) => r.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(Object.fromEntries(totals.rows.map((r) => [r.kind, r.forms]))).toEqual({ tennyu: 3, tenkyo: 0, tenshutsu: 1, "setainushi-henko": 0 });
    expect(totals.all).toBe(4);
  });

  it("lists the related forms by core's names, both at 0 too, and a layout it does not know by its id after them", () => {
    expect(relatedFormCounts({ "inkan-toroku": 2 }, "ja")).toEqual([
      { formId: "juminhyo-seikyu", name: "住民票の写し等交付請求書", printed: 0 },
      { formId: "inkan-toroku", name: "印鑑登録申請書", printed: 2 },
    ]);
    expect(relatedFormCounts({ "zz-new": 1, "juminhyo-seikyu": 1, "aa-new": 4 }, "en").map((r) => [r.formId, r.name, r.printed])).toEqual([
      ["juminhyo-seikyu", RELATED_FORM_NAMES["juminhyo-seikyu"].en, 1],
      ["inkan-toroku", RELATED_FORM_NAMES["inkan-toroku"].en, 0],
      ["aa-new", "aa-new", 4],
      ["zz-new", "zz-new", 1],
    ]);
  });

  it("has the same texts in Japanese and English", () => {
    expect(Object.keys(reportMessages.en).sort()).toEqual(Object.keys(reportMessages.ja).sort());
    expect(Object.keys(relatedMessages.en).sort()).toEqual(Object.keys(relatedMessages.ja).sort());
  });
});

const report: CounterReportAnswer = {
  month: "2026-11",
  rows: [
    { day: "2026-11-24", kind: "tennyu", forms: 2, medianMinutes: 6.2, p90Minutes: 10.9 },
    { day: "2026-11-24", kind: "tenkyo", forms: 1, medianMinutes: null, p90Minutes: null },
  ],
  totals: { tennyu: 2, tenkyo: 1, tenshutsu: 0, "setainushi-henko": 0 },
  relatedForms: { "inkan-toroku": 1 },
  scans: { read: 3, failed: 1, fields: 80, flagged: 30 },
};

describe("the counter's report as tables", () => {
  it("gives each table a caption and column headers, each row its day as a row header, core's kinds in words, and “—” for unknown times", () => {
    const html = inJapanese(createElement(CounterReportTables, { report }));
    expect(html.match(/<caption/g)).toHaveLength(3);
    expect(html).toContain("2026年11月に作成した届出書（日ごと・届出の種類ごと）");
    for (const col of ["日付", "届出の種類", "件数", "処理時間の中央値（分）", "90%値（分）"]) expect(html).toMatch(new RegExp(`<th scope="col"[^>]*>${col.replace(/[()（）%]/g, "\\$&")}</th>`));
    const rows = [...html.matchAll(/<tr data-testid="counter-report-row"[^>]*>(.*?)<\/tr>/g)].map((m) => m[1] ?? "");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^<th scope="row"><time dateTime="2026-11-24">2026年11月24日<\/time><\/th>/);
    expect(rows[0]).toContain(`<td>${NOTIFICATION_KIND_LABELS.tennyu.ja}</td>`);
    expect(rows[0]).toContain(">6.2<");
    expect(rows[0]).toContain(">10.9<");
    expect(rows[1]).toContain(`<td>${NOTIFICATION_KIND_LABELS.tenkyo.ja}</td>`);
    expect(rows[1]?.match(/>—</g)).toHaveLength(2);
    expect(html).toMatch(/data-testid="counter-report-total-all">3</);
    expect(html).toMatch(/data-testid="counter-report-related-inkan-toroku-printed">1</);
    expect(html).toMatch(/data-testid="counter-report-related-juminhyo-seikyu-printed">0</);
    expect(html).toContain("37.5%（80項目のうち30項目）");
  });

  it("says so when the month had no form, and shows no share when nothing was read", () => {
    const html = inJapanese(createElement(CounterReportTables, { report: { ...report, rows: [], totals: { tennyu: 0, tenkyo: 0, tenshutsu: 0, "setainushi-henko": 0 }, scans: { read: 0, failed: 0, fields: 0, flagged: 0 } } }));
    expect(html).toContain("2026年11月に作成した届出書はありません。");
    expect(html).not.toContain('data-testid="counter-report-table"');
    expect(html).toMatch(/data-testid="counter-report-scans-flagged">—</);
  });
});

const field = (key: string, value: string): ReadField => ({ key, value, raw: value, confidence: 95, region: { x: 0.2, y: 0.1, width: 0.6, height: 0.03 }, reasons: [] });
const certificate: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [field("household.address", "さんぷる県みほん市中央一丁目2番3号")],
  groups: { members: [[field("members[].name", "見本 太郎")], [field("members[].name", "")]] },
  reasons: [],
};
const printed = readIntoDraft(emptyNotificationDraft("tennyu"), certificate);

describe("the related forms (C7)", () => {
  it("offers every person of the printed draft by name, the first first, a row with no name by its number", () => {
    expect(printed.persons).toHaveLength(2);
    expect(applicantChoices(printed, "ja")).toEqual([
      { person: 0, label: "見本 太郎" },
      { person: 1, label: "2人目" },
    ]);
    expect(applicantChoices(printed, "en")[1]).toEqual({ person: 1, label: "Person 2" });
    expect(applicantChoices(emptyNotificationDraft("tennyu"), "ja")).toEqual([]);
  });

  it("names the forms with core's names and their files by the confirmation number", () => {
    expect(RELATED_FORMS.map((f) => relatedFormName(f, "ja"))).toEqual(["住民票の写し等交付請求書", "印鑑登録申請書"]);
    expect(relatedFormName("inkan-toroku", "en")).toBe(RELATED_FORM_NAMES["inkan-toroku"].en);
    expect(relatedFormName("something-else", "ja")).toBe("something-else");
    expect(relatedFormFileName("inkan-toroku", "20261125-7K3M9Q")).toBe("inkan-toroku-20261125-7K3M9Q.pdf");
    expect(relatedFormFileName("juminhyo-seikyu", null)).toBe("juminhyo-seikyu-draft.pdf");
    expect(relatedMessages.ja.print(relatedFormName("inkan-toroku", "ja"))).toBe("印鑑登録申請書を印刷");
    expect(relatedMessages.ja.print(relatedFormName("juminhyo-seikyu", "ja"))).toBe("住民票の写し等交付請求書を印刷");
    expect(relatedMessages.en.print(relatedFormName("inkan-toroku", "en"))).toBe("Print the seal registration application");
  });

  it("keeps the refusals it knows: a person the draft does not have, and the draft's own issues", () => {
    expect(
      knownRelatedIssues([
        { code: "no_such_person", person: 3 },
        { code: "no_person" },
        { code: "required", path: { field: "address.new" } },
        { code: "no_such_person", person: -1 },
        { code: "no_such_person" },
        { code: "something_new" },
        "no_person",
        null,
      ]),
    ).toEqual([{ code: "no_such_person", person: 3 }, { code: "no_person" }, { code: "required", path: { field: "address.new" } }]);
  });

  it("renders a select of who applies (labelled, the first chosen) and a button for each form, saying it uses the draft as printed", () => {
    const html = inJapanese(createElement(CounterRelatedPanel, { recordId: "r-1", confirmationNumber: "20261125-7K3M9Q", draft: printed, csrfToken: "t", scanName: (n: number) => `${n + 1}枚目` }));
    expect(html).toContain('<h2 id="counter-related-heading">関連する様式</h2>');
    expect(html).toContain("確認番号（20261125-7K3M9Q）");
    expect(html).toContain("印刷した時点の内容");
    for (const formId of RELATED_FORMS) {
      const id = `counter-related-${formId}-person`;
      expect(html).toContain(`for="${id}"`);
      expect(html).toMatch(new RegExp(`<select id="${id}"[^>]*aria-describedby="counter-related-${formId}-help"`));
      expect(html).toContain(`<option value="0" selected="">見本 太郎</option><option value="1">2人目</option>`);
      expect(html).toMatch(new RegExp(`<p role="status"[^>]*data-testid="counter-related-${formId}-status"`));
    }
    expect(html).toContain(">印鑑登録申請書を印刷</button>");
    expect(html).toContain(">住民票の写し等交付請求書を印刷</button>");
  });
});
