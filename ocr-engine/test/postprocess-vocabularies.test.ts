import { describe, expect, it } from "vitest";
import { postProcess } from "../src/postprocess/post-process.ts";
import { correctPlaceNames, type PlaceNameDictionary } from "../src/postprocess/vocabularies.ts";
import { syntheticVocabularies } from "../src/synthetic/synthetic-vocabularies.ts";
import { decodeVocabularies } from "../src/postprocess/vocabularies.schema.ts";
import { testField } from "./template-field-fixture.ts";

const field = testField;

const towns = ["中央", "本町", "桜台", "旭町", "栄町"];
const dictionary: PlaceNameDictionary = {
  prefectures: [
    { name: "さんぷる県", municipalities: [{ name: "あおば市", towns }, { name: "さんぷる村", towns }] },
    { name: "みほん県", municipalities: [{ name: "もくじ市", towns }, { name: "あおば市" }] },
  ],
};

describe("correcting the place names an address starts with", () => {
  it("corrects a misread 都道府県, 市区町村 and 町域 to the dictionary's spelling, level by level", () => {
    expect(correctPlaceNames("さんぶる県あおは市桜全1-10-17", dictionary)).toEqual({ value: "さんぷる県あおば市桜台1-10-17", corrected: true, known: true, placeLength: 11 });
    expect(correctPlaceNames("さんぷる県さんぶる村本町7-34-9", dictionary)).toEqual({ value: "さんぷる県さんぷる村本町7-34-9", corrected: true, known: true, placeLength: 12 });
  });
  it("takes ヶ for ケ (and ヵ for カ) as the same character: 緑ヶ丘 misread once more is still 緑ケ丘", () => {
    const withKe: PlaceNameDictionary = { prefectures: [{ name: "れいぶん県", municipalities: [{ name: "ためし町", towns: ["緑ケ丘", "中央"] }] }] };
    expect(correctPlaceNames("れいぶん県ためし町縁ヶ丘2丁目28番地5", withKe)).toEqual({ value: "れいぶん県ためし町緑ケ丘2丁目28番地5", corrected: true, known: true, placeLength: 12 });
  });
  it("leaves an address already spelt as listed alone", () => {
    expect(correctPlaceNames("さんぷる県あおば市旭町8丁目37番地3", dictionary)).toEqual({ value: "さんぷる県あおば市旭町8丁目37番地3", corrected: false, known: true, placeLength: 11 });
  });
  it("matches a municipality among all when the prefecture is not written (the same name twice is no tie)", () => {
    expect(correctPlaceNames("あおは市中央1-2-3", dictionary).value).toBe("あおば市中央1-2-3");
  });
  it("never guesses between two equally close names, and stops at the first level that matches nothing", () => {
    // 介町 is one character from both 旭町 and 栄町: not corrected, and not known.
    expect(correctPlaceNames("さんぷる県あおば市介町7丁目", dictionary)).toEqual({ value: "さんぷる県あおば市介町7丁目", corrected: false, known: false, placeLength: 9 });
    // Two misread characters in a 5-character name are too many, and the rest is not read as a prefix-less address.
    expect(correctPlaceNames("さんぶろ県あおは市中央1", dictionary)).toEqual({ value: "さんぶろ県あおは市中央1", corrected: false, known: false, placeLength: 0 });
    // A municipality without a town list: the town is left as read, and the address counts as known.
    expect(correctPlaceNames("みほん県あおば市桜全1", dictionary)).toEqual({ value: "みほん県あおば市桜全1", corrected: false, known: true, placeLength: 8 });
    expect(correctPlaceNames("東京都千代田区九段北1-2-3", dictionary)).toEqual({ value: "東京都千代田区九段北1-2-3", corrected: false, known: false, placeLength: 0 });
  });
});

describe("post-processing with the deployment's vocabularies", () => {
  const vocabularies = { placeNames: dictionary, lists: { nationality: ["ミホン国", "タメシ共和国", "サンプル連邦"] } };
  it("an address corrected to the dictionary is flagged place_name_corrected; one spelt as listed is not", () => {
    expect(postProcess(field("address"), "さん ぶる 県 あお ば 市 桜 台 1-10-17", 95, undefined, {}, vocabularies)).toMatchObject({
      value: "さんぷる県あおば市桜台1-10-17",
      reasons: ["place_name_corrected"],
    });
    expect(postProcess(field("address"), "さん ぷる 県 あお ば 市 桜 台 1-10-17", 95, undefined, {}, vocabularies).reasons).toEqual([]);
    // A town the dictionary cannot place is flagged; a second reading it can place is preferred (still flagged).
    expect(postProcess(field("address"), "さん ぷる 県 あお ば 市 介 町 7 丁目", 95, undefined, {}, vocabularies).reasons).toEqual(["place_name_unknown"]);
    expect(postProcess(field("address"), "さん ぷる 県 あお ば 市 介 町 7 丁目", 95, undefined, { secondRaw: "さんぷる県あおば市旭町7丁目" }, vocabularies)).toMatchObject({
      value: "さんぷる県あおば市旭町7丁目",
      reasons: ["readings_disagree"],
    });
    // A first reading the grammar rejects gives way to a second one accepted once mended, with the second's reasons.
    expect(
      postProcess(field("address"), "さん ぶる 県 あお は 市 旭町 1 日 4 番 14 喘", 95, undefined, { secondRaw: "さん ぶる 県 あお ば 市 旭町 1 本 日 4 番 14 号" }, vocabularies),
    ).toMatchObject({ value: "さんぷる県あおば市旭町1丁目4番14号", reasons: ["text_repaired", "place_name_corrected", "readings_disagree"] });
    // Without a dictionary the reading is kept as it is.
    expect(postProcess(field("address"), "さん ぶる 県 あお ば 市 桜 台 1-10-17", 95).value).toBe("さんぶる県あおば市桜台1-10-17");
  });
  it("a text field naming a vocabulary is corrected to it (enum_corrected), or kept and flagged when nothing is close", () => {
    const nationality = field("text", { post: { vocabulary: "nationality" } });
    expect(postProcess(nationality, "サン ブル 連 孝", 95, undefined, {}, vocabularies)).toMatchObject({ value: "サンプル連邦", reasons: ["enum_corrected"] });
    expect(postProcess(nationality, "ミホン国", 95, undefined, {}, vocabularies)).toMatchObject({ value: "ミホン国", reasons: [] });
    expect(postProcess(nationality, "ブラジル", 95, undefined, {}, vocabularies)).toMatchObject({ value: "ブラジル", reasons: ["unknown_enum_value"] });
    // A deployment that gave no such list reads the text as it is.
    expect(postProcess(nationality, "サン ブル 連邦", 95)).toMatchObject({ value: "サンブル連邦", reasons: [] });
  });
  it("the synthetic world's vocabularies hold every fictional prefecture × municipality and the nationalities", () => {
    const v = syntheticVocabularies();
    expect(v.placeNames?.prefectures.length).toBe(5);
    expect(v.placeNames?.prefectures.every((p) => p.municipalities.length === 6 && p.municipalities.every((m) => (m.towns ?? []).length === 10))).toBe(true);
    expect(v.lists?.["nationality"]).toContain("サンプル連邦");
  });
});

describe("the vocabularies' JSON form", () => {
  it("decodes a deployment's file and reports every problem with its path", () => {
    expect(decodeVocabularies(syntheticVocabularies())._unsafeUnwrap()).toEqual(syntheticVocabularies());
    const bad = decodeVocabularies({ placeNames: { prefectures: [{ name: "", municipalities: [{ nam: "あおば市" }] }] }, lists: { Nationality: ["ミホン国"] } });
    expect(bad._unsafeUnwrapErr().map((i) => i.path)).toEqual(expect.arrayContaining(["placeNames.prefectures.0.name", "placeNames.prefectures.0.municipalities.0.name", "lists.Nationality"]));
  });
});
