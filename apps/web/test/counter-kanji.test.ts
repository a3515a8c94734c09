import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { KanjiRelation, KanjiSearchItem, KanjiSearchResult } from "@madoguchi/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { counterApi } from "../src/pages/staff/counter/counter-api.ts";
import { CounterKanjiPanel } from "../src/pages/staff/counter/counter-kanji-panel.tsx";
import { groupKanji, isBlankKanjiQuery, KANJI_RELATION_ORDER, kanjiButtonLabel, kanjiReadings, kanjiStrokes } from "../src/pages/staff/counter/counter-kanji.ts";
import { counterMessages } from "../src/pages/staff/counter/counter-messages.ts";
import { MEMO_INPUT_ID, MEMO_TARGET } from "../src/pages/staff/counter/counter-memo.ts";
import { targetInputId } from "../src/pages/staff/counter/counter-type-into.ts";

const item = (char: string, relation: KanjiRelation, more: Partial<KanjiSearchItem> = {}): KanjiSearchItem => ({
  char,
  codePoint: `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
  on: [],
  kun: [],
  nanori: [],
  strokes: null,
  radical: null,
  residualStrokes: null,
  relation,
  ...more,
});

const taka = item("髙", "variant", { on: ["コウ"], kun: ["たかい"], strokes: 11, radical: 189, residualStrokes: 0 });

describe("groupKanji", () => {
  it("groups by relation in the order shown — same, variant, reading, same radical and strokes — each in the server's order", () => {
    const items = [
      item("吉", "same"),
      item("𠮷", "same_radical_strokes"),
      item("告", "same_radical_strokes"),
      item("髙", "variant"),
      item("高", "reading"),
      item("隆", "reading"),
    ];
    const groups = groupKanji(items);
    expect(groups.map((g) => g.relation)).toEqual(["same", "variant", "reading", "same_radical_strokes"]);
    expect(groups.map((g) => g.items.map((i) => i.char))).toEqual([["吉"], ["髙"], ["高", "隆"], ["𠮷", "告"]]);
    expect(KANJI_RELATION_ORDER).toEqual(["same", "variant", "reading", "same_radical_strokes"]);
  });

  it("leaves out the relations nothing was found for", () => {
    expect(groupKanji([item("高", "reading"), item("鷹", "reading")]).map((g) => g.relation)).toEqual(["reading"]);
    expect(groupKanji([])).toEqual([]);
  });

  it("has a heading for every relation, in both languages", () => {
    for (const relation of KANJI_RELATION_ORDER) {
      expect(counterMessages.ja.kanjiRelations[relation]).not.toBe("");
      expect(counterMessages.en.kanjiRelations[relation]).not.toBe("");
    }
    expect(counterMessages.ja.kanjiRelations).toEqual({ same: "同じ字", variant: "異体字", reading: "読みが一致", same_radical_strokes: "部首・画数が同じ字" });
  });
});

describe("a character's button", () => {
  it("is named by the character, its code point, all its readings (音, 訓, 名乗り) and its strokes", () => {
    expect(kanjiButtonLabel(taka, "ja")).toBe("髙（U+9AD9、コウ、たかい、11画）を入力");
    expect(kanjiButtonLabel(taka, "en")).toBe("Enter 髙 (U+9AD9, コウ, たかい, 11 strokes)");
    expect(kanjiButtonLabel(item("𠮷", "same_radical_strokes", { strokes: 6 }), "ja")).toBe("𠮷（U+20BB7、6画）を入力");
    expect(kanjiButtonLabel(item("斎", "reading", { on: ["サイ"], kun: ["いつき"], nanori: ["ひとし", "よし"], strokes: 11 }), "ja")).toBe(
      "斎（U+658E、サイ、いつき、ひとし、よし、11画）を入力",
    );
  });

  it("says nothing of strokes when they are unknown", () => {
    expect(kanjiButtonLabel(item("﨑", "variant"), "ja")).toBe("﨑（U+FA11）を入力");
    expect(kanjiStrokes(item("﨑", "variant"), "ja")).toBe("");
    expect(kanjiStrokes({ strokes: 1 }, "en")).toBe("1 stroke");
  });

  it("shows at most two readings of each kind under the character", () => {
    expect(kanjiReadings(taka)).toBe("コウ・たかい");
    expect(kanjiReadings({ on: ["セイ", "ショウ", "ジョウ"], kun: ["いきる", "うまれる", "なま"], nanori: [] })).toBe("セイ・ショウ…・いきる・うまれる…");
    expect(kanjiReadings({ on: ["リュウ"], kun: [], nanori: ["たか", "たかし", "ゆたか"] })).toBe("リュウ・たか・たかし…");
    expect(kanjiReadings({ on: [], kun: [], nanori: [] })).toBe("");
  });
});

describe("the query", () => {
  it("is not sent when empty or blank (the server says why for anything else)", () => {
    expect(isBlankKanjiQuery("")).toBe(true);
    expect(isBlankKanjiQuery(" \u3000")).toBe(true);
    expect(isBlankKanjiQuery("たか")).toBe(false);
    expect(isBlankKanjiQuery("abc")).toBe(false);
  });
});

describe("counterApi.kanji", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("GETs the search with the query encoded, in the page's language, and passes the server's refusal on as its message", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const found: KanjiSearchResult = { query: "高", mode: "character", items: [item("高", "same"), taka], truncated: false };
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(
        url.endsWith(encodeURIComponent("高"))
          ? new Response(JSON.stringify(found), { status: 200, headers: { "Content-Type": "application/json" } })
          : new Response(JSON.stringify({ error: { code: "kanji.invalid_query", message: "かなか漢字1字で検索してください。" } }), { status: 400 }),
      );
    });
    const ok = await counterApi("ja").kanji("高", new AbortController().signal);
    expect(calls[0]?.url).toBe("/api/staff/counter/kanji?q=%E9%AB%98");
    expect(calls[0]?.init.method).toBe("GET");
    expect((calls[0]?.init.headers as Record<string, string>)["Accept-Language"]).toBe("ja");
    expect((calls[0]?.init.headers as Record<string, string>)["X-CSRF-Token"]).toBeUndefined();
    expect(ok).toEqual({ ok: true, status: 200, data: found });

    const refused = await counterApi("en").kanji("a&b=c", new AbortController().signal);
    expect(calls[1]?.url).toBe("/api/staff/counter/kanji?q=a%26b%3Dc");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.status).toBe(400);
      expect(refused.error.code).toBe("kanji.invalid_query");
      expect(refused.error.message).toBe("かなか漢字1字で検索してください。");
    }
  });
});

describe("CounterKanjiPanel", () => {
  const panel = () => renderToStaticMarkup(createElement(I18nProvider, null, createElement(CounterKanjiPanel, { target: null, onTargetGone: () => undefined })));

  it("offers the search, closed, with a status region ready for messages", () => {
    const html = panel();
    expect(html).toMatch(/^<details[^>]*data-testid="counter-kanji"/);
    expect(html).not.toMatch(/^<details[^>]*\sopen/);
    expect(html).toContain(`<summary class="counter-phrases__summary">${counterMessages.ja.kanjiHeading}</summary>`);
    expect(html).toContain(`<label class="field__label" for="counter-kanji-query">${counterMessages.ja.kanjiQuery}</label>`);
    expect(html).toContain(`>${counterMessages.ja.kanjiSearch}</button>`);
    expect(html).toMatch(/<p id="counter-kanji-status" role="status"[^>]*data-testid="counter-kanji-status"/);
  });

  it("puts into the value chosen last through the same input ids as the registered phrases", () => {
    expect(targetInputId({ person: 0, field: "name" })).toBe("counter-person-0-name");
    expect(targetInputId({ field: "address.new" })).toBe("counter-address-new");
    expect(targetInputId(MEMO_TARGET)).toBe(MEMO_INPUT_ID);
  });
});
