import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyNotificationDraft, residentRecordsIntoDraft, StaffRoleId, type ResidentRecordHousehold } from "@madoguchi/core";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let clerk: Awaited<ReturnType<typeof staffWithSession>>;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await staffWithSession(server, "records-clerk");
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

// A household as a resident-records system exports it (made-up people; the codes carry a valid 検査数字).
const CSV = [
  "世帯番号,住民票コード,氏名,フリガナ,生年月日,性別,続柄,住所,方書,世帯主,本籍,筆頭者,備考",
  '0001,12345678903,髙橋 太郎,タカハシ タロウ,昭和60年1月2日,1,世帯主,東京都千代田区一丁目1番1号,"ハイツ髙橋,101",髙橋 太郎,東京都千代田区一丁目1番,髙橋 太郎,',
  "0001,98765432103,髙橋 花子,タカハシ ハナコ,1988/04/05,2,妻,東京都千代田区一丁目1番1号,\"ハイツ髙橋,101\",髙橋 太郎,東京都千代田区一丁目1番,髙橋 太郎,①",
  "",
].join("\r\n");

const post = async (body: Uint8Array | string, query = "", contentType = "text/csv", headers: Record<string, string> = clerk.headers): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${server.staffUrl}/api/staff/counter/resident-records${query}`, { method: "POST", headers: { ...headers, "content-type": contentType }, body });
  return { status: res.status, body: await res.json() };
};

const auditEntries = async () => (await server.deps.auditLog.read({ actions: ["counter.records_read"], afterSeq: 0, limit: 50 }))._unsafeUnwrap();

describe("C5: the counter fills a 転居・転出 from the resident-records system's CSV", () => {
  it("reads an export in Shift_JIS (Windows-31J: 髙 and ①) into its household, audits counts only, logs no value", async () => {
    const r = await post(new Uint8Array(iconv.encode(CSV, "cp932")));
    expect(r.status).toBe(200);
    expect(r.body.encoding).toBe("shift_jis");
    expect(r.body.ignoredHeaders).toEqual(["備考"]);
    const [household] = r.body.households as ResidentRecordHousehold[];
    expect(household).toMatchObject({ id: "0001", address: "東京都千代田区一丁目1番1号 ハイツ髙橋,101", head: "髙橋 太郎", domicileHead: "髙橋 太郎" });
    expect(household!.persons.map((p) => [p.line, p.name, p.birthDate, p.sex])).toEqual([
      [2, "髙橋 太郎", "1985-01-02", "男"],
      [3, "髙橋 花子", "1988-04-05", "女"],
    ]);
    // What the screen then does with it: a 転居 draft whose previous address and persons need no second look.
    const { draft } = residentRecordsIntoDraft(emptyNotificationDraft("tenkyo"), household!)._unsafeUnwrap();
    expect(draft.fields["address.previous"]).toMatchObject({ value: household!.address, confirmed: true, source: { by: "records", line: 2 } });

    const [entry] = (await auditEntries()).filter((e) => e.result === "success");
    expect(entry).toMatchObject({ actor: { kind: "staff", id: clerk.id }, details: { encoding: "shift_jis", households: 1, persons: 2 } });
    for (const value of ["髙橋", "千代田", "12345678903", "1985"]) {
      expect(JSON.stringify(entry)).not.toContain(value);
      expect(server.logText()).not.toContain(value);
    }
  });

  it("reads UTF-8 with or without a BOM, and the encoding staff name", async () => {
    const utf8 = new TextEncoder().encode(CSV);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const bytes of [utf8, withBom]) {
      const r = await post(bytes);
      expect(r.status).toBe(200);
      expect(r.body.encoding).toBe("utf-8");
      expect(r.body.households[0].persons[0].name).toBe("髙橋 太郎");
    }
    const named = await post(utf8, "?encoding=utf-8", "application/vnd.ms-excel");
    expect(named.status).toBe(200);
  });

  it("names every problem by row and column in the staff's language, never a value, and audits the failed read", async () => {
    const bad = CSV.replace("昭和60年1月2日", "昭和99年13月1日").replace("98765432103", "98765432104");
    const ja = await post(bad);
    expect(ja.status).toBe(422);
    expect(ja.body.error.code).toBe("counter.records_invalid");
    expect(ja.body.error.issues.map((i: { message: string }) => i.message)).toEqual([
      "2 行目の「生年月日」: 日付として読めません（昭和60年1月2日、1985-01-02 など）。",
      "3 行目の「住民票コード」: 11 桁の住民票コードではないか、検査数字が合いません。",
    ]);
    expect(JSON.stringify(ja.body)).not.toContain("髙橋");
    const en = await post(bad, "", "text/csv", { ...clerk.headers, "accept-language": "en" });
    expect(en.body.error.issues[0].message).toBe('Row 2, "生年月日": not a date (1985-01-02, 昭和60年1月2日 …).');

    const missing = await post("住所,性別\r\n東京都,1\r\n");
    expect(missing.body.error.issues.map((i: { code: string; column: string }) => [i.code, i.column])).toEqual([
      ["missing_column", "name"],
      ["missing_column", "birthDate"],
    ]);
    const failed = (await auditEntries()).filter((e) => e.result === "failure");
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed[0]!.details).toMatchObject({ issues: 2, rows: 2 });
  });

  it("refuses what is no CSV export: an open quote, an empty body, another media type, a bad encoding, a file over 1 MB", async () => {
    expect((await post('氏名,生年月日\r\n"髙橋,1985-01-02\r\n')).body.error.code).toBe("counter.records_unreadable");
    expect((await post(new Uint8Array())).body.error.code).toBe("counter.records_empty");
    expect((await post(CSV, "", "image/png")).status).toBe(415);
    expect((await post(CSV, "?encoding=latin1")).status).toBe(400);
    expect((await post(new Uint8Array(1024 * 1024 + 1).fill(0x41))).status).toBe(413);
  });

  it("is for counter staff only", async () => {
    const other = await staffWithSession(server, "records-outsider");
    expect((await post(CSV, "", "text/csv", other.headers)).status).toBe(403);
    const anonymous = await fetch(`${server.staffUrl}/api/staff/counter/resident-records`, { method: "POST", headers: { "content-type": "text/csv" }, body: CSV });
    expect(anonymous.status).toBe(401);
  });

  it("reads the headers the municipality named in MADOGUCHI_RESIDENT_RECORD_HEADERS; a file that misnames a column stops the start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "madoguchi-headers-"));
    try {
      const file = join(dir, "headers.json");
      writeFileSync(file, JSON.stringify({ name: ["住民名称"], birthDate: ["出生年月日"] }));
      const own = await startTestServer({ MADOGUCHI_RESIDENT_RECORD_HEADERS: file });
      try {
        const staff = await staffWithSession(own, "records-own-headers");
        (await own.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
        const res = await fetch(`${own.staffUrl}/api/staff/counter/resident-records`, {
          method: "POST",
          headers: { ...staff.headers, "content-type": "text/csv" },
          body: "住民名称,出生年月日\r\n見本 太郎,昭和60年1月2日\r\n",
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { households: { persons: { name: string }[] }[] }).households[0]?.persons[0]?.name).toBe("見本 太郎");
      } finally {
        await own.dispose();
      }
      writeFileSync(file, JSON.stringify({ kana: ["氏名"] }));
      await expect(startTestServer({ MADOGUCHI_RESIDENT_RECORD_HEADERS: file })).rejects.toThrow(/"氏名" would mean name and kana/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
