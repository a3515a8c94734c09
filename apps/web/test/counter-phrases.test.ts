import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MAX_COUNTER_PHRASE_LENGTH, MAX_COUNTER_PHRASES, type CounterPhrase } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { counterMessages, phraseProblemText } from "../src/pages/staff/counter/counter-messages.ts";
import {
  checkNewPhrase,
  insertPhrase,
  newPhraseId,
  phraseLength,
  withoutPhrase,
  withPhrase,
  type PhraseProblem,
} from "../src/pages/staff/counter/counter-phrases.ts";
import { CounterPhrasesPanel } from "../src/pages/staff/counter/counter-phrases-panel.tsx";

const list = (...texts: string[]): CounterPhrase[] => texts.map((text, i) => ({ id: `p-${i}`, text }));

describe("insertPhrase", () => {
  it("puts the phrase at a caret at the start, in the middle and at the end, the caret after it", () => {
    expect(insertPhrase("一丁目", 0, 0, "中央")).toEqual({ value: "中央一丁目", caret: 2 });
    expect(insertPhrase("中央一丁目2番", 2, 2, "ビル")).toEqual({ value: "中央ビル一丁目2番", caret: 4 });
    expect(insertPhrase("中央", 2, 2, "一丁目")).toEqual({ value: "中央一丁目", caret: 5 });
  });

  it("replaces the selection", () => {
    expect(insertPhrase("中央XX丁目", 2, 4, "一")).toEqual({ value: "中央一丁目", caret: 3 });
    expect(insertPhrase("全部", 0, 2, "みほんハイツ")).toEqual({ value: "みほんハイツ", caret: 6 });
  });

  it("takes a backward selection as the same range", () => {
    expect(insertPhrase("中央XX丁目", 4, 2, "一")).toEqual({ value: "中央一丁目", caret: 3 });
  });

  it("appends when the input no longer knows its caret", () => {
    expect(insertPhrase("中央", null, null, "一丁目")).toEqual({ value: "中央一丁目", caret: 5 });
    expect(insertPhrase("", null, null, "みほんハイツ")).toEqual({ value: "みほんハイツ", caret: 6 });
  });

  it("takes a caret without an end as a caret", () => {
    expect(insertPhrase("ab", 1, null, "X")).toEqual({ value: "aXb", caret: 2 });
  });

  it("clamps positions beyond the value", () => {
    expect(insertPhrase("ab", 9, 12, "X")).toEqual({ value: "abX", caret: 3 });
    expect(insertPhrase("ab", -3, 0, "X")).toEqual({ value: "Xab", caret: 1 });
  });

  it("counts the caret in UTF-16 units, as an input does, and never splits a surrogate pair", () => {
    // "𠮷野" is three UTF-16 units; after 𠮷 is index 2.
    expect(insertPhrase("𠮷野", 2, 2, "田")).toEqual({ value: "𠮷田野", caret: 3 });
    expect(insertPhrase("𠮷", 1, 1, "X")).toEqual({ value: "𠮷X", caret: 3 });
    expect(insertPhrase("a", 0, 0, "𠮷")).toEqual({ value: "𠮷a", caret: 2 });
  });
});

describe("checkNewPhrase", () => {
  it("accepts a phrase, trimmed", () => {
    expect(checkNewPhrase([], "みほんハイツ")).toBeNull();
    expect(checkNewPhrase(list("a"), "  みほんハイツ　")).toBeNull();
  });

  it("refuses an empty phrase, blanks only too", () => {
    expect(checkNewPhrase([], "")).toBe("empty");
    expect(checkNewPhrase([], " 　 ")).toBe("empty");
  });

  it(`refuses more than ${MAX_COUNTER_PHRASE_LENGTH} characters, counting code points`, () => {
    expect(checkNewPhrase([], "あ".repeat(MAX_COUNTER_PHRASE_LENGTH))).toBeNull();
    expect(checkNewPhrase([], "あ".repeat(MAX_COUNTER_PHRASE_LENGTH + 1))).toBe("too_long");
    // 100 × 𠮷 is 200 UTF-16 units but 100 characters.
    expect(phraseLength("𠮷".repeat(MAX_COUNTER_PHRASE_LENGTH))).toBe(MAX_COUNTER_PHRASE_LENGTH);
    expect(checkNewPhrase([], "𠮷".repeat(MAX_COUNTER_PHRASE_LENGTH))).toBeNull();
    expect(checkNewPhrase([], "𠮷".repeat(MAX_COUNTER_PHRASE_LENGTH + 1))).toBe("too_long");
  });

  it("refuses line breaks, tabs and the Unicode line separators inside a phrase", () => {
    expect(checkNewPhrase([], "中央\n一丁目")).toBe("line_break");
    expect(checkNewPhrase([], "中央\r\n一丁目")).toBe("line_break");
    expect(checkNewPhrase([], "中央\t一丁目")).toBe("line_break");
    expect(checkNewPhrase([], "中央\u2028一丁目")).toBe("line_break");
    // At the ends they are trimmed away, as the phrase is kept trimmed.
    expect(checkNewPhrase([], "中央一丁目\n")).toBeNull();
  });

  it("refuses a phrase registered already (after trimming)", () => {
    expect(checkNewPhrase(list("みほんハイツ"), "みほんハイツ")).toBe("duplicate");
    expect(checkNewPhrase(list("みほんハイツ"), " みほんハイツ ")).toBe("duplicate");
    expect(checkNewPhrase(list("みほんハイツ"), "みほんハイツ2")).toBeNull();
  });

  it(`refuses a phrase beyond ${MAX_COUNTER_PHRASES}`, () => {
    const full = Array.from({ length: MAX_COUNTER_PHRASES }, (_, i) => ({ id: `p-${i}`, text: `語句${i}` }));
    expect(checkNewPhrase(full, "新しい語句")).toBe("too_many");
    expect(checkNewPhrase(full.slice(1), "新しい語句")).toBeNull();
  });

  it("has words for every problem in both languages", () => {
    const problems: PhraseProblem[] = ["empty", "too_long", "line_break", "duplicate", "too_many"];
    for (const problem of problems) {
      expect(phraseProblemText(problem, "ja")).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(phraseProblemText(problem, "en")).toMatch(/^[A-Z]/);
    }
    expect(phraseProblemText("too_long", "ja")).toContain(String(MAX_COUNTER_PHRASE_LENGTH));
    expect(phraseProblemText("too_many", "en")).toContain(String(MAX_COUNTER_PHRASES));
  });
});

describe("newPhraseId", () => {
  const slug = /^[a-z0-9][a-z0-9-]{0,63}$/;

  it("makes `p-` and 12 hex digits, a slug as core wants", () => {
    const id = newPhraseId([]);
    expect(id).toMatch(/^p-[0-9a-f]{12}$/);
    expect(id).toMatch(slug);
  });

  it("uses the random bytes it is given", () => {
    expect(newPhraseId([], (n) => new Uint8Array(n).fill(0xab))).toBe("p-abababababab");
  });

  it("never reuses an id of the list", () => {
    let call = 0;
    const bytes = (n: number) => new Uint8Array(n).fill(call++ === 0 ? 0 : 1);
    expect(newPhraseId([{ id: "p-000000000000", text: "a" }], bytes)).toBe("p-010101010101");
  });

  it("makes different ids", () => {
    expect(new Set(Array.from({ length: 50 }, () => newPhraseId([]))).size).toBe(50);
  });
});

describe("withPhrase / withoutPhrase", () => {
  it("adds a trimmed phrase last and removes by id, leaving the list given as it was", () => {
    const before = list("a", "b");
    expect(withPhrase(before, " c ", "p-new")).toEqual([...before, { id: "p-new", text: "c" }]);
    expect(withoutPhrase(before, "p-0")).toEqual([{ id: "p-1", text: "b" }]);
    expect(withoutPhrase(before, "p-none")).toEqual(before);
    expect(before).toEqual(list("a", "b"));
  });
});

describe("CounterPhrasesPanel", () => {
  const panel = (target: Parameters<typeof CounterPhrasesPanel>[0]["target"]) =>
    renderToStaticMarkup(createElement(I18nProvider, null, createElement(CounterPhrasesPanel, { target, csrfToken: "t", onTargetGone: () => undefined })));

  it("asks for a value to be chosen first, with a status region ready for messages", () => {
    const html = panel(null);
    expect(html).toContain('data-testid="counter-phrases"');
    expect(html).toContain(counterMessages.ja.phrasesNoTarget);
    expect(html).toContain(counterMessages.ja.phrasesHeading);
    expect(html).toMatch(/<p role="status"[^>]*data-testid="counter-phrases-status"/);
  });

  it("names the value a phrase will go into", () => {
    const html = panel({ field: "address.new" });
    expect(html).not.toContain(counterMessages.ja.phrasesNoTarget);
    expect(html).toContain("挿入先：「");
  });
});
