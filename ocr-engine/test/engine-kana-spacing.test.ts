import { describe, expect, it } from "vitest";
import { kanaTextAtWidestGap } from "../src/engine/kana-spacing.ts";
import type { Recognition, RecognizedWord } from "../src/pipeline/recognizer-pool.ts";

const reading = (words: readonly (readonly [text: string, x0: number, x1: number, line?: number])[]): Recognition => ({
  text: words.map(([t]) => t).join(" "),
  confidence: 90,
  symbols: [],
  words: words.map(([text, x0, x1, line]): RecognizedWord => ({ text, x0, x1, line: line ?? 0 })),
});

describe("kanaTextAtWidestGap: the printed space of a furigana, told from tesseract's word splits", () => {
  it("keeps one space, at the widest gap, when it is decisive (bench seed 17: イノ ウエ キチ ノスケ)", () => {
    expect(kanaTextAtWidestGap(reading([["イノ", 0, 60], ["ウエ", 72, 130], ["キチ", 175, 235], ["ノスケ", 246, 330]]))).toBe("イノウエ キチノスケ");
    expect(kanaTextAtWidestGap(reading([["サイ", 0, 60], ["トウ", 70, 130], ["レン", 180, 240]]))).toBe("サイトウ レン");
  });
  it("leaves the text as read when no gap stands out, the words span lines, there are only two, or boxes overlap", () => {
    expect(kanaTextAtWidestGap(reading([["イノ", 0, 60], ["ウエ", 80, 130], ["キチ", 158, 220]]))).toBe("イノ ウエ キチ");
    expect(kanaTextAtWidestGap(reading([["イノ", 0, 60], ["ウエ", 72, 130, 1], ["キチ", 175, 235, 1]]))).toBe("イノ ウエ キチ");
    expect(kanaTextAtWidestGap(reading([["イノウエ", 0, 120], ["キチノスケ", 170, 300]]))).toBe("イノウエ キチノスケ");
    expect(kanaTextAtWidestGap(reading([["キチ", 0, 200], ["ノ", 100, 140], ["ス", 139, 170]]))).toBe("キチ ノ ス");
    expect(kanaTextAtWidestGap({ text: "イノ ウエ キチ", confidence: 90, symbols: [] })).toBe("イノ ウエ キチ");
  });
});
