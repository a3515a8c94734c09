import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  halfWidthKatakanaToFullWidth,
  hiraganaToKatakana,
  isKatakanaReading,
  normalizeDashes,
  normalizeKanaReading,
  toFullWidthDigits,
  toHalfWidthAscii,
} from "../src/index.ts";

describe("toHalfWidthAscii", () => {
  it("converts full-width digits, latin letters, symbols and the ideographic space", () => {
    expect(toHalfWidthAscii("０１２３４５６７８９")).toBe("0123456789");
    expect(toHalfWidthAscii("ＴＡＲＯ＠ｅｘａｍｐｌｅ．ｊｐ")).toBe("TARO@example.jp");
    expect(toHalfWidthAscii("１２３－４５６７　Ａ")).toBe("123-4567 A");
  });

  it("leaves kanji, including CJK compatibility ideographs that NFKC would fold, untouched", () => {
    // U+FA10 (塚) and U+F9DC (隆) are NFKC-folded to other code points; a register name must not change.
    const name = "\uFA10本 \uF9DC 髙﨑 𠮷野";
    expect(toHalfWidthAscii(name)).toBe(name);
    expect(name.normalize("NFKC")).not.toBe(name);
  });

  it("agrees with NFKC on the full-width ASCII block (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xff01, max: 0xff5e }), (cp) => {
        const c = String.fromCharCode(cp);
        expect(toHalfWidthAscii(c)).toBe(c.normalize("NFKC"));
      }),
    );
  });

  it("is the inverse of toFullWidthDigits on digits (property)", () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{0,20}$/), (s) => {
      expect(toHalfWidthAscii(toFullWidthDigits(s))).toBe(s);
    }));
  });
});

describe("normalizeDashes", () => {
  it("turns every IME dash into an ASCII hyphen", () => {
    expect(normalizeDashes("03ー1234－5678‐9−0―1ｰ2")).toBe("03-1234-5678-9-0-1-2");
  });
});

describe("kana", () => {
  it("converts hiragana to katakana and leaves other text alone", () => {
    expect(hiraganaToKatakana("みほん たろう")).toBe("ミホン タロウ");
    expect(hiraganaToKatakana("ゔぁいおりん・ゝゞ")).toBe("ヴァイオリン・ヽヾ");
    expect(hiraganaToKatakana("山田ABC")).toBe("山田ABC");
  });

  it("converts half-width katakana to full-width, composing voiced marks", () => {
    expect(halfWidthKatakanaToFullWidth("ﾐﾎﾝ ﾀﾛｳ")).toBe("ミホン タロウ");
    expect(halfWidthKatakanaToFullWidth("ｶﾞｷﾞﾊﾟﾋﾟｳﾞｧｰ")).toBe("ガギパピヴァー");
    expect(halfWidthKatakanaToFullWidth("髙ｶﾞ")).toBe("髙ガ");
  });

  it("normalises a furigana to full-width katakana with one full-width space between parts", () => {
    expect(normalizeKanaReading("  みほん　 ﾀﾛｳ ")).toBe("ミホン\u3000タロウ");
  });

  it("recognises katakana readings", () => {
    expect(isKatakanaReading("ミホン タロウ")).toBe(true);
    expect(isKatakanaReading("ミホン　タロウ")).toBe(true);
    expect(isKatakanaReading("ジョン・スミス")).toBe(true);
    expect(isKatakanaReading("コーヒー")).toBe(true);
    expect(isKatakanaReading("みほん")).toBe(false);
    expect(isKatakanaReading("見本")).toBe(false);
    expect(isKatakanaReading("ﾐﾎﾝ")).toBe(false);
    expect(isKatakanaReading("MIHON")).toBe(false);
    expect(isKatakanaReading("ー・ ")).toBe(false);
    expect(isKatakanaReading("")).toBe(false);
  });

  it("any hiragana string becomes a katakana reading (property)", () => {
    const hiragana = fc.integer({ min: 0x3041, max: 0x3096 }).map((cp) => String.fromCharCode(cp));
    fc.assert(
      fc.property(fc.array(hiragana, { minLength: 1, maxLength: 30 }), (chars) => {
        const s = chars.join("");
        expect(isKatakanaReading(normalizeKanaReading(s))).toBe(true);
        expect(isKatakanaReading(s)).toBe(false);
      }),
    );
  });
});
