import { describe, expect, it } from "vitest";
import {
  basicInformationPrefill,
  compareWithBasicInformation,
  isBelowSignatureCertificateAge,
  normaliseAddressForComparison,
  parseJpkiDateOfBirth,
  type BasicInformation,
} from "../src/index.ts";

const info = (over: Partial<BasicInformation> = {}): BasicInformation => ({
  name: "髙橋 𠮷子",
  nameSubstitute: "高橋 吉子",
  sex: "2",
  dateOfBirth: parseJpkiDateOfBirth("419900102")!,
  address: "みほん県みほん市中央一丁目1番1号",
  addressSubstitute: "",
  ...over,
});

const same = (typed: Partial<{ name: string; address: string; dateOfBirth: string }>, certificate = info()) => {
  const result = compareWithBasicInformation({ name: "髙橋𠮷子", address: "みほん県みほん市中央1-1-1", dateOfBirth: "1990-01-02", ...typed }, certificate);
  return Object.fromEntries(result.map((r) => [r.field, r.same]));
};

describe("compareWithBasicInformation (what the resident typed against the certificate's 4-info)", () => {
  it("reads spaces (半角 and 全角) and 全角/半角 letters and digits as the same", () => {
    expect(same({ name: "髙橋　𠮷子" }).name).toBe(true);
    expect(same({ name: " 髙橋 𠮷子 " }).name).toBe(true);
    expect(same({ address: "みほん県みほん市中央１－１－１" }).address).toBe(true);
    expect(same({ dateOfBirth: "１９９０-01-02" }).dateOfBirth).toBe(true);
  });

  it("reads the glyph variants 髙/高 and 𠮷/吉 as the same, and the certificate's own substitute characters", () => {
    expect(same({ name: "高橋吉子" }).name).toBe(true);
    // A substitute that is not a glyph variant: only because the certificate says so.
    const withSubstitute = info({ name: "邊見 花子", nameSubstitute: "辺見 花子" });
    expect(same({ name: "辺見花子" }, withSubstitute).name).toBe(true);
  });

  it("keeps 旧字 and 新字 apart unless the certificate's substitute joins them", () => {
    const registered = info({ name: "澤田 花子", nameSubstitute: "" });
    expect(same({ name: "沢田 花子" }, registered).name).toBe(false);
    expect(same({ name: "齋藤 花子" }, info({ name: "斎藤 花子", nameSubstitute: "" })).name).toBe(false);
  });

  it("reads the address's block numbers alike in 丁目番号, 番地 and dash forms, and kanji numerals before 丁目", () => {
    expect(normaliseAddressForComparison("中央一丁目1番1号")).toBe("中央1-1-1");
    expect(normaliseAddressForComparison("中央1丁目1番地1")).toBe("中央1-1-1");
    expect(normaliseAddressForComparison("中央十二丁目3番4号")).toBe("中央12-3-4");
    expect(normaliseAddressForComparison("中央1ー1ー1")).toBe("中央1-1-1");
    expect(same({ address: "みほん県みほん市中央1丁目1番1号" }).address).toBe(true);
    // A katakana long vowel stays: it is part of a name, not a dash.
    expect(normaliseAddressForComparison("メゾン・ルーブル101")).toContain("ルーブル");
  });

  it("tells a different value apart: another block, another town, another person, another date", () => {
    expect(same({ address: "みほん県みほん市中央1-1-2" }).address).toBe(false);
    expect(same({ address: "みほん県べつ市中央1-1-1" }).address).toBe(false);
    expect(same({ name: "髙橋 花子" }).name).toBe(false);
    expect(same({ dateOfBirth: "1990-02-01" }).dateOfBirth).toBe(false);
    expect(same({ dateOfBirth: "平成2年1月2日" }).dateOfBirth).toBe(false);
  });

  it("compares only the known parts of a partial date of birth, and shows the unknown ones as ??", () => {
    const partial = info({ dateOfBirth: parseJpkiDateOfBirth("319500000")! });
    const [, , dob] = compareWithBasicInformation({ name: "x", address: "y", dateOfBirth: "1950-07-15" }, partial);
    expect(dob).toEqual({ field: "dateOfBirth", typed: "1950-07-15", certificate: "1950-??-??", substitute: null, same: true });
    expect(same({ dateOfBirth: "1951-07-15" }, partial).dateOfBirth).toBe(false);
  });

  it("gives each field side by side with the substitute where the certificate has one", () => {
    const rows = compareWithBasicInformation({ name: "高橋 吉子", address: "別の住所", dateOfBirth: "1990-01-02" }, info());
    expect(rows).toEqual([
      { field: "name", typed: "高橋 吉子", certificate: "髙橋 𠮷子", substitute: "高橋 吉子", same: true },
      { field: "address", typed: "別の住所", certificate: "みほん県みほん市中央一丁目1番1号", substitute: null, same: false },
      { field: "dateOfBirth", typed: "1990-01-02", certificate: "1990-01-02", substitute: null, same: true },
    ]);
  });
});

describe("basicInformationPrefill", () => {
  it("fills name, address, ISO date and sex; a partial date is left for the resident", () => {
    expect(basicInformationPrefill(info())).toEqual({
      name: "髙橋 𠮷子",
      address: "みほん県みほん市中央一丁目1番1号",
      dateOfBirth: "1990-01-02",
      sex: "2",
      nameSubstitute: "高橋 吉子",
      addressSubstitute: null,
    });
    expect(basicInformationPrefill(info({ dateOfBirth: parseJpkiDateOfBirth("319500700")! })).dateOfBirth).toBeNull();
  });
});

describe("isBelowSignatureCertificateAge (under-15s have no signature certificate)", () => {
  it("turns 15 on the 15th birthday, not a day before", () => {
    expect(isBelowSignatureCertificateAge("2011-11-24", "2026-11-23")).toBe(true);
    expect(isBelowSignatureCertificateAge("2011-11-23", "2026-11-23")).toBe(false);
    expect(isBelowSignatureCertificateAge("1990-01-02", "2026-11-23")).toBe(false);
    expect(isBelowSignatureCertificateAge("not a date", "2026-11-23")).toBe(false);
  });
});
