import { describe, expect, it } from "vitest";
import { KANJI_DICTIONARY_CONTRACT, type KanjiDictionary, type KanjiEntry } from "@madoguchi/core";

/** Hiragana for katakana: how the contract compares readings (音読み are katakana, 訓読み hiragana). */
const hiragana = (s: string): string => [...s.replace(/[.\-・]/g, "")].map((c) => (c >= "ァ" && c <= "ヶ" ? String.fromCodePoint(c.codePointAt(0)! - 0x60) : c)).join("");
const readingsOf = (e: KanjiEntry): string[] => [...e.on, ...e.kun, ...e.nanori].map(hiragana);

/**
 * The characters every dictionary for a Japanese counter holds, and what it must say of them: the standard and
 * the 人名 form of common family-name characters (高/髙, 崎/﨑, 辺/邊/邉), a character no JIS X 0208 set has (𠮷,
 * found through 吉's shape), and readings (たかい, コウ). A dictionary that cannot find these does not serve C6.
 */
const SAMPLES = {
  withVariant: [
    ["高", "髙"],
    ["崎", "﨑"],
    ["辺", "邊"],
    ["辺", "邉"],
  ],
  sameShape: [["吉", "𠮷"]],
  reading: [
    ["たかい", "高"],
    ["こう", "高"],
    ["さき", "崎"],
  ],
} as const;

/**
 * The contract every {@link KanjiDictionary} adapter passes (`kanji-dictionary@1`). `make` returns the dictionary
 * under test (built once; the suite only reads it).
 */
export const describeKanjiDictionaryContract = (name: string, make: () => KanjiDictionary): void => {
  describe(`${KANJI_DICTIONARY_CONTRACT} contract: ${name}`, () => {
    const dictionary = make();

    it("declares the contract it implements", () => {
      expect(dictionary.meta.contract).toBe(KANJI_DICTIONARY_CONTRACT);
    });

    it("describes a character it holds by its code point, and holds nothing that is not one character of its own", () => {
      const e = dictionary.entry("高");
      expect(e).toMatchObject({ char: "高", codePoint: "U+9AD8" });
      expect(dictionary.entry("𠮷")?.codePoint).toBe("U+20BB7");
      for (const notKanji of ["", "a", "高い", "😀"]) expect(dictionary.entry(notKanji), notKanji).toBeNull();
    });

    it("finds characters by reading prefix, katakana and hiragana alike, exact readings first, within the limit", () => {
      for (const [reading, char] of SAMPLES.reading) {
        const found = dictionary.byReading(reading, 500);
        expect(found.map((e) => e.char), reading).toContain(char);
        for (const e of found) expect(readingsOf(e).some((r) => r.startsWith(hiragana(reading))), `${e.char} for ${reading}`).toBe(true);
        const exactUntil = found.findIndex((e) => !readingsOf(e).includes(hiragana(reading)));
        if (exactUntil !== -1) for (const e of found.slice(exactUntil)) expect(readingsOf(e).includes(hiragana(reading)), `${e.char}: exact readings come first`).toBe(false);
      }
      expect(dictionary.byReading("コウ", 500).map((e) => e.char)).toEqual(dictionary.byReading("こう", 500).map((e) => e.char));
      expect(dictionary.byReading("こ", 5)).toHaveLength(5);
      expect(dictionary.byReading("", 10)).toEqual([]);
      expect(dictionary.byReading("こ", 0)).toEqual([]);
    });

    it("gives a character's variants both ways, never the character itself, each an entry it holds", () => {
      for (const [standard, variant] of SAMPLES.withVariant) {
        expect(dictionary.variants(standard).map((e) => e.char), `${standard} → ${variant}`).toContain(variant);
        expect(dictionary.variants(variant).map((e) => e.char), `${variant} → ${standard}`).toContain(standard);
      }
      for (const c of ["高", "辺", "邊", "崎"]) {
        const variants = dictionary.variants(c);
        expect(variants.map((e) => e.char)).not.toContain(c);
        for (const v of variants) {
          expect(dictionary.entry(v.char)).toEqual(v);
          expect(dictionary.variants(v.char).map((e) => e.char), `${v.char} back to ${c}`).toContain(c);
        }
      }
      expect(dictionary.variants("a")).toEqual([]);
    });

    it("gives the characters of the same radical and residual strokes, the character itself excluded, within the limit", () => {
      for (const [char, similar] of SAMPLES.sameShape) {
        const self = dictionary.entry(char)!;
        const found = dictionary.sameRadicalStrokes(char, 500);
        expect(found.map((e) => e.char)).toContain(similar);
        expect(found.map((e) => e.char)).not.toContain(char);
        for (const e of found) expect([e.radical, e.residualStrokes], e.char).toEqual([self.radical, self.residualStrokes]);
        expect(dictionary.sameRadicalStrokes(char, 2)).toHaveLength(2);
      }
      expect(dictionary.sameRadicalStrokes("a", 10)).toEqual([]);
    });
  });
};
