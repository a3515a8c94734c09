import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { COUNTER_DOCUMENT_KINDS, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type CounterDocumentKind } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { CounterKeepPanel } from "../src/pages/staff/counter/counter-keep-panel.tsx";
import { recordMessages } from "../src/pages/staff/counter/counter-record-messages.ts";
import { rememberedSearch, rememberRecordChange, rememberSearch } from "../src/pages/staff/counter/counter-records-memory.ts";
import {
  addDays,
  birthDateReading,
  birthDateText,
  checkRecordSearch,
  counterRecordPath,
  COUNTER_RECORDS_PATH,
  daysCovered,
  defaultRecordSearch,
  defaultScanTitle,
  documentTitleProblem,
  documentTitleSuggestions,
  formatByteSize,
  isCalendarDay,
  keepCounts,
  keepItemsOf,
  MAX_SEARCH_DAYS,
  notificationKindText,
  papersToSend,
  personNames,
  type CounterRecordView,
  type KeepItem,
  type RecordSearchForm,
  type ScanToKeep,
} from "../src/pages/staff/counter/counter-records.ts";
import { resolveRoute } from "../src/router.ts";

/** The server's `documentKinds` (`GET /api/staff/counter`), as the mock and the server name them. */
const DOCUMENT_KINDS: readonly { readonly kind: CounterDocumentKind; readonly name: { ja: string; en: string } }[] = [
  { kind: "tenshutsu-shomeisho", name: { ja: "転出証明書", en: "Moving-out certificate" } },
  { kind: "zairyu-card", name: { ja: "在留カード", en: "Residence card" } },
  { kind: "mynumber-card", name: { ja: "マイナンバーカード", en: "My Number card" } },
];

const search = (patch: Partial<RecordSearchForm>): RecordSearchForm => ({ from: "", to: "", name: "", birthDate: "", number: "", keyword: "", ...patch });
const paramsOf = (form: RecordSearchForm): Record<string, string> => {
  const checked = checkRecordSearch(form);
  if (!checked.ok) throw new Error(`refused: ${JSON.stringify(checked.problems)}`);
  return Object.fromEntries(new URLSearchParams(checked.query));
};
const problemsOf = (form: RecordSearchForm) => {
  const checked = checkRecordSearch(form);
  return checked.ok ? [] : checked.problems;
};

describe("the records search's period (Japan's calendar days, as the server counts them)", () => {
  it("defaults to the last 30 days up to today, both included, with nothing else asked", () => {
    expect(defaultRecordSearch("2026-11-25")).toEqual({ from: "2026-10-27", to: "2026-11-25", name: "", birthDate: "", number: "", keyword: "" });
    expect(daysCovered("2026-10-27", "2026-11-25")).toBe(30);
    // Across a year's end and a leap day.
    expect(defaultRecordSearch("2027-01-10").from).toBe("2026-12-12");
    expect(defaultRecordSearch("2028-03-01").from).toBe("2028-02-01");
  });

  it("counts days and steps over months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysCovered("2026-11-25", "2026-11-25")).toBe(1);
    expect(daysCovered("2025-11-25", "2026-11-25")).toBe(366);
  });

  it("knows a calendar day from a look-alike", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("2026-13-01")).toBe(false);
    expect(isCalendarDay("2026-1-1")).toBe(false);
    expect(isCalendarDay("")).toBe(false);
  });

  it("takes up to 366 days (the server's MAX_SEARCH_DAYS), the last day not before the first", () => {
    expect(MAX_SEARCH_DAYS).toBe(366);
    expect(paramsOf(search({ from: "2025-11-25", to: "2026-11-25" }))).toEqual({ from: "2025-11-25", to: "2026-11-25" });
    expect(problemsOf(search({ from: "2025-11-24", to: "2026-11-25" }))).toEqual([{ field: "from", code: "too_long" }]);
    expect(problemsOf(search({ from: "2026-11-26", to: "2026-11-25" }))).toEqual([{ field: "to", code: "before_from" }]);
    expect(paramsOf(search({ from: "2026-11-25", to: "2026-11-25" }))).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(problemsOf(search({ from: "2026-02-30", to: "x" }))).toEqual([
      { field: "from", code: "invalid_date" },
      { field: "to", code: "invalid_date" },
    ]);
  });
});

describe("the records search's query", () => {
  it("leaves out what is empty (the server then takes its defaults) and trims what is typed", () => {
    expect(checkRecordSearch(search({}))).toEqual({ ok: true, query: "", birthDate: null });
    expect(paramsOf(search({ from: " 2026-11-01 ", name: "  見本 太郎 ", number: " 20261125-7K3M9Q " }))).toEqual({ from: "2026-11-01", name: "見本 太郎", number: "20261125-7K3M9Q" });
    expect(paramsOf(search({ keyword: " 委任状 " }))).toEqual({ keyword: "委任状" });
  });

  it("sends a date of birth typed in 和暦 or any notation core reads as ISO", () => {
    for (const typed of ["昭和55年4月1日", "S55.4.1", "昭55.4.1", "s55/4/1", "1980-04-01", "1980/4/1", "１９８０年４月１日", "19800401"]) {
      expect([typed, paramsOf(search({ birthDate: typed }))]).toEqual([typed, { birthDate: "1980-04-01" }]);
    }
    expect(paramsOf(search({ birthDate: "平成元年1月8日" }))).toEqual({ birthDate: "1989-01-08" });
    expect(checkRecordSearch(search({ birthDate: "令和元年5月1日" }))).toEqual({ ok: true, query: "birthDate=2019-05-01", birthDate: "2019-05-01" });
  });

  it("refuses a date of birth that is not one, before the server is asked", () => {
    for (const typed of ["昭和55年2月30日", "平成32年1月1日", "4月1日", "みほん"]) expect([typed, problemsOf(search({ birthDate: typed }))]).toEqual([typed, [{ field: "birthDate", code: "invalid_date" }]]);
  });

  it("refuses a name or a number longer than the server takes", () => {
    expect(problemsOf(search({ name: "あ".repeat(51) }))).toEqual([{ field: "name", code: "too_long" }]);
    expect(paramsOf(search({ name: "あ".repeat(50) }))).toEqual({ name: "あ".repeat(50) });
    expect(problemsOf(search({ number: "1".repeat(31) }))).toEqual([{ field: "number", code: "too_long" }]);
    expect(problemsOf(search({ keyword: "あ".repeat(51) }))).toEqual([{ field: "keyword", code: "too_long" }]);
  });

  it("encodes what it sends (a name with spaces, kana, and signs)", () => {
    const checked = checkRecordSearch(search({ name: "みほん たろう&x=1" }));
    expect(checked.ok && checked.query).toBe("name=%E3%81%BF%E3%81%BB%E3%82%93+%E3%81%9F%E3%82%8D%E3%81%86%26x%3D1");
  });

  it("says every problem in both languages", () => {
    const problems = [
      ...problemsOf(search({ from: "x", to: "y", name: "あ".repeat(51), birthDate: "x", number: "1".repeat(31) })),
      ...problemsOf(search({ from: "2026-11-26", to: "2026-11-25" })),
      ...problemsOf(search({ from: "2024-01-01", to: "2026-11-25" })),
    ];
    expect(problems).toHaveLength(7);
    for (const locale of ["ja", "en"] as const) {
      const texts = problems.map((p) => recordMessages[locale].problem(p));
      expect(new Set(texts).size).toBe(7);
    }
  });
});

describe("a record as shown", () => {
  it("has its own page under the counter's records", () => {
    expect(COUNTER_RECORDS_PATH).toBe("/staff/counter/records");
    expect(resolveRoute(COUNTER_RECORDS_PATH)).toEqual({ name: "staffCounterRecords" });
    expect(counterRecordPath("a b/c")).toBe("/staff/counter/records/a%20b%2Fc");
    expect(resolveRoute(counterRecordPath("a b/c"))).toEqual({ name: "staffCounterRecord", id: "a b/c" });
  });

  it("writes a date of birth in both calendars, Japanese first; as kept when it is not a date", () => {
    expect(birthDateText("1980-04-01", "ja")).toBe("昭和55年4月1日（1980年4月1日）");
    expect(birthDateText("1980-04-01", "en")).toBe("1 April 1980 (昭和55年4月1日)");
    // Staff may have typed it in 和暦 on the form: kept as typed, shown the same way.
    expect(birthDateText("S55.4.1", "ja")).toBe("昭和55年4月1日（1980年4月1日）");
    expect(birthDateText("1989-01-08", "ja")).toBe("平成元年1月8日（1989年1月8日）");
    expect(birthDateText("1850-01-01", "ja")).toBe("1850年1月1日");
    expect(birthDateText("不詳", "ja")).toBe("不詳");
    expect(birthDateReading("S55.4.1", "ja")).toBe("昭和55年4月1日（1980年4月1日）");
    expect(birthDateReading(" ", "ja")).toBeNull();
    expect(birthDateReading("みほん", "ja")).toBeNull();
  });

  it("names the kind of notification with core's labels, and a kind it does not know by its code", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(notificationKindText(kind, "ja")).toBe(NOTIFICATION_KIND_LABELS[kind].ja);
      expect(notificationKindText(kind, "en")).toBe(NOTIFICATION_KIND_LABELS[kind].en);
    }
    expect(notificationKindText("tenseki", "ja")).toBe("tenseki");
  });

  it("writes sizes for people", () => {
    expect(formatByteSize(0)).toBe("0 B");
    expect(formatByteSize(1023)).toBe("1023 B");
    expect(formatByteSize(1024)).toBe("1 KB");
    expect(formatByteSize(48_213)).toBe("47 KB");
    expect(formatByteSize(1024 * 1024)).toBe("1 MB");
    expect(formatByteSize(1_300_000)).toBe("1.2 MB");
    expect(formatByteSize(-1)).toBe("—");
    expect(formatByteSize(Number.NaN)).toBe("—");
  });

  it("lists the persons by name, leaving out those without one", () => {
    const summary = (names: readonly string[]) => ({ summary: { persons: names.map((name) => ({ name, kana: "", birthDate: "" })), newAddress: "", previousAddress: "", memo: "" } });
    expect(personNames(summary(["見本 太郎", "見本 花子"]), "ja")).toBe("見本 太郎、見本 花子");
    expect(personNames(summary(["見本 太郎", " ", "MIHON JOHN"]), "en")).toBe("見本 太郎, MIHON JOHN");
    expect(personNames(summary([]), "ja")).toBe("—");
  });
});

describe("the papers kept with a printed form", () => {
  const file = new Blob(["%PDF-1.4"], { type: "application/pdf" });
  const scans: readonly ScanToKeep[] = [
    { file, fileName: "tenshutsu.jpg", contentType: "image/jpeg", kind: "tenshutsu-shomeisho" },
    { file, fileName: "card.png", contentType: "image/png", kind: "zairyu-card" },
  ];

  it("titles a scan with the Japanese name of the kind it was read as, whatever the screen's language; its code when unnamed", () => {
    expect(defaultScanTitle("tenshutsu-shomeisho", DOCUMENT_KINDS)).toBe("転出証明書");
    expect(defaultScanTitle("mynumber-card", DOCUMENT_KINDS)).toBe("マイナンバーカード");
    expect(defaultScanTitle("koseki-fuhyo", DOCUMENT_KINDS)).toBe("koseki-fuhyo");
    expect(defaultScanTitle("x", [{ kind: "x", name: { ja: "あ".repeat(45), en: "" } }])).toHaveLength(40);
    // Every kind the counter reads makes a title the server takes.
    for (const kind of COUNTER_DOCUMENT_KINDS) expect([kind, documentTitleProblem(defaultScanTitle(kind, DOCUMENT_KINDS))]).toEqual([kind, null]);
  });

  it("offers every scan read, ticked, not kept yet, in the order read", () => {
    const items = keepItemsOf(scans, DOCUMENT_KINDS);
    expect(items.map((i) => [i.key, i.fileName, i.contentType, i.title, i.origin, i.selected, i.status.kind])).toEqual([
      ["scan-0", "tenshutsu.jpg", "image/jpeg", "転出証明書", "scan", true, "waiting"],
      ["scan-1", "card.png", "image/png", "在留カード", "scan", true, "waiting"],
    ]);
    expect(items[0]?.file).toBe(file);
    expect(keepItemsOf([], DOCUMENT_KINDS)).toEqual([]);
  });

  it("sends the ticked papers not kept yet — a failed one again, a kept one never twice", () => {
    const [a, b] = keepItemsOf(scans, DOCUMENT_KINDS) as [KeepItem, KeepItem];
    const c: KeepItem = { ...a, key: "added-1", origin: "added", title: "委任状" };
    const d: KeepItem = { ...a, key: "added-2", origin: "added", title: "本人確認書類" };
    const items: readonly KeepItem[] = [
      { ...a, status: { kind: "kept", documentId: "d1" } },
      { ...b, status: { kind: "failed", message: "…" } },
      { ...c, selected: false },
      d,
      { ...d, key: "added-3", status: { kind: "keeping" } },
    ];
    expect(papersToSend(items).map((i) => i.key)).toEqual(["scan-1", "added-2"]);
    expect(keepCounts(items)).toEqual({ kept: 1, failed: 1 });
  });

  it("checks a title as the server does: 1 to 40 characters on one line", () => {
    expect(documentTitleProblem("委任状")).toBeNull();
    expect(documentTitleProblem(" 委任状 ")).toBeNull();
    expect(documentTitleProblem("")).toBe("missing");
    expect(documentTitleProblem("　 ")).toBe("missing");
    expect(documentTitleProblem("あ".repeat(40))).toBeNull();
    expect(documentTitleProblem("あ".repeat(41))).toBe("too_long");
    expect(documentTitleProblem("委任\n状")).toBe("invalid");
    expect(documentTitleProblem("委任\u0007状")).toBe("invalid");
  });

  it("suggests the kinds' names and the usual other papers, once each", () => {
    const suggestions = documentTitleSuggestions([...DOCUMENT_KINDS, { name: { ja: "委任状", en: "Power of attorney" } }]);
    expect(suggestions.slice(0, 3)).toEqual(["転出証明書", "在留カード", "マイナンバーカード"]);
    expect(suggestions).toContain("委任状");
    expect(new Set(suggestions).size).toBe(suggestions.length);
  });

  it("renders the panel with every input labelled, each scan ticked under its kind's name, and a live summary", () => {
    const html = renderToStaticMarkup(
      createElement(I18nProvider, null, createElement(CounterKeepPanel, { recordId: "r-1", scans, setup: { documentKinds: DOCUMENT_KINDS, maxScanBytes: 20 * 1024 * 1024 }, csrfToken: "t" })),
    );
    const ids = [...html.matchAll(/<input[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["counter-keep-scan-0-selected", "counter-keep-scan-0-title", "counter-keep-scan-1-selected", "counter-keep-scan-1-title", "counter-keep-add-file", "counter-keep-add-title"]);
    for (const id of ids) expect([id, html.includes(`for="${id}"`)]).toEqual([id, true]);
    expect(html).toMatch(/id="counter-keep-scan-0-selected"[^>]*checked=""/);
    expect(html).toMatch(/id="counter-keep-scan-0-title"[^>]*value="転出証明書"/);
    expect(html).toMatch(/id="counter-keep-scan-1-title"[^>]*value="在留カード"/);
    expect(html).toContain('href="/staff/counter/records/r-1"');
    expect(html).toMatch(/<p role="status"[^>]*data-testid="counter-keep-summary"/);
    expect(html).toContain("<h2 id=\"counter-keep-heading\">書類の保存</h2>");
  });
});

describe("the last search, remembered for Back from a record", () => {
  const record = (id: string, documents: number): CounterRecordView => ({
    id,
    confirmationNumber: `20261125-${id}`,
    kind: "tennyu",
    createdAt: "2026-11-25T02:00:00.000Z",
    createdBy: "staff-1",
    keepUntil: "2031-11-25",
    summary: { persons: [], newAddress: "", previousAddress: "", memo: "" },
    documents: Array.from({ length: documents }, (_, i) => ({ id: `d${i}`, kind: i === 0 ? "form" : "scan", title: "住民異動届", addedAt: "2026-11-25T02:00:00.000Z", addedBy: "staff-1", byteLength: 1 })),
  });
  const form = { from: "2026-10-27", to: "2026-11-25", name: "見本", birthDate: "", number: "", keyword: "" };

  it("is the session's own: another sign-in (another CSRF token) does not see it", () => {
    rememberSearch({ csrfToken: "a", form, state: { kind: "idle" } });
    expect(rememberedSearch("a")?.form).toEqual(form);
    expect(rememberedSearch("b")).toBeNull();
    rememberSearch(null);
    expect(rememberedSearch("a")).toBeNull();
  });

  it("shows a paper added on the record's page in the list it came from, and leaves other records alone", () => {
    rememberSearch({ csrfToken: "a", form, state: { kind: "found", answer: { from: form.from, to: form.to, records: [record("A", 1), record("B", 2)], more: false } } });
    rememberRecordChange(record("A", 2));
    rememberRecordChange(record("C", 5));
    const state = rememberedSearch("a")?.state;
    expect(state?.kind === "found" && state.answer.records.map((r) => [r.id, r.documents.length])).toEqual([
      ["A", 2],
      ["B", 2],
    ]);
    rememberSearch(null);
  });
});

describe("the records' texts", () => {
  it("has the same texts in Japanese and English", () => {
    expect(Object.keys(recordMessages.en).sort()).toEqual(Object.keys(recordMessages.ja).sort());
  });
});
