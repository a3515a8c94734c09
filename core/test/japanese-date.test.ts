import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ERAS, eraOf, formatIsoDate, formatWareki, isoToWareki, parseJapaneseDate, splitIsoDate, toFullWidthDigits, warekiToIso } from "../src/index.ts";

const parsed = (s: string) => parseJapaneseDate(s).match((v) => v, (e) => `error:${e.reason}`);

describe("parseJapaneseDate", () => {
  it.each([
    ["昭和50年3月4日", "1975-03-04"],
    ["S50.3.4", "1975-03-04"],
    ["s50.3.4", "1975-03-04"],
    ["Ｓ５０．３．４", "1975-03-04"],
    ["昭50.3.4", "1975-03-04"],
    ["昭和 50 年 3 月 4 日", "1975-03-04"],
    ["H1/1/8", "1989-01-08"],
    ["平成元年1月8日", "1989-01-08"],
    ["平成1年1月8日", "1989-01-08"],
    ["R6-1-2", "2024-01-02"],
    ["令和元年5月1日", "2019-05-01"],
    ["T1.7.30", "1912-07-30"],
    ["M45.7.29", "1912-07-29"],
    ["1975-03-04", "1975-03-04"],
    ["1975/3/4", "1975-03-04"],
    ["1975.3.4", "1975-03-04"],
    ["1975年3月4日", "1975-03-04"],
    ["１９７５年３月４日", "1975-03-04"],
    ["19750304", "1975-03-04"],
    ["2000-02-29", "2000-02-29"],
  ])("reads %s as %s", (input, iso) => {
    expect(parsed(input)).toBe(iso);
  });

  it.each([
    ["平成31年4月30日", "2019-04-30"],
    ["昭和64年1月7日", "1989-01-07"],
  ])("accepts the last day of an era: %s", (input, iso) => expect(parsed(input)).toBe(iso));

  it.each([
    ["平成31年5月1日", "outside_era"],
    ["平成32年1月1日", "outside_era"],
    ["令和元年4月30日", "outside_era"],
    ["昭和64年1月8日", "outside_era"],
    ["平成元年1月7日", "outside_era"],
    ["大正15年12月25日", "outside_era"],
    ["M5.12.31", "outside_era"], // lunisolar calendar, see ERAS
    ["昭和0年1月1日", "outside_era"],
    ["1975-02-29", "impossible_date"],
    ["1900-02-29", "impossible_date"],
    ["昭和50年2月30日", "impossible_date"],
    ["S50.13.1", "impossible_date"],
    ["1975-3/4", "unrecognized"],
    ["X50.3.4", "unrecognized"],
    ["昭和50年3月", "unrecognized"],
    ["", "unrecognized"],
    ["yesterday", "unrecognized"],
  ])("rejects %s (%s)", (input, reason) => expect(parsed(input)).toBe(`error:${reason}`));
});

describe("eras", () => {
  it("are contiguous: each era starts the day after the previous one ends", () => {
    for (let i = 1; i < ERAS.length; i++) {
      const prev = ERAS[i - 1];
      const next = ERAS[i];
      if (prev?.end == null || next === undefined) throw new Error("era table broken");
      const d = new Date(`${prev.end}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      expect(d.toISOString().slice(0, 10)).toBe(next.start);
    }
  });

  it("convert the first day of 平成 and the last of 昭和", () => {
    expect(eraOf("1989-01-08")?.kanji).toBe("平成");
    expect(eraOf("1989-01-07")?.kanji).toBe("昭和");
    expect(eraOf("1872-12-31")).toBeNull();
  });

  it("format with 元年 in kanji and a number in the letter form", () => {
    const w = isoToWareki("1989-01-08")._unsafeUnwrap();
    expect(formatWareki(w, "kanji")).toBe("平成元年1月8日");
    expect(formatWareki(w, "letter")).toBe("H1.1.8");
    expect(formatWareki(isoToWareki("2026-11-23")._unsafeUnwrap(), "kanji")).toBe("令和8年11月23日");
  });
});

/** Any real date from 1873-01-01 to 2099-12-31. */
const isoDate = fc
  .date({ min: new Date("1873-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe("ISO → 和暦 → ISO (properties)", () => {
  it("round-trips through the kanji form, the letter form and full-width digits", () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom<"kanji" | "letter">("kanji", "letter"), fc.boolean(), (iso, style, fullWidth) => {
        const wareki = isoToWareki(iso)._unsafeUnwrap();
        const text = formatWareki(wareki, style);
        expect(parsed(fullWidth ? toFullWidthDigits(text) : text)).toBe(iso);
        expect(warekiToIso(wareki)._unsafeUnwrap()).toBe(iso);
      }),
    );
  });

  it("reads ISO dates back as themselves", () => {
    fc.assert(fc.property(isoDate, (iso) => {
      expect(parsed(iso)).toBe(iso);
    }));
  });

  it("era years are within the era: year 1 at the start, and the day after an era's end is refused in that era", () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const w = isoToWareki(iso)._unsafeUnwrap();
        expect(w.year).toBeGreaterThanOrEqual(1);
        expect(iso >= w.era.start && (w.era.end === null || iso <= w.era.end)).toBe(true);
        // The same day written in any other era is refused.
        for (const other of ERAS.filter((e) => e !== w.era)) {
          const parts = splitIsoDate(iso);
          if (parts === null) throw new Error("bad iso");
          const r = warekiToIso({ era: other, year: parts.year - other.firstYear + 1, month: parts.month, day: parts.day });
          expect(r.isErr()).toBe(true);
        }
      }),
    );
  });

  it("never throws and only returns real ISO dates, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => {
        const r = parseJapaneseDate(s);
        if (r.isOk()) expect(splitIsoDate(r.value)).not.toBeNull();
      }),
    );
  });
});
