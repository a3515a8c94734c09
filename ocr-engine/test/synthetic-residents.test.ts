import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RELATIONSHIPS, fakeHousehold, fakeMyNumber, fakeZairyuCardNumber, formatSeireki, formatWareki,
  isValidMunicipalityCode, withMunicipalityCheckDigit,
} from "../src/synthetic/fake-residents.ts";
import { toKanjiNumber } from "../src/postprocess/kanji-numerals.ts";
import { isValidJuminhyoCode } from "../src/postprocess/check-digits.ts";
import { sampleSimplePattern } from "../src/synthetic/fake-values.ts";
import { seededRandom } from "../src/synthetic/seeded-random.ts";

const years = (iso: string) => Number(iso.slice(0, 4));

describe("seededRandom", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 50 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it("keeps int() inside its inclusive bounds and reaches both ends", () => {
    const r = seededRandom(1);
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("forks independent, reproducible sub-streams", () => {
    const a = seededRandom(5).fork("tint");
    const b = seededRandom(5).fork("tint");
    const c = seededRandom(5).fork("seal");
    const take = (r: ReturnType<typeof seededRandom>) => [r.next(), r.next(), r.next()];
    const ta = take(a);
    expect(ta).toEqual(take(b));
    expect(ta).not.toEqual(take(c));
  });
});

describe("fake households", () => {
  it("are reproducible from the seed", () => {
    expect(fakeHousehold(123)).toEqual(fakeHousehold(123));
    expect(fakeHousehold(123)).not.toEqual(fakeHousehold(124));
  });

  it("have dates consistent with the relationships (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 8 }), (seed, size) => {
        const h = fakeHousehold(seed, { size });
        expect(h.members).toHaveLength(size);
        expect(h.members[0]).toBe(h.head);
        expect(h.head.relationship).toBe("世帯主");
        expect(h.plannedMoveDate >= "2020-01-01" && h.plannedMoveDate <= "2026-12-31").toBe(true);
        const spouse = h.members.find((m) => m.relationship === "妻" || m.relationship === "夫");
        for (const m of h.members) {
          expect(RELATIONSHIPS).toContain(m.relationship);
          expect(m.birthDate < h.plannedMoveDate).toBe(true);
          expect(isValidJuminhyoCode(m.juminhyoCode)).toBe(true);
          expect(m.fullName).toBe(`${m.familyName}　${m.givenName}`);
          expect(m.fullKana).toMatch(/^[ァ-ヶー]+　[ァ-ヶー]+$/);
          expect(m.romanName).toMatch(/^[A-Z]+ [A-Z]+$/);
          if (m.relationship === "子") {
            expect(years(m.birthDate) - years(h.head.birthDate)).toBeGreaterThanOrEqual(18);
            if (spouse !== undefined) expect(years(m.birthDate) - years(spouse.birthDate)).toBeGreaterThanOrEqual(18);
          }
          if (m.relationship === "父" || m.relationship === "母") expect(years(h.head.birthDate) - years(m.birthDate)).toBeGreaterThanOrEqual(20);
        }
        expect(years(h.head.birthDate)).toBeLessThanOrEqual(years(h.plannedMoveDate) - 20);
        if (spouse !== undefined) expect(spouse.sex).not.toBe(h.head.sex);
      }),
      { numRuns: 300 },
    );
  });

  it("use the rare characters OCR must cope with, and only fictional prefectures", () => {
    const text = Array.from({ length: 1500 }, (_, i) => fakeHousehold(i))
      .map((h) => {
        expect(h.address).toMatch(/^(みほん県|ためし県|さんぷる県|かきこ府|れいぶん県)/);
        expect(h.destination).toMatch(/^(みほん県|ためし県|さんぷる県|かきこ府|れいぶん県)/);
        return h.members.map((m) => m.fullName).join("") + h.address;
      })
      .join("");
    for (const ch of ["髙", "﨑", "𠮷", "邊", "齋", "濵"]) expect(text).toContain(ch);
    expect(text).toMatch(/[一二三四五六七八九]丁目/);
    expect(text).toMatch(/\d丁目/);
  });
});

describe("formats and numbers", () => {
  it("writes 和暦 at the era boundaries", () => {
    expect(formatWareki("1975-03-04")).toBe("昭和50年3月4日");
    expect(formatWareki("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatWareki("1989-01-08")).toBe("平成1年1月8日");
    expect(formatWareki("2019-04-30")).toBe("平成31年4月30日");
    expect(formatWareki("2019-05-01", { gannen: true })).toBe("令和元年5月1日");
    expect(formatWareki("2024-12-25", { kanjiNumerals: true })).toBe("令和六年十二月二十五日");
    expect(formatSeireki("1975-03-04")).toBe("1975年3月4日");
    expect(toKanjiNumber(40)).toBe("四十");
    expect(toKanjiNumber(111)).toBe("百十一");
  });

  it("computes the 全国地方公共団体コード check digit (weights 6..2, 11 − r, mod 10)", () => {
    expect(withMunicipalityCheckDigit("13101")).toBe("131016"); // 千代田区
    expect(withMunicipalityCheckDigit("01100")).toBe("011002"); // 札幌市
    expect(withMunicipalityCheckDigit("27100")).toBe("271004"); // 大阪市
    expect(isValidMunicipalityCode("131016")).toBe(true);
    expect(isValidMunicipalityCode("131017")).toBe(false);
  });

  it("makes 在留カード numbers and 個人番号 of the right shape", () => {
    const r = seededRandom(9);
    for (let i = 0; i < 200; i++) {
      expect(fakeZairyuCardNumber(r)).toMatch(/^[A-Z]{2}\d{8}[A-Z]{2}$/);
      const n = fakeMyNumber(r);
      expect(n).toMatch(/^\d{12}$/);
      // Check digit by the published rule, computed independently here.
      const p = [...n.slice(0, 11)].reverse().map(Number);
      const s = p.reduce((acc, d, i) => acc + d * (i + 1 <= 6 ? i + 2 : i + 1 - 5), 0);
      expect(Number(n[11])).toBe(s % 11 <= 1 ? 0 : 11 - (s % 11));
    }
  });

  it("samples simple patterns so that they match, and refuses richer ones", () => {
    const r = seededRandom(3);
    for (const p of ["^[A-Z]{2}\\d{8}[A-Z]{2}$", "^\\d{12}$", "^第\\d{4,6}号$", "^[0-9A-Z]{3}-\\d{2}$"]) {
      const s = sampleSimplePattern(p, r);
      expect(s).not.toBeNull();
      expect(s).toMatch(new RegExp(p, "u"));
    }
    expect(sampleSimplePattern("^(a|b)+$", r)).toBeNull();
  });
});
