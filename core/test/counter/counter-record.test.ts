import { describe, expect, it } from "vitest";
import { confirmDraftValue, typeDraftValue, counterRecordKeepUntil, counterRecordSummary, emptyNotificationDraft, matchesCounterSearch, readIntoDraft, unconfirmedPaths, type CounterRecord } from "../../src/index.ts";
import { movingOutCertificate } from "./read-documents.ts";

const draft = unconfirmedPaths(readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(2))).reduce(
  confirmDraftValue,
  readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(2)),
);

const record: CounterRecord = {
  id: "r1",
  confirmationNumber: "20261125-000123",
  kind: "tennyu",
  createdAt: new Date("2026-11-25T01:00:00Z"),
  createdBy: "st-1",
  keepUntil: "2031-11-25",
  summary: counterRecordSummary(draft),
  documents: [],
};

describe("a kept counter record and how clerks find it (C9)", () => {
  it("summarises the printed draft: every person's name, kana and birth date, the two addresses, the memo", () => {
    expect(record.summary).toEqual({
      persons: [
        { name: "見本 太郎", kana: "みほん たろう", birthDate: "1980-04-01" },
        { name: "見本 子1", kana: "みほん たろう", birthDate: "2010-05-05" },
      ],
      newAddress: "みほん県ためし市本町四丁目5番6号",
      previousAddress: "さんぷる県みほん市中央一丁目2番3号",
      memo: "",
    });
    // C6: the clerk's memo, trimmed.
    expect(counterRecordSummary({ ...draft, memo: "  本人確認：運転免許証\n" }).memo).toBe("本人確認：運転免許証");
  });

  it("matches a part of a name or its reading whatever the spaces, width or kana", () => {
    for (const name of ["見本太郎", "見本　太郎", "太郎", "ミホン", "みほん", "ﾐﾎﾝ", "子1", "子１"]) expect(matchesCounterSearch(record, { name }), name).toBe(true);
    for (const name of ["見本次郎", "ためし"]) expect(matchesCounterSearch(record, { name }), name).toBe(false);
  });

  it("matches a birth date of any person and the confirmation number exactly; every given part must match", () => {
    expect(matchesCounterSearch(record, { birthDate: "2010-05-05" })).toBe(true);
    expect(matchesCounterSearch(record, { birthDate: "2010-05-06" })).toBe(false);
    expect(matchesCounterSearch(record, { confirmationNumber: "２０２６１１２５-０００１２３" })).toBe(true);
    expect(matchesCounterSearch(record, { confirmationNumber: "20261125-000124" })).toBe(false);
    expect(matchesCounterSearch(record, { name: "太郎", birthDate: "1999-01-01" })).toBe(false);
    expect(matchesCounterSearch(record, {})).toBe(true);
  });

  it("matches a keyword in either address or in the 窓口メモ, whatever the spaces, width or kana", () => {
    const withMemo: CounterRecord = { ...record, summary: { ...record.summary, memo: "委任状あり（代理人：見本 花子）\nﾏﾝｼｮﾝ名を確認" } };
    for (const keyword of ["本町四丁目", "中央一丁目2番", "委任状", "マンション名", "代理人：見本花子"]) expect(matchesCounterSearch(withMemo, { keyword }), keyword).toBe(true);
    for (const keyword of ["港南", "委任状なし"]) expect(matchesCounterSearch(withMemo, { keyword }), keyword).toBe(false);
    // A keyword does not look at names: that is the name search's.
    expect(matchesCounterSearch(record, { keyword: "太郎" })).toBe(false);
    expect(matchesCounterSearch(withMemo, { keyword: "委任状", name: "見本太郎" })).toBe(true);
  });
});

describe("a typed birth date in the summary", () => {
  it("is kept as ISO, so a search by date finds it however staff wrote it", () => {
    const typed = typeDraftValue(draft, { person: 0, field: "birthDate" }, "S55.4.1");
    expect(counterRecordSummary(typed).persons[0]?.birthDate).toBe("1980-04-01");
    expect(counterRecordSummary(typeDraftValue(draft, { person: 0, field: "birthDate" }, "昭和55年4月1日")).persons[0]?.birthDate).toBe("1980-04-01");
  });
});

describe("how long a counter record is kept", () => {
  it("until the same date in Japan, N years later; 29 February ends on 28 February", () => {
    expect(counterRecordKeepUntil(new Date("2026-11-25T14:59:59Z"), 5)).toBe("2031-11-25");
    expect(counterRecordKeepUntil(new Date("2026-11-25T15:00:00Z"), 5)).toBe("2031-11-26"); // already the 26th in Japan
    expect(counterRecordKeepUntil(new Date("2028-02-29T03:00:00Z"), 3)).toBe("2031-02-28");
  });
});
