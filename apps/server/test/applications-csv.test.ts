import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvBytes, csvCell, csvText } from "../src/export/csv.ts";

describe("CSV export encoding (RFC 4180, formula injection, BOM, Shift_JIS)", () => {
  it("quotes cells with a comma, a quote, CR or LF and doubles quotes", () => {
    expect(csvCell("窓口 太郎")).toBe("窓口 太郎");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvText([["a", 1], ["b", 2]])).toBe("a,1\r\nb,2\r\n");
  });

  it.each(["=SUM(A1)", "+81", "-1", "@cmd", "\tx", "\rx"])("prefixes a cell starting with a formula character: %j", (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it("a formula with a comma is both prefixed and quoted", () => {
    expect(csvCell('=HYPERLINK("http://x",1)')).toBe(`"'=HYPERLINK(""http://x"",1)"`);
  });

  it("UTF-8 starts with a BOM; Shift_JIS is CP932 (vendor characters such as 髙 and ① survive)", () => {
    const rows = [["氏名"], ["髙橋 ①"]];
    const utf8 = csvBytes(rows, "utf-8");
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.subarray(3).toString("utf8")).toBe("氏名\r\n髙橋 ①\r\n");
    const sjis = csvBytes(rows, "shift_jis");
    expect([...sjis.subarray(0, 2)]).toEqual([0x8e, 0x81]); // 氏 in Shift_JIS
    expect(iconv.decode(sjis, "cp932")).toBe("氏名\r\n髙橋 ①\r\n");
  });
});
