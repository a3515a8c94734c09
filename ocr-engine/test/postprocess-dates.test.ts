import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ERAS, parseJapaneseDate, toIso, toWareki } from "../src/postprocess/japanese-date.ts";

const toFullWidthDigits = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("Japanese dates", () => {
  it.each([
    ["昭和五十年三月四日", "1975-03-04"],
    ["昭和 50年 3月 4日生", "1975-03-04"],
    ["令和元年5月1日", "2019-05-01"],
    ["平成元年1月8日", "1989-01-08"],
    ["平成三十一年四月三十日", "2019-04-30"],
    ["大正15年12月24日", "1926-12-24"],
    ["昭和元年12月25日", "1926-12-25"],
    ["明治45年7月29日", "1912-07-29"],
    ["Ｓ５０．３．４", "1975-03-04"],
    ["h1/1/8", "1989-01-08"],
    ["R2-2-29", "2020-02-29"],
  ] as const)("和暦 %s → %s", (text, iso) => expect(parseJapaneseDate(text, "wareki")).toEqual({ kind: "ok", iso }));

  it.each([
    ["1975年3月4日", "1975-03-04"],
    ["１９７５年３月４日", "1975-03-04"],
    ["一九七五年三月四日", "1975-03-04"],
    ["1975/3/4", "1975-03-04"],
    ["2024.02.29", "2024-02-29"],
  ] as const)("西暦 %s → %s", (text, iso) => expect(parseJapaneseDate(text, "seireki")).toEqual({ kind: "ok", iso }));

  it.each([
    "平成31年5月1日", // belongs to 令和
    "昭和64年1月8日", // belongs to 平成
    "令和元年4月30日", // before 令和
    "大正15年12月25日", // belongs to 昭和
    "明治5年12月2日", // before the Gregorian calendar
    "昭和50年2月29日", // 1975 is no leap year
    "平成2年13月1日",
    "令和0年5月1日",
  ])("%s is not a real date of its era", (text) => expect(parseJapaneseDate(text).kind).toBe("invalid"));

  it.each(["2023/2/29", "1975年4月31日"])("%s is impossible", (text) => expect(parseJapaneseDate(text)).toEqual({ kind: "invalid", iso: null }));

  it.each(["", "昭和", "975年3月4日", "X50.3.4", "昭和50年3月"])("%s is unparseable", (text) =>
    expect(parseJapaneseDate(text).kind).toBe("unparseable"),
  );

  it("reads OCR look-alikes where only one reading makes sense", () => {
    expect(parseJapaneseDate("昭和5O午3月4曰")).toEqual({ kind: "ok", iso: "1975-03-04" });
    expect(parseJapaneseDate("S5O.l.4")).toEqual({ kind: "ok", iso: "1975-01-04" });
    expect(parseJapaneseDate("昭和50年3月4目")).toEqual({ kind: "ok", iso: "1975-03-04" });
    // A thin 1 read as i beside a digit (a residence card's 11月 read 1i月 at 250 dpi): the month keeps both digits.
    expect(parseJapaneseDate("2031 年 1i 月 26 日")).toEqual({ kind: "ok", iso: "2031-11-26" });
    expect(parseJapaneseDate("i975年3月4日")).toEqual({ kind: "ok", iso: "1975-03-04" });
    // Still checked against the calendar.
    expect(parseJapaneseDate("平成3l年5月1日").kind).toBe("invalid");
  });

  it("keeps to the notation asked for", () => {
    expect(parseJapaneseDate("1975年3月4日", "wareki").kind).toBe("unparseable");
    expect(parseJapaneseDate("昭和50年3月4日", "seireki").kind).toBe("unparseable");
  });

  it("era bounds are contiguous: each era starts the day after the previous ends", () => {
    for (let i = 1; i < ERAS.length; i++) {
      const prevEnd = new Date(`${ERAS[i - 1]?.end}T00:00:00Z`);
      const start = new Date(`${ERAS[i]?.start}T00:00:00Z`);
      expect(start.getTime() - prevEnd.getTime()).toBe(86_400_000);
    }
  });

  const isoDate = fc
    .date({ min: new Date("1873-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

  it("property: every day since 1873 written in 和暦 (kanji or letters, full-width or not) reads back", () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const kanji = toWareki(iso) as string;
        const letters = toWareki(iso, { letters: true }) as string;
        return (
          JSON.stringify(parseJapaneseDate(kanji, "wareki")) === JSON.stringify({ kind: "ok", iso }) &&
          JSON.stringify(parseJapaneseDate(toFullWidthDigits(letters), "any")) === JSON.stringify({ kind: "ok", iso })
        );
      }),
    );
  });

  it("property: the era year past the era's end is never accepted as valid", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ERAS.filter((e) => e.end !== null)), fc.integer({ min: 1, max: 3 }), (era, extra) => {
        const lastYear = Number(era.end?.slice(0, 4)) - era.firstYear + 1;
        return parseJapaneseDate(`${era.name}${lastYear + extra}年1月1日`).kind === "invalid";
      }),
    );
  });
});

describe("dates as tesseract returns them at the end of a line (bench-ocr readings)", () => {
  it("drops the specks beside a date read as punctuation", () => {
    expect(parseJapaneseDate("令 和 2 年 6 月 9 日 |", "wareki")).toEqual({ kind: "ok", iso: "2020-06-09" });
    expect(parseJapaneseDate("'2034年8月10日", "seireki")).toEqual({ kind: "ok", iso: "2034-08-10" });
  });
  it("restores a misread or lost 日 as a repair the caller flags", () => {
    expect(parseJapaneseDate("1958 年 9 月 26 妖", "seireki")).toEqual({ kind: "ok", iso: "1958-09-26", repaired: true });
    expect(parseJapaneseDate("2033 年 8 月 23 昌", "seireki")).toEqual({ kind: "ok", iso: "2033-08-23", repaired: true });
    expect(parseJapaneseDate("2032年2月9", "seireki")).toEqual({ kind: "ok", iso: "2032-02-09", repaired: true });
    expect(parseJapaneseDate("1958 年 9 月 26 妖 ・", "seireki")).toEqual({ kind: "ok", iso: "1958-09-26", repaired: true });
  });
  it("repairs nothing else: a misread 月, a day with no 月 before it, or two stray characters stay unparseable", () => {
    expect(parseJapaneseDate("2027年7崩7日", "seireki").kind).toBe("unparseable");
    expect(parseJapaneseDate("2027年26妖", "seireki").kind).toBe("unparseable");
    expect(parseJapaneseDate("2027年7月26妖怪", "seireki").kind).toBe("unparseable");
    // A repaired date is still checked against the calendar.
    expect(parseJapaneseDate("2027年2月30妖", "seireki").kind).toBe("invalid");
  });
});
