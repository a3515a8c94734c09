/**
 * The character-level vote between three or more readings of one crop, the furigana glyph read in both scripts,
 * and kanji counts misread in ways only a count's grammar tells apart. Each example is what the benchmark's
 * readings were (bench-ocr seeds 36–41).
 */
import { describe, expect, it } from "vitest";
import { restoreKanjiCounts } from "../src/postprocess/address.ts";
import { dropScriptTwins, dropSizeTwins } from "../src/postprocess/kana.ts";
import { postProcess } from "../src/postprocess/post-process.ts";
import { readingConsensus } from "../src/postprocess/reading-consensus.ts";
import { readingsFillRings } from "../src/postprocess/reading-stutter.ts";
import { testField } from "./template-field-fixture.ts";

const field = testField;

describe("readingConsensus: a character-level vote between readings", () => {
  it("recovers a value no reading holds whole", () => {
    expect(readingConsensus(["令和5年8月30日", "令和5年3月380日", "令和5年3月30日", "令和5年3月80日", "令和5年3月80日"])).toBe("令和5年3月30日");
    expect(readingConsensus(["4.30.26さんぷる蘭", "4-30-26さんぶる荘", "4.30.26さんぷる議", "4.30.26さんぷる荘", "4-30-26さんぶる林"])).toBe("4.30.26さんぷる荘");
  });
  it("keeps a character only some readings add, only when most add it", () => {
    expect(readingConsensus(["12番地", "112番地", "12番地"])).toBe("12番地");
    expect(readingConsensus(["12番地", "112番地", "112番地"])).toBe("112番地");
  });
  it("drops a character most readings lack", () => {
    expect(readingConsensus(["中央4-3", "中央4-3号", "中央4-3"])).toBe("中央4-3");
  });
  it("gives the agreeing readings' text when two of three agree", () => {
    expect(readingConsensus(["二男", "三男", "三男"])).toBe("三男");
    expect(readingConsensus(["みほん市", "みほん市", "みぼん中"])).toBe("みほん市");
  });
  it("needs three readings: two cannot outvote each other", () => {
    expect(readingConsensus(["3月30日", "8月30日"])).toBeNull();
    expect(readingConsensus([])).toBeNull();
  });
  it("breaks a tie at a place with the backbone, the reading closest to the others", () => {
    // 3月1日 is the first of the two closest to the others; at the month 8, 3 and 5 get one vote each.
    expect(readingConsensus(["8月1日日", "3月1日", "5月1日"])).toBe("3月1日");
  });
});

describe("postProcess: the vote when no two readings agree", () => {
  const planned = field("date-wareki");
  it("takes the consensus, flagged readings_disagree (bench seed 37: 令和5年3月30日, first read 8月)", () => {
    const r = postProcess(planned, "令 和 5 年 8 月 30 日", 88, undefined, {
      secondRaw: "令 和 5 年 3 月 380 日",
      moreRaw: ["令 和 5 年 3 月 30 日", "令 和 5 年 3 月 80 日", "令 和 5 年 3 月 80 日"],
    });
    expect(r.value).toBe("2023-03-30");
    expect(r.needsReview).toBe(true);
    expect(r.reasons).toContain("readings_disagree");
  });
  it("leaves the vote of whole values alone when two readings agree", () => {
    const r = postProcess(field("address"), "中央4丁目12番6号", 90, undefined, { secondRaw: "中央4丁目12番8号", moreRaw: ["中央4丁目12番8号", "中央4丁目72番6号"] });
    expect(r.value).toBe("中央4丁目12番8号");
    expect(r.reasons).toContain("readings_disagree");
  });
  it("is not taken when it stands worse than the best reading", () => {
    // Consensus 二十填番地 does not parse; the first reading does.
    const r = postProcess(field("address"), "中央二十一番地", 90, undefined, { secondRaw: "中央二十填番地", moreRaw: ["中央三十填番地"] });
    expect(r.value).toBe("中央21番地");
    expect(r.needsReview).toBe(true);
  });
  it("is not used for furigana, whose one space a squashed vote would lose", () => {
    const r = postProcess(field("kana"), "ヤマダ ハナコ", 90, undefined, { secondRaw: "ヤマダ ハナユ", moreRaw: ["ヤマグ ハナコ"] });
    expect(r.value).toBe("ヤマダ ハナコ");
  });
});

describe("a furigana glyph read in both scripts", () => {
  it("へ, べ, ぺ twice, once in each script, keep the katakana", () => {
    expect(dropScriptTwins("ワタナベべ カズコ")).toBe("ワタナベ カズコ");
    expect(dropScriptTwins("ワタナべベ カズコ")).toBe("ワタナベ カズコ");
    expect(dropScriptTwins("ペぺ")).toBe("ペ");
  });
  it("other pairs, and two of the same script, are left", () => {
    expect(dropScriptTwins("ベぺ")).toBe("ベぺ");
    expect(dropScriptTwins("ベベ")).toBe("ベベ");
    expect(dropScriptTwins("ササキ")).toBe("ササキ");
    expect(dropScriptTwins("カか")).toBe("カか");
  });
  it("is repaired and flagged, never passed as read (bench seed 37: both readings agreed on ワタナベべ)", () => {
    const r = postProcess(field("kana"), "ワタナベべ カズコ", 83, undefined, { secondRaw: "ワタナベべ カズコ", secondConfidence: 83 });
    expect(r.value).toBe("ワタナベ カズコ");
    expect(r.needsReview).toBe(true);
    expect(r.reasons).toContain("text_repaired");
  });
});

describe("a furigana glyph read in both sizes", () => {
  it("a small kana beside its full-size form is one glyph: kept once, full-size, and flagged (bench seed 68: マユュユミ)", () => {
    expect(dropSizeTwins("イシカワ マユュユミ")).toBe("イシカワ マユミ");
    expect(dropSizeTwins("マユュミ")).toBe("マユミ");
    expect(dropSizeTwins("ヨョシダ")).toBe("ヨシダ");
    const r = postProcess(field("kana"), "イシカワ マユュユミ", 69);
    expect(r.value).toBe("イシカワ マユミ");
    expect(r.reasons).toContain("text_repaired");
  });
  it("leaves small kana where a reading has them, and ッ beside ツ", () => {
    for (const k of ["キョウコ", "シュウヘイ", "リュウ", "ミッツ", "ユウヤ", "ヤヨイ"]) expect(dropSizeTwins(k)).toBe(k);
  });
});

describe("kanji counts misread so that only a count's grammar tells", () => {
  it("一 ending a count read as two long-vowel marks (bench seed 36, every reading: 番地ニ二ーー for 番地二十一)", () => {
    expect(restoreKanjiCounts("みほ ん 県 さん ぷる 村 若 葉 五 丁目 三 十 二 番地 ニ 二 ーー")).toBe("みほん県さんぷる村若葉五丁目三十二番地二十一");
    const r = postProcess(field("address"), "若 葉 五 丁目 三 十 二 番地 ニ 二 ーー", 77, undefined, { secondRaw: "若 葉 五 丁目 三 十 二 番地 ニー" });
    expect(r.value).toBe("若葉5丁目32番地21");
    expect(r.reasons).toContain("text_repaired");
  });
  it("一 ending a count read as one long-vowel mark (bench seed 60: 番地ニ二ー for 番地二十一, beside two readings that lost the 十)", () => {
    expect(restoreKanjiCounts("日 向 六 丁目 ニ 十 五 番 地 ニ 二 ー")).toBe("日向六丁目二十五番地二十一");
    const r = postProcess(field("address"), "日 向 六 丁目 ニ 十 五 番 地 ニ 二 ー", 84, undefined, { secondRaw: "日 向 六 丁目 二 十 五 番地 ニー", moreRaw: ["日 向 六 丁目 ニ 十 五 番 地 ニ エー", "日 向 六 丁目 二 十 五 番地 ニー"] });
    expect(r.value).toBe("日向6丁目25番地21");
    expect(r.reasons).toContain("text_repaired");
    // ー before another numeral is a dash of a dashed block number, and a long-vowel mark after katakana stays.
    for (const a of ["九段北一ー二ー三", "本町二丁目三番地センター"]) expect(restoreKanjiCounts(a)).toBe(a);
  });
  it("a count after a counter read in the katakana look-alikes of its numerals (seed 65: 番地ニ in every reading of five 戸籍附票 rows)", () => {
    expect(restoreKanjiCounts("東 雲 八 丁目 十 二 番 地 ニ")).toBe("東雲八丁目十二番地二");
    expect(restoreKanjiCounts("日向六丁目二十五番地ニエー")).toBe("日向六丁目二十五番地二十一");
    const r = postProcess(field("address"), "東 雲 八 丁目 十 二 番 地 ニ", 89, undefined, { secondRaw: "東 雲 八丁 目 十 二 番 地 ニ" });
    expect(r.value).toBe("東雲8丁目12番地2");
    expect(r.reasons).toContain("text_repaired");
    // A katakana word after a counter is a building: ニューハイツ, センター stay.
    for (const a of ["本町二丁目三番ニューハイツ", "本町二丁目三番地ニシハイツ", "本町二丁目三番地ニーハイツ"]) expect(restoreKanjiCounts(a)).toBe(a);
  });
  it("also where a building name in hiragana or kanji follows the count (seed 70: 番地ニーみほんハイツ twice beside 番地ニ二ーー)", () => {
    expect(restoreKanjiCounts("東雲三丁目八番地ニ二ーーみほんハイツ305号室")).toBe("東雲三丁目八番地二十一みほんハイツ305号室");
    // 二一 there is a count that lost its 十: flagged, so that a reading that kept it wins the vote.
    expect(postProcess(field("address"), "東雲三丁目八番地ニーみほんハイツ305号室", 85).reasons).toContain("pattern_mismatch");
    const r = postProcess(field("address"), "東雲 三 丁目 八 番地 ニー みほ ん ハイ ツ 305 号 室", 85, undefined, {
      secondRaw: "東雲 三 丁 目 八 番地 ニ 二 ーー みほ ん ハイ ツ 305 号 室",
      moreRaw: ["東雲 三 丁 目 八 番地 ニー みほ ん ハイ ツ 305 号 室"],
    });
    expect(r.value).toBe("東雲3丁目8番地二十一みほんハイツ305号室");
    // A building that begins with a numeral is not a count: left as read, unflagged.
    for (const a of ["本町二丁目五番地三井ハイツ", "本町二丁目五番地三つ葉荘"]) {
      expect(restoreKanjiCounts(a)).toBe(a);
      expect(postProcess(field("address"), a, 90).reasons).toEqual([]);
    }
  });
  it("十 read as 士 or ト between two digits of a count, after a counter or before one", () => {
    expect(restoreKanjiCounts("栄町五丁目一番地二士二さんぷる荘")).toBe("栄町五丁目一番地二十二さんぷる荘");
    expect(restoreKanjiCounts("桜台一丁目二十五番地二ト三")).toBe("桜台一丁目二十五番地二十三");
    expect(restoreKanjiCounts("中央二ト三番地")).toBe("中央二十三番地");
    // 十 opening a count of the teens right after a counter, read as 士, 土 or 干 (seed 99: 番士三号); ト or 上 may
    // begin a building name there and are left.
    expect(restoreKanjiCounts("日向二丁目二十五番士三号")).toBe("日向二丁目二十五番十三号");
    expect(restoreKanjiCounts("日向二丁目二十五番地土三")).toBe("日向二丁目二十五番地十三");
    expect(restoreKanjiCounts("日向二丁目二十五番上三ハイツ")).toBe("日向二丁目二十五番上三ハイツ");
    // ナ too (seeds 48–53, 77, 78: 番地ニナー for 番地二十一, every reading of some crops).
    expect(restoreKanjiCounts("栄町五丁目十番地ニナーさんぷる荘401号室")).toBe("栄町五丁目十番地二十一さんぷる荘401号室");
    expect(restoreKanjiCounts("本町三丁目ナカノハイツ")).toBe("本町三丁目ナカノハイツ");
    // 上 too, but only after a counter: before one it may end a place name (二上町).
    expect(restoreKanjiCounts("東雲三丁目八番地ニ上一みほんハイツ")).toBe("東雲三丁目八番地二十一みほんハイツ");
    expect(restoreKanjiCounts("本町二上三番地")).toBe("本町二上三番地");
  });
  it("leaves long-vowel marks after katakana, dashes between numerals and look-alikes not between two digits", () => {
    for (const a of ["センターー1番地", "九段北一ー二ー三", "番地二士", "中央十ートヨタ", "一丁目2番地トミー"]) expect(restoreKanjiCounts(a)).toBe(a);
  });
});

describe("dots that may be a filled ring", () => {
  // bench seed 49, a 戸籍附票 row: every reading has さんぶる荘; one read the village さんぶる村, which the dictionary spells さんぷる村.
  const placeNames = { prefectures: [{ name: "かきこ府", municipalities: [{ name: "さんぷる村", towns: ["緑ケ丘"] }] }] };
  const first = "か きこ 府 さ ん ぷる 村 緑 ケ 丘 3 丁目 23 番 地 25 さん ぶる 荘 406 号 室";
  const others = { secondRaw: "か きこ 府 さ ん ぶる 村 緑 ケ 丘 3 丁目 23 番 地 25 さん ぶる 和 荘 406 号 室", moreRaw: [first] };
  it("a crop whose readings differ by a ring against dots somewhere fills rings", () => {
    expect(readingsFillRings(["さんぷる村緑ケ丘", "さんぶる村緑ケ丘和"])).toBe(true);
    expect(readingsFillRings(["さんぶる荘", "さんぶる荘"])).toBe(false);
    expect(readingsFillRings(["れいぶん県", "れいぶん県1"])).toBe(false);
  });
  it("flags dots beyond the dictionary's place names when the crop's readings show a filled ring (all readings agreed)", () => {
    const r = postProcess(field("address"), first, 88, undefined, others, { placeNames });
    expect(r.value).toBe("かきこ府さんぷる村緑ケ丘3丁目23番地25さんぶる荘406号室");
    expect(r.reasons).toContain("weak_character");
  });
  it("leaves dots alone in place names the dictionary spelt, and in a crop whose readings show no filled ring", () => {
    const dotted = { prefectures: [{ name: "れいぶん県", municipalities: [{ name: "さんぷる村", towns: ["緑ケ丘"] }] }] };
    const ok = postProcess(field("address"), "れい ぶん 県 さん ぷる 村 緑ケ丘 3-1-2", 95, undefined, { secondRaw: "れい ぶん 県 さん ぶる 村 緑ケ丘 3-1-2" }, { placeNames: dotted });
    expect(ok.reasons).not.toContain("weak_character");
    const agreed = postProcess(field("address"), "かきこ府さんぷる村緑ケ丘3-1-2ぶどう荘", 95, undefined, { secondRaw: "かきこ府さんぷる村緑ケ丘3-1-2ぶどう荘" }, { placeNames });
    expect(agreed.needsReview).toBe(false);
  });
});
