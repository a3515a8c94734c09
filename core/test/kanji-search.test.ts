import { describe, expect, it } from "vitest";
import { KANJI_DICTIONARY_CONTRACT, MAX_KANJI_RESULTS, searchKanji, type KanjiDictionary, type KanjiEntry } from "../src/index.ts";

const entry = (char: string, radical = 1, residual = 0): KanjiEntry => ({
  char,
  codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`,
  on: [],
  kun: [],
  nanori: [],
  strokes: residual + 1,
  radical,
  residualStrokes: residual,
});

/** A dictionary that records what it was asked, with fixed answers. */
const fakeDictionary = (answers: { reading?: KanjiEntry[]; variants?: KanjiEntry[]; shape?: KanjiEntry[]; known?: string[] }) => {
  const asked: string[] = [];
  const dictionary: KanjiDictionary = {
    meta: { contract: KANJI_DICTIONARY_CONTRACT, name: "fake", capabilities: new Set() },
    entry: (c) => ((answers.known ?? []).includes(c) ? entry(c) : null),
    byReading: (kana, limit) => {
      asked.push(`reading:${kana}:${limit}`);
      return (answers.reading ?? []).slice(0, limit);
    },
    variants: (c) => {
      asked.push(`variants:${c}`);
      return answers.variants ?? [];
    },
    sameRadicalStrokes: (c, limit) => {
      asked.push(`shape:${c}:${limit}`);
      return (answers.shape ?? []).slice(0, limit);
    },
  };
  return { dictionary, asked };
};

describe("searchKanji (C6 漢字検索)", () => {
  it("reads a kana query as a reading, katakana and half-width alike, spaces dropped", () => {
    const { dictionary, asked } = fakeDictionary({ reading: [entry("高")] });
    const found = searchKanji(dictionary, " ﾀｶ イ ")._unsafeUnwrap();
    expect(found).toMatchObject({ query: "タカイ", mode: "reading", truncated: false, items: [{ char: "高", relation: "reading" }] });
    expect(asked).toEqual([`reading:タカイ:${MAX_KANJI_RESULTS + 1}`]);
  });

  it("reads one character as itself, then its variants, then its shape, each once, and says when it cut the list", () => {
    const shape = Array.from({ length: MAX_KANJI_RESULTS + 5 }, (_, i) => entry(String.fromCodePoint(0x4e00 + i)));
    const { dictionary } = fakeDictionary({ known: ["高"], variants: [entry("髙"), entry("高")], shape: [entry("髙"), ...shape] });
    const found = searchKanji(dictionary, "高")._unsafeUnwrap();
    expect(found.mode).toBe("character");
    expect(found.items.slice(0, 3).map((i) => [i.char, i.relation])).toEqual([
      ["高", "same"],
      ["髙", "variant"],
      ["一", "same_radical_strokes"],
    ]);
    expect(new Set(found.items.map((i) => i.char)).size).toBe(found.items.length);
    expect([found.items.length, found.truncated]).toEqual([MAX_KANJI_RESULTS, true]);
  });

  it("looks one character up as typed (a compatibility ideograph is not folded), its variation selector aside", () => {
    const { dictionary } = fakeDictionary({ known: ["\uFA11"] });
    expect(searchKanji(dictionary, "\uFA11")._unsafeUnwrap().items[0]).toMatchObject({ char: "\uFA11", relation: "same" });
    // 𠮷 is one character of two UTF-16 units; a variation selector (葛 + VS17, an IVS) is the character's.
    expect(searchKanji(fakeDictionary({ known: ["葛"] }).dictionary, "葛\u{E0100}")._unsafeUnwrap().query).toBe("葛");
    const supplementary = fakeDictionary({ known: ["𠮷"] });
    expect(searchKanji(supplementary.dictionary, "𠮷")._unsafeUnwrap().query).toBe("𠮷");
  });

  it("refuses an empty query, a reading over 10 kana, two characters, and a character the dictionary lacks", () => {
    const { dictionary } = fakeDictionary({ known: ["高"] });
    const reason = (q: string) => searchKanji(dictionary, q)._unsafeUnwrapErr();
    expect(reason("  ")).toEqual({ code: "kanji.invalid_query", reason: "empty" });
    expect(reason("あ".repeat(11)).reason).toBe("too_long");
    expect(searchKanji(dictionary, "あ".repeat(10)).isOk()).toBe(true);
    expect(reason("高橋").reason).toBe("not_kana_or_one_character");
    expect(reason("たか橋").reason).toBe("not_kana_or_one_character");
    expect(reason("橋").reason).toBe("not_in_dictionary");
  });
});
