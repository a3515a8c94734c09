import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderLines } from "../src/output/render-lines.ts";
import { displayWidth, formatTable } from "../src/output/text-table.ts";

// No spaces inside cells, so that the padding can be read back unambiguously.
const cell = fc.string({ unit: fc.constantFrom("a", "Z", "1", "-", "住", "民", "票", "髙", "𠮷", "ア", "ｱ", "（", "円", "¥"), minLength: 1, maxLength: 12 });

describe("terminal text", () => {
  it("counts kanji, kana, full-width forms and CJK extension characters as two columns", () => {
    expect(displayWidth("juminhyo")).toBe(8);
    expect(displayWidth("住民票の写し")).toBe(12);
    expect(displayWidth("髙橋 𠮷子")).toBe(9);
    expect(displayWidth("（必須）")).toBe(8);
    expect(displayWidth("ｱ")).toBe(1); // half-width katakana
  });

  it("lines up every column in display width, whatever mix of scripts, with no trailing spaces", () => {
    const rowsOf = fc.integer({ min: 1, max: 4 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(rowsOf, (rows) => {
        const lines = formatTable(rows);
        // The display column where each cell starts, read back from the printed line.
        const starts = rows.map((row, r) => {
          let rest = lines[r]!;
          let column = 0;
          return row.map((text, c) => {
            const start = column;
            expect(rest.startsWith(text)).toBe(true);
            rest = rest.slice(text.length);
            column += displayWidth(text);
            if (c < row.length - 1) {
              const pad = /^ */.exec(rest)![0].length;
              expect(pad).toBeGreaterThanOrEqual(2);
              rest = rest.slice(pad);
              column += pad;
            } else {
              expect(rest).toBe("");
            }
            return start;
          });
        });
        for (const s of starts) expect(s).toEqual(starts[0]);
      }),
    );
  });

  it("prints translated lines in one language, or Japanese then English, and neutral lines once", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "x", "1"), minLength: 1, maxLength: 6 });
    const line = fc.oneof(text.map((s) => `n:${s}`), fc.record({ ja: text.map((s) => `j:${s}`), en: text.map((s) => `e:${s}`) }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        expect(renderLines(lines, "ja")).toBe(lines.map((l) => (typeof l === "string" ? l : l.ja)).join("\n"));
        expect(renderLines(lines, "en")).toBe(lines.map((l) => (typeof l === "string" ? l : l.en)).join("\n"));
        const both = renderLines(lines, "both").split("\n").filter((l) => l !== "");
        // Every text appears exactly as often as it was given: neutral once, each language once.
        const expected = lines.flatMap((l) => (typeof l === "string" ? [l] : [l.ja, l.en])).filter((l) => l !== "");
        expect([...both].sort()).toEqual([...expected].sort());
        // Within a run of translated lines, all the Japanese comes before any of the English.
        const firstEn = both.findIndex((l) => l.startsWith("e:"));
        const lastJa = both.findLastIndex((l) => l.startsWith("j:"));
        if (lines.every((l) => typeof l !== "string") && firstEn !== -1) expect(lastJa).toBeLessThan(firstEn);
      }),
    );
  });
});
