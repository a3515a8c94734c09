import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  draftIssues,
  emptyNotificationDraft,
  MAX_NOTIFICATION_PERSONS,
  NOTIFICATION_KINDS,
  typeDraftValue,
  unconfirmedPaths,
  type NotificationKind,
  type ResidentRecordHousehold,
  type ResidentRecordPerson,
} from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../src/api-result.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { CounterRecordsImport } from "../src/pages/staff/counter/counter-records-import.tsx";
import { CounterSheet } from "../src/pages/staff/counter/counter-sheet.tsx";
import {
  appliedText,
  applyHousehold,
  householdLabel,
  nextAfterRead,
  recordsFitKind,
  recordsProblem,
  recordsQuery,
  type ResidentRecordsAnswer,
} from "../src/pages/staff/counter/counter-records-import.ts";
import { recordsImportMessages } from "../src/pages/staff/counter/counter-records-import-messages.ts";

const person = (line: number, name: string, extra: Partial<ResidentRecordPerson> = {}): ResidentRecordPerson => ({
  line,
  name,
  kana: null,
  birthDate: "1985-01-02" as ResidentRecordPerson["birthDate"],
  sex: null,
  relationship: null,
  residentCode: null,
  ...extra,
});

/** A household as the server answers it (made-up people). */
const household = (id: string | null, persons: readonly ResidentRecordPerson[], head: string | null = "見本 太郎"): ResidentRecordHousehold => ({
  id,
  address: "東京都千代田区一丁目1番1号 みほん荘101",
  head,
  domicileAddress: "東京都千代田区一丁目1番",
  domicileHead: head,
  persons,
});

const sample = household("0001", [person(2, "見本 太郎", { relationship: "世帯主", sex: "男" }), person(3, "見本 花子", { relationship: "妻", sex: "女" })]);
const answer = (households: readonly ResidentRecordHousehold[], ignoredHeaders: readonly string[] = []): ResidentRecordsAnswer => ({ encoding: "shift_jis", households, ignoredHeaders });

const apiError = (status: number, message: string | null, issues?: readonly unknown[]): ApiError => ({
  status,
  code: status === 0 ? "network" : `http_${status}`,
  message,
  fieldErrors: [],
  triesLeft: null,
  ...(issues === undefined ? {} : { issues }),
});

describe("which drafts the records can fill", () => {
  it("offers the records for 転居, 転出 and 世帯主変更, never for a 転入", () => {
    expect(NOTIFICATION_KINDS.filter(recordsFitKind)).toEqual(["tenkyo", "tenshutsu", "setainushi-henko"]);
  });

  it("asks the server for the encoding chosen", () => {
    expect(recordsQuery("auto")).toBe("?encoding=auto");
    expect(recordsQuery("shift_jis")).toBe("?encoding=shift_jis");
    expect(recordsQuery("utf-8")).toBe("?encoding=utf-8");
  });
});

describe("after a read (nextAfterRead)", () => {
  it("puts one household in at once", () => {
    expect(nextAfterRead(answer([sample]))).toEqual({ kind: "apply", household: sample });
  });

  it("lets staff choose when the file holds several, in the file's order", () => {
    const other = household("0002", [person(4, "試験 一郎")], "試験 一郎");
    expect(nextAfterRead(answer([sample, other]))).toEqual({ kind: "choose", households: [sample, other] });
  });

  it("puts nothing in when there is no household", () => {
    expect(nextAfterRead(answer([]))).toEqual({ kind: "none" });
  });
});

describe("a household's label", () => {
  it("names its 世帯番号, head and number of persons", () => {
    expect(householdLabel(sample, "ja")).toBe("世帯番号 0001・世帯主 見本 太郎・2 人");
    expect(householdLabel(sample, "en")).toBe("Household 0001, head 見本 太郎, 2 persons");
  });

  it("says so when the file has no 世帯番号 or no head", () => {
    const bare = household(null, [person(2, "見本 太郎")], null);
    expect(householdLabel(bare, "ja")).toBe("世帯番号 （なし）・世帯主 （不明）・1 人");
    expect(householdLabel(bare, "en")).toBe("Household (no number), head (unknown), 1 person");
  });
});

describe("putting a household into the draft (applyHousehold)", () => {
  it("fills a 転居 from the records: values tell their row, only the assumed new head waits for a look", () => {
    const outcome = applyHousehold(emptyNotificationDraft("tenkyo"), sample, { ignoredHeaders: ["電話番号"], encoding: "shift_jis" });
    if (!outcome.ok) throw new Error("refused");
    expect(outcome.applied).toEqual({ put: 2, leftOut: 0, ignoredHeaders: ["電話番号"], encoding: "shift_jis" });
    expect(outcome.draft.fields["address.previous"]).toEqual({ value: sample.address, source: { by: "records", line: 2 }, reasons: [], confirmed: true });
    expect(outcome.draft.persons.map((p) => [p.name?.value, p.sex?.value, p.name?.source])).toEqual([
      ["見本 太郎", "男", { by: "records", line: 2 }],
      ["見本 花子", "女", { by: "records", line: 3 }],
    ]);
    expect(unconfirmedPaths(outcome.draft)).toEqual([{ field: "head.new" }]);
  });

  it("counts the persons beyond the form's rows as left out", () => {
    const many = household("0003", Array.from({ length: MAX_NOTIFICATION_PERSONS + 2 }, (_, i) => person(i + 2, `見本 ${i + 1}郎`)));
    const outcome = applyHousehold(emptyNotificationDraft("tenshutsu"), many, { ignoredHeaders: [], encoding: "utf-8" });
    if (!outcome.ok) throw new Error("refused");
    expect(outcome.draft.persons).toHaveLength(MAX_NOTIFICATION_PERSONS);
    expect(outcome.applied).toMatchObject({ put: MAX_NOTIFICATION_PERSONS, leftOut: 2 });
  });

  it("keeps what staff typed and completes the person already on the draft", () => {
    const typed = typeDraftValue(typeDraftValue({ ...emptyNotificationDraft("tenkyo"), persons: [{}] }, { field: "address.previous" }, "手入力の住所"), { person: 0, field: "name" }, "見本 太郎");
    const outcome = applyHousehold(typed, sample, { ignoredHeaders: [], encoding: "utf-8" });
    if (!outcome.ok) throw new Error("refused");
    expect(outcome.draft.fields["address.previous"]?.value).toBe("手入力の住所");
    expect(outcome.draft.persons).toHaveLength(2);
    expect(outcome.draft.persons[0]?.name?.source).toEqual({ by: "staff" });
    expect(outcome.draft.persons[0]?.relationship?.value).toBe("世帯主");
    expect(outcome.applied.put).toBe(2);
  });

  it("refuses a 転入 and leaves its draft alone", () => {
    const draft = emptyNotificationDraft("tennyu");
    expect(applyHousehold(draft, sample, { ignoredHeaders: [], encoding: "utf-8" })).toEqual({ ok: false, reason: "not_for_moving_in" });
    expect(draft).toEqual(emptyNotificationDraft("tennyu"));
  });
});

describe("the status after an import (appliedText)", () => {
  it("says how many went in and the encoding read", () => {
    expect(appliedText({ put: 2, leftOut: 0, ignoredHeaders: [], encoding: "shift_jis" }, "ja")).toBe("2 人を入れました。文字コードは Shift_JIS として読みました。");
    expect(appliedText({ put: 1, leftOut: 0, ignoredHeaders: [], encoding: "utf-8" }, "en")).toBe("Put in 1 person. Read as UTF-8.");
  });

  it("names the persons left out and the columns not read", () => {
    const applied = { put: 8, leftOut: 1, ignoredHeaders: ["電話番号", "異動履歴"], encoding: "utf-8" } as const;
    expect(appliedText(applied, "ja")).toBe("8 人を入れました。1 人は用紙に入りません（2 枚目の届出が必要）。文字コードは UTF-8 として読みました。読み込まなかった列: 電話番号、異動履歴");
    expect(appliedText(applied, "en")).toBe(
      "Put in 8 persons. 1 person does not fit on the form (a second notification is needed). Read as UTF-8. Columns not read: 電話番号, 異動履歴",
    );
  });
});

describe("a refused file (recordsProblem)", () => {
  it("shows the server's message and each issue's message, skipping entries that carry none", () => {
    const issues = [
      { code: "missing_column", column: "birthDate", message: "「生年月日」の列がありません。" },
      { code: "invalid_date", line: 3, header: "生年月日", message: "3 行目の「生年月日」: 日付として読めません。" },
      { code: "required", line: 4 },
      "nonsense",
      null,
    ];
    expect(recordsProblem(apiError(422, "住民記録のファイルに問題があります。", issues), "ja")).toEqual({
      message: "住民記録のファイルに問題があります。",
      issues: ["「生年月日」の列がありません。", "3 行目の「生年月日」: 日付として読めません。"],
    });
  });

  it("says why itself where the server's words do not fit: too large, no connection, no message", () => {
    expect(recordsProblem(apiError(413, "リクエストの形式が正しくありません / Malformed request"), "ja")).toEqual({ message: recordsImportMessages.ja.fileTooLarge, issues: [] });
    expect(recordsProblem(apiError(0, null), "en").message).toBe(recordsImportMessages.en.networkError);
    expect(recordsProblem(apiError(500, null), "ja").message).toBe(recordsImportMessages.ja.unexpectedError);
  });
});

describe("the panel's texts", () => {
  it("has every text in Japanese and English", () => {
    expect(Object.keys(recordsImportMessages.en).sort()).toEqual(Object.keys(recordsImportMessages.ja).sort());
  });

  it("names a value's row of the records file", () => {
    expect(recordsImportMessages.ja.fromRecords(3)).toBe("住民記録（3 行目）");
    expect(recordsImportMessages.en.fromRecords(3)).toBe("Resident records (row 3)");
  });
});

describe("on the page (rendered)", () => {
  const inJapanese = (element: ReturnType<typeof createElement>): string => renderToStaticMarkup(createElement(I18nProvider, null, element));
  const panel = (kind: NotificationKind) =>
    inJapanese(createElement(CounterRecordsImport, { kind, csrfToken: "t", currentDraft: () => emptyNotificationDraft(kind), onDraft: () => undefined }));

  it("offers a labelled file, the encodings and the read button for a 転居", () => {
    const html = panel("tenkyo");
    for (const id of ["counter-records-file", "counter-records-encoding"]) expect([id, html.includes(`for="${id}"`)]).toEqual([id, true]);
    expect(html).toContain('accept=".csv,text/csv"');
    expect([...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual(["auto", "utf-8", "shift_jis"]);
    expect(html).toContain("自動判定");
    expect(html).toContain("住民記録を読み込む");
    expect(html).toContain('role="status"');
  });

  it("offers no file for a 転入, only why", () => {
    const html = panel("tennyu");
    expect(html).not.toContain('type="file"');
    expect(html).toContain("転入の方はまだ住民記録にありません。");
  });

  it("says beside a value from the records which row of the file it came from", () => {
    const outcome = applyHousehold(emptyNotificationDraft("tenkyo"), sample, { ignoredHeaders: [], encoding: "utf-8" });
    if (!outcome.ok) throw new Error("refused");
    const draft = outcome.draft;
    const html = inJapanese(
      createElement(CounterSheet, { draft, issues: draftIssues(draft, "2026-11-25"), reasonLabels: {}, onChange: () => undefined, onKindChange: () => undefined, onFocusValue: () => undefined }),
    );
    expect(html).toContain('id="counter-address-previous-source"');
    expect(html).toMatch(/<input[^>]*id="counter-address-previous"[^>]*aria-describedby="counter-address-previous-source"/);
    expect(html).toContain("住民記録（2 行目）");
    expect(html).toContain("住民記録（3 行目）");
  });
});
