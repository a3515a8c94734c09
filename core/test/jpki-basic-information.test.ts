import { describe, expect, it } from "vitest";
import { basicInformationFromOtherNames, JPKI_OID, parseJpkiDateOfBirth } from "../src/index.ts";

const names = (entries: Record<string, string>) => new Map(Object.entries(entries));

const complete = {
  [JPKI_OID.name]: "髙橋 𠮷子",
  [JPKI_OID.nameSubstitute]: "高橋 吉子",
  [JPKI_OID.sex]: "2",
  [JPKI_OID.dateOfBirth]: "419900102",
  [JPKI_OID.address]: "みほん県みほん市中央一丁目1番1号",
  [JPKI_OID.addressSubstitute]: "みほん県みほん市中央一丁目1番1号",
};

describe("parseJpkiDateOfBirth", () => {
  it("reads the era digit and the Gregorian date, keeping the raw string", () => {
    expect(parseJpkiDateOfBirth("419900102")).toEqual({ raw: "419900102", eraDigit: 4, year: 1990, month: 1, day: 2 });
  });

  it("reads partial dates (unknown day, unknown month and day) as null parts", () => {
    expect(parseJpkiDateOfBirth("319550400")).toMatchObject({ year: 1955, month: 4, day: null });
    expect(parseJpkiDateOfBirth("319550000")).toMatchObject({ year: 1955, month: null, day: null });
  });

  it("refuses other shapes and impossible dates", () => {
    for (const raw of ["19900102", "4199001020", "41990010a", "319550030", "419901301", "420230230", ""]) {
      expect(parseJpkiDateOfBirth(raw)).toBeNull();
    }
  });
});

describe("basicInformationFromOtherNames", () => {
  it("reads the 4 basic information items exactly, MJ characters included", () => {
    const read = basicInformationFromOtherNames(names(complete))._unsafeUnwrap();
    expect(read).toEqual({
      name: "髙橋 𠮷子",
      nameSubstitute: "高橋 吉子",
      sex: "2",
      dateOfBirth: { raw: "419900102", eraDigit: 4, year: 1990, month: 1, day: 2 },
      address: "みほん県みほん市中央一丁目1番1号",
      addressSubstitute: "みほん県みほん市中央一丁目1番1号",
    });
  });

  it("reads a missing substitute as empty", () => {
    const { [JPKI_OID.nameSubstitute]: _n, [JPKI_OID.addressSubstitute]: _a, ...rest } = complete;
    const read = basicInformationFromOtherNames(names(rest))._unsafeUnwrap();
    expect([read.nameSubstitute, read.addressSubstitute]).toEqual(["", ""]);
  });

  it.each([
    [JPKI_OID.name, "name"],
    [JPKI_OID.sex, "sex"],
    [JPKI_OID.dateOfBirth, "dateOfBirth"],
    [JPKI_OID.address, "address"],
  ])("names the missing item %s", (oid, item) => {
    const { [oid]: _dropped, ...rest } = complete;
    expect(basicInformationFromOtherNames(names(rest))._unsafeUnwrapErr()).toMatchObject({ _tag: "BasicInformationInvalid", item });
  });

  it("refuses an unknown sex code and a malformed date of birth", () => {
    expect(basicInformationFromOtherNames(names({ ...complete, [JPKI_OID.sex]: "9" }))._unsafeUnwrapErr().item).toBe("sex");
    expect(basicInformationFromOtherNames(names({ ...complete, [JPKI_OID.dateOfBirth]: "1990-01-02" }))._unsafeUnwrapErr().item).toBe(
      "dateOfBirth",
    );
  });
});
