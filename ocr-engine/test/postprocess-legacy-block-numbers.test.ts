import { describe, expect, it } from "vitest";
import { mendLegacyLookalikes, spliceLegacyBlockNumbers, trailingBlockNumbers } from "../src/postprocess/legacy-block-numbers.ts";
import { postProcess } from "../src/postprocess/post-process.ts";
import type { Vocabularies } from "../src/postprocess/vocabularies.ts";
import { syntheticVocabularies } from "../src/synthetic/synthetic-vocabularies.ts";
import { testField } from "./template-field-fixture.ts";

const towns = ["中央", "本町", "桜台", "栄町", "東雲"];
const vocabularies: Vocabularies = {
  placeNames: { prefectures: [{ name: "みほん県", municipalities: [{ name: "ためし町", towns }] }, { name: "ためし県", municipalities: [{ name: "さんぷる村", towns }] }] },
};
const address = testField("address");
const wellFormed = () => true;

describe("the block numbers at the end of an address", () => {
  it("are the last run of numbers and counters, with nothing after them", () => {
    expect(trailingBlockNumbers("みほん県ためし町栄町3丁目11番11号")).toBe("3丁目11番11号");
    expect(trailingBlockNumbers("ー~〈じ鑽刺7丁目24番地13")).toBe("7丁目24番地13");
    expect(trailingBlockNumbers("さんぷる県あおば市緑ケ丘6-24-9")).toBe("6-24-9");
    // A building and a room after the numbers: no pure block numbers at the end.
    expect(trailingBlockNumbers("さんぷる荘206号室")).toBeNull();
    expect(trailingBlockNumbers("みほん県ためし町")).toBeNull();
  });
});

describe("splicing the legacy reading's block numbers into a broken address", () => {
  const chosen = (value: string, placeLength: number, wf = false) => ({ value, placeLength, wellFormed: wf });
  /** A legacy reading whose place names were not found (placeLength 0), or were (`placeLength`). */
  const L = (value: string, placeLength = 0) => ({ value, placeLength });

  it("takes them after the chosen reading's place names when both start with the same first number and counter", () => {
    // 三丁目トー番十呂 (the line model) beside 三丁目十一番十一号 (legacy, place names garbled).
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3丁目ト-番十呂", 10), L("みほ/〉県ため璽町栄町3丁目11番11号"), wellFormed)).toBe("みほん県ためし町栄町3丁目11番11号");
  });

  it("anchors on the first number alone, or puts the chosen reading's 丁目 before numbers that start with 番", () => {
    // 七上日ニキ2番… (the line model lost 丁目) beside the legacy reading's 7丁目23番22号: the same first number.
    expect(spliceLegacyBlockNumbers(chosen("かきこ府ひがしみほん市本町7上日ニキ2番ト二呈", 13), L("か萱ニ府7丁目23番22号"), wellFormed)).toBe("かきこ府ひがしみほん市本町7丁目23番22号");
    // The legacy reading lost 七丁目 (ヒ「目) and kept 1番地27: after the chosen reading's own 7丁目.
    expect(spliceLegacyBlockNumbers(chosen("ためし県さんぷる村東雲7丁目1番地ミトセ", 11), L("東雲ヒ・目1番地27"), wellFormed)).toBe("ためし県さんぷる村東雲7丁目1番地27");
  });

  it("takes the whole legacy reading when it found the very same place names", () => {
    // 本日詞上2番地ニニトヒ: the line model lost even the first number; the legacy reading read the line right.
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町桜台本日詞上2番地ニニトヒ", 10), L("みほん県ためし町桜台1丁目32番地27", 10), wellFormed)).toBe("みほん県ためし町桜台1丁目32番地27");
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町桜台本日詞上2番地ニニトヒ", 10), L("みほん県ためし町栄町1丁目32番地27", 10), wellFormed)).toBeNull();
  });

  it("keeps the chosen reading when its tail is well-formed, its places unknown, or the first numbers differ", () => {
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3丁目20番", 10, true), L("3丁目24番"), wellFormed)).toBeNull();
    expect(spliceLegacyBlockNumbers(chosen("東京都千代田区3丁目ト-番", 0), L("3丁目11番"), wellFormed)).toBeNull();
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3丁目ト-番十呂", 10), L("8丁目11番11号"), wellFormed)).toBeNull();
    // Numbers that start with 番 after a chosen reading without a 丁目 block: nothing to anchor them to.
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3ト-番十呂", 10), L("11番11号"), wellFormed)).toBeNull();
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3丁目ト-番十呂", 10), L("みほん県ためし町栄町3丁目"), () => false)).toBeNull();
    expect(spliceLegacyBlockNumbers(chosen("みほん県ためし町栄町3丁目ト-番十呂", 10), L("garbage"), wellFormed)).toBeNull();
  });
});

describe("the legacy recogniser's look-alikes in block numbers", () => {
  it("are 丁 (T, ], 「 before 目) and 十 (+), nothing else", () => {
    expect(mendLegacyLookalikes("栄竈三T目 二+五番十三号")).toBe("栄竈三丁目 二十五番十三号");
    expect(mendLegacyLookalikes("市利七]' 目二十三番")).toBe("市利七丁目二十三番");
    expect(mendLegacyLookalikes("楼台T目")).toBe("楼台T目");
    expect(mendLegacyLookalikes("栄町二丁目二 `卜七番地十四")).toBe("栄町二丁目二十七番地十四");
    expect(mendLegacyLookalikes("日向七丁目 ト四番地二十四")).toBe("日向七丁目十四番地二十四");
    expect(mendLegacyLookalikes("トヨタ四")).toBe("トヨタ四");
    expect(mendLegacyLookalikes("四T目三 ′卜一番十五号")).toBe("四丁目三十一番十五号");
    expect(mendLegacyLookalikes("丘四 ]〝目")).toBe("丘四丁目");
  });
});

describe("post-processing an address with a legacy reading", () => {
  it("mends broken block numbers from the legacy reading, flagged text_repaired and, being small, text_too_small", () => {
    const result = postProcess(address, "みほん県ためし町栄町三丁目トー番十呂", 70, address.region, { legacyRaw: "みほ/〉県ため璽町栄町三丁目十一番十一号", textHeight: 16 }, vocabularies);
    expect(result.value).toBe("みほん県ためし町栄町3丁目11番11号");
    expect(result.needsReview).toBe(true);
    expect(result.reasons).toEqual(expect.arrayContaining(["text_repaired", "text_too_small"]));
    expect(result.reasons).not.toContain("pattern_mismatch");
  });

  it("takes a legacy reading whose place names are the chosen reading's (seen on a fresh 在留カード at 200 dpi)", () => {
    const result = postProcess(address, "れいぶん県あおば市栄町一日こト7番地寺由", 60, address.region, { legacyRaw: "れいぶん県あぉば市栄町二丁目二 `卜七番地十四", textHeight: 17 }, syntheticVocabularies());
    expect(result.value).toBe("れいぶん県あおば市栄町2丁目27番地14");
    expect(result.reasons).toEqual(expect.arrayContaining(["text_repaired", "text_too_small"]));
  });

  it("leaves a well-formed reading alone, and without the place-name dictionary never splices", () => {
    const fine = postProcess(address, "みほん県ためし町栄町三丁目十一番十一号", 90, address.region, { legacyRaw: "みほん県ためし町栄町三丁目十二番十一号" }, vocabularies);
    expect(fine.value).toBe("みほん県ためし町栄町3丁目11番11号");
    const noDictionary = postProcess(address, "みほん県ためし町栄町三丁目トー番十呂", 70, address.region, { legacyRaw: "みほん県ためし町栄町三丁目十一番十一号" }, {});
    expect(noDictionary.value).not.toBe("みほん県ためし町栄町3丁目11番11号");
    expect(noDictionary.reasons).toContain("pattern_mismatch");
  });
});
