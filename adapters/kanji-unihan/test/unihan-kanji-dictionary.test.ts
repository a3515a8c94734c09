import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { searchKanji } from "@madoguchi/core";
import { createUnihanKanjiDictionary, readingKey } from "../src/index.ts";

const dictionary = createUnihanKanjiDictionary();
const chars = (entries: readonly { char: string }[]) => entries.map((e) => e.char);

describe("the Unihan kanji dictionary (C6 漢字検索)", () => {
  it("holds the characters IPAmj明朝 prints, with readings in kana, strokes and the radical-stroke index", () => {
    expect(dictionary.entry("斎")).toEqual({
      char: "斎",
      codePoint: "U+658E",
      on: ["サイ"],
      kun: ["ものいみ", "つつしむ", "とき"],
      nanori: ["いつき", "さえ", "ひとし", "いつ", "きよ", "ただ", "とき", "よし"],
      strokes: 11,
      radical: 67,
      residualStrokes: 7,
    });
    // 髙 has no reading of its own in Unihan: it is found as 高's variant.
    expect(dictionary.entry("髙")).toMatchObject({ codePoint: "U+9AD9", on: ["コウ"], strokes: 11, radical: 189 });
  });

  it("links old and new forms that Unihan leaves apart, from KANJIDIC (渡辺 → 渡邊, 渡邉; 沢 ↔ 澤; 斎 ↔ 齋)", () => {
    expect(chars(dictionary.variants("辺"))).toEqual(expect.arrayContaining(["邊", "邉"]));
    expect(chars(dictionary.variants("沢"))).toContain("澤");
    expect(chars(dictionary.variants("齋"))).toContain("斎");
  });

  it("finds a name's character by its 名乗り (ひとし → 斎, 仁, 均 …)", () => {
    expect(chars(dictionary.byReading("ひとし", 200))).toEqual(expect.arrayContaining(["斎", "仁", "均"]));
  });

  it("offers 𠮷 (not in JIS X 0208, no reading in Unihan) among the characters shaped like 吉", () => {
    const found = searchKanji(dictionary, "吉")._unsafeUnwrap();
    expect(found.items[0]).toMatchObject({ char: "吉", relation: "same" });
    expect(found.items.find((i) => i.char === "𠮷")).toMatchObject({ relation: "same_radical_strokes", codePoint: "U+20BB7" });
  });

  it("compares readings in core's reading form (katakana) without okurigana dots or affix dashes", () => {
    expect(readingKey("こう")).toBe("コウ");
    expect(readingKey("たか.い")).toBe("タカイ");
    expect(readingKey("-べ")).toBe("ベ");
    expect(readingKey("ｺｳ")).toBe("コウ");
    expect(dictionary.byReading("ｺｳ", 500).map((e) => e.char)).toEqual(dictionary.byReading("こう", 500).map((e) => e.char));
  });

  it("offers only what IPAmj明朝 prints: every indexed character and every variant is in the font's character map", async () => {
    const fontkit = (await import("@pdf-lib/fontkit")).default;
    const printable = new Set<number>(fontkit.create(readFileSync("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")).characterSet);
    const index = readFileSync(new URL("../data/kanji-index.json", import.meta.url), "utf8").split("\n").slice(1).filter((l) => l !== "");
    expect(index.length).toBeGreaterThan(50_000);
    for (const line of index) {
      const [char, , , , , , variants] = JSON.parse(line) as [string, string, string, number, number, number, string];
      for (const c of [char, ...variants]) if (!printable.has(c.codePointAt(0)!)) expect.fail(`${c} (${char}) is not in IPAmj明朝`);
    }
  });
});
