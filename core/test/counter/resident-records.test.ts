import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeResidentRecordHeaders, decodeResidentRecords, emptyNotificationDraft, MAX_RESIDENT_RECORD_ROWS, residentCodeOf, residentRecordsIntoDraft, typeDraftValue, unconfirmedPaths } from "../../src/index.ts";

// Ten made-up digits with the 検査数字 the statutory formula gives them (no one's code).
const CODE_A = "12345678903";
const CODE_B = "98765432103";

const HEADER = ["世帯番号", "住民票コード", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "住所", "方書", "世帯主", "本籍", "筆頭者", "異動履歴"];
const household = (): string[][] => [
  HEADER,
  ["0001", CODE_A, "見本 太郎", "ミホン タロウ", "昭和60年1月2日", "1", "世帯主", "東京都千代田区一丁目1番1号", "みほん荘101", "見本 太郎", "東京都千代田区一丁目1番", "見本 太郎", "x"],
  ["0001", CODE_B, "見本 花子", "ミホン ハナコ", "1988/4/5", "女", "妻", "東京都千代田区一丁目1番1号", "みほん荘101", "見本 太郎", "東京都千代田区一丁目1番", "見本 太郎", ""],
];

describe("住民票コード (residentCodeOf)", () => {
  it("accepts a code whose 検査数字 fits and refuses one changed digit", () => {
    expect(residentCodeOf(CODE_A)).toBe(CODE_A);
    expect(residentCodeOf("１２３４５６７８９０３")).toBe(CODE_A);
    expect(residentCodeOf("12345678907")).toBeNull();
    expect(residentCodeOf("1234567890")).toBeNull();
  });

  it("catches every single changed check digit (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const valid = [...Array(10).keys()].map((d) => `${body}${d}`).find((c) => residentCodeOf(c) !== null);
        expect(valid).toBeDefined();
        const wrong = `${body}${(Number(valid?.[10]) + shift) % 10}`;
        expect(residentCodeOf(wrong)).toBeNull();
      }),
    );
  });
});

describe("decodeResidentRecords (C5)", () => {
  it("decodes a household: persons with ISO birth dates, the address with its 方書, head and 本籍; unknown headers named", () => {
    const file = decodeResidentRecords(household())._unsafeUnwrap();
    expect(file.ignoredHeaders).toEqual(["異動履歴"]);
    expect(file.households).toEqual([
      {
        id: "0001",
        address: "東京都千代田区一丁目1番1号 みほん荘101",
        head: "見本 太郎",
        domicileAddress: "東京都千代田区一丁目1番",
        domicileHead: "見本 太郎",
        persons: [
          { line: 2, name: "見本 太郎", kana: "ミホン タロウ", birthDate: "1985-01-02", sex: "男", relationship: "世帯主", residentCode: CODE_A },
          { line: 3, name: "見本 花子", kana: "ミホン ハナコ", birthDate: "1988-04-05", sex: "女", relationship: "妻", residentCode: CODE_B },
        ],
      },
    ]);
  });

  it("reads headers in other spellings (full width, brackets, spaces) and takes the head from the 続柄 when there is no 世帯主 column", () => {
    const rows = [
      ["氏名（漢字）", "フリガナ", "生 年 月 日", "世帯主との続柄", "現住所"],
      ["見本　一郎", "ミホン イチロウ", "19700101", "本人", "大阪府大阪市北区1-2-3"],
    ];
    const [h] = decodeResidentRecords(rows)._unsafeUnwrap().households;
    expect(h?.id).toBeNull();
    expect(h?.head).toBe("見本　一郎");
    expect(h?.persons[0]?.birthDate).toBe("1970-01-01");
  });

  it("groups rows by 世帯番号", () => {
    const rows = household();
    rows.push(["0002", "", "例示 次郎", "", "H2.3.4", "", "世帯主", "東京都港区2-2-2", "", "例示 次郎", "", "", ""]);
    const file = decodeResidentRecords(rows)._unsafeUnwrap();
    expect(file.households.map((h) => [h.id, h.persons.length, h.head])).toEqual([
      ["0001", 2, "見本 太郎"],
      ["0002", 1, "例示 次郎"],
    ]);
  });

  it("reports every problem at once, by line and header, never a value, and gives no household", () => {
    const rows = household();
    rows[1] = ["0001", "12345678907", "", "", "昭和99年13月1日", "X", "", "東京都千代田区一丁目1番1号", "", "見本 太郎", "", "", ""];
    rows[2] = ["0001", "", "見本 花子", "", "1988-04-05", "", "", "大阪府", "", "見本 太郎", "", "", ""];
    const issues = decodeResidentRecords(rows)._unsafeUnwrapErr();
    expect(issues).toEqual([
      { code: "required", line: 2, header: "氏名" },
      { code: "invalid_date", line: 2, header: "生年月日" },
      { code: "invalid_sex", line: 2, header: "性別" },
      { code: "invalid_resident_code", line: 2, header: "住民票コード" },
      { code: "household_disagrees", line: 3, header: "住所" },
    ]);
    expect(JSON.stringify(issues)).not.toContain("大阪");
  });

  it("refuses a file without the columns a person needs, without rows, or with more rows than a visit has", () => {
    expect(decodeResidentRecords([])._unsafeUnwrapErr()).toEqual([{ code: "no_header" }]);
    expect(decodeResidentRecords([["住所", "性別"]])._unsafeUnwrapErr()).toEqual([
      { code: "missing_column", column: "name" },
      { code: "missing_column", column: "birthDate" },
    ]);
    expect(decodeResidentRecords([["氏名", "氏名", "生年月日"]])._unsafeUnwrapErr()).toEqual([{ code: "duplicate_column", header: "氏名" }]);
    expect(decodeResidentRecords([HEADER, [], ["", " "]])._unsafeUnwrapErr()).toEqual([{ code: "no_rows" }]);
    const many = [["氏名", "生年月日"], ...Array.from({ length: MAX_RESIDENT_RECORD_ROWS + 1 }, () => ["見本 太郎", "1980-01-01"])];
    expect(decodeResidentRecords(many)._unsafeUnwrapErr()).toEqual([{ code: "too_many_rows" }]);
  });

  it("bounds every cell and flattens line breaks (property: never throws, never keeps a control character)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 300 }), { maxLength: 14 }), { maxLength: 6 }), (body) => {
        const result = decodeResidentRecords([HEADER, ...body]);
        if (result.isOk()) {
          for (const h of result.value.households) for (const p of h.persons) expect(p.name).not.toMatch(/[\u0000-\u001f]/);
        }
      }),
    );
  });
});

describe("a municipality's own header names (C5, without a code change)", () => {
  it("reads an export whose headers only the municipality's names know", () => {
    const headers = decodeResidentRecordHeaders({ name: ["住民名称"], birthDate: ["出生年月日"] })._unsafeUnwrap();
    const rows = [
      ["住民名称", "出生年月日", "住所"],
      ["見本 太郎", "昭和60年1月2日", "みほん市一丁目1番"],
    ];
    expect(decodeResidentRecords(rows)._unsafeUnwrapErr()).toEqual([
      { code: "missing_column", column: "name" },
      { code: "missing_column", column: "birthDate" },
    ]);
    expect(decodeResidentRecords(rows, headers)._unsafeUnwrap().households[0]?.persons[0]).toMatchObject({ name: "見本 太郎", birthDate: "1985-01-02" });
  });

  it("refuses an unknown column, a name that is no text, and a name that would mean two columns", () => {
    expect(decodeResidentRecordHeaders({})._unsafeUnwrap()).toEqual({});
    expect(decodeResidentRecordHeaders({ nickname: ["あだ名"] })._unsafeUnwrapErr()[0]).toMatch(/^nickname: /);
    expect(decodeResidentRecordHeaders({ name: [""] })._unsafeUnwrapErr()[0]).toMatch(/^name\.0: /);
    expect(decodeResidentRecordHeaders({ kana: ["氏名"] })._unsafeUnwrapErr()).toEqual(['"氏名" would mean name and kana']);
    expect(decodeResidentRecordHeaders({ name: ["住民名称"], kana: ["住民名称"] })._unsafeUnwrapErr()).toEqual(['"住民名称" would mean name and kana']);
  });
});

describe("residentRecordsIntoDraft (C5)", () => {
  const [records] = decodeResidentRecords(household())._unsafeUnwrap().households;
  if (records === undefined) throw new Error("fixture");

  it("fills a 転居 with the household as it is: confirmed values from the records, the new head only assumed", () => {
    const { draft, personsLeftOut } = residentRecordsIntoDraft(emptyNotificationDraft("tenkyo"), records)._unsafeUnwrap();
    expect(personsLeftOut).toBe(0);
    expect(draft.fields["address.previous"]).toEqual({ value: "東京都千代田区一丁目1番1号 みほん荘101", source: { by: "records", line: 2 }, reasons: [], confirmed: true });
    expect(draft.fields["head.new"]).toMatchObject({ value: "見本 太郎", reasons: ["assumed_same_head"], confirmed: false });
    expect(draft.fields["domicile.address"]?.value).toBe("東京都千代田区一丁目1番");
    expect(draft.persons.map((p) => [p.name?.value, p.birthDate?.value, p.residentCode?.source])).toEqual([
      ["見本 太郎", "1985-01-02", { by: "records", line: 2 }],
      ["見本 花子", "1988-04-05", { by: "records", line: 3 }],
    ]);
    expect(unconfirmedPaths(draft)).toEqual([{ field: "head.new" }]);
  });

  it("gives a 転出 its previous address and no new one; a 世帯主変更 no address at all", () => {
    const out = residentRecordsIntoDraft(emptyNotificationDraft("tenshutsu"), records)._unsafeUnwrap().draft;
    expect(out.fields["address.new"]).toBeUndefined();
    expect(out.fields["address.previous"]?.value).toContain("みほん荘101");
    const head = residentRecordsIntoDraft(emptyNotificationDraft("setainushi-henko"), records)._unsafeUnwrap().draft;
    expect(Object.keys(head.fields).sort()).toEqual(["domicile.address", "domicile.head", "head.previous"]);
  });

  it("only fills gaps: what staff typed stays, a person already on the draft is completed, not doubled", () => {
    const typed = typeDraftValue(typeDraftValue({ ...emptyNotificationDraft("tenkyo"), persons: [{}] }, { field: "address.previous" }, "手入力の住所"), { person: 0, field: "name" }, "見本太郎");
    const { draft } = residentRecordsIntoDraft(typed, records)._unsafeUnwrap();
    expect(draft.fields["address.previous"]?.value).toBe("手入力の住所");
    expect(draft.persons).toHaveLength(2);
    expect(draft.persons[0]?.name).toEqual({ value: "見本太郎", source: { by: "staff" }, reasons: [], confirmed: true });
    expect(draft.persons[0]?.birthDate?.value).toBe("1985-01-02");
  });

  it("counts the persons beyond the form's rows", () => {
    const big = { ...records, persons: Array.from({ length: 10 }, (_, i) => ({ ...records.persons[0]!, name: `見本 ${i}`, line: i + 2 })) };
    const { draft, personsLeftOut } = residentRecordsIntoDraft(emptyNotificationDraft("tenshutsu"), big)._unsafeUnwrap();
    expect(draft.persons).toHaveLength(8);
    expect(personsLeftOut).toBe(2);
  });

  it("refuses a 転入: its residents are not in this municipality's records", () => {
    expect(residentRecordsIntoDraft(emptyNotificationDraft("tennyu"), records)._unsafeUnwrapErr()).toBe("records.not_for_moving_in");
  });
});
