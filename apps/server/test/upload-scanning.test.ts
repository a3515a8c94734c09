import { createServer } from "node:net";
import { Writable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffRoleId, type AuditAction } from "@madoguchi/core";
import { startTestClamd, type TestClamd } from "@madoguchi/adapter-clamd";
import { EICAR_TEST_FILE } from "@madoguchi/conformance/malware-scanner";
import { MALWARE_SCAN_OFF_WARNING, buildMalwareScanner } from "../src/composition/catalog/malware-scanner.ts";
import { loadConfig } from "../src/config/config.ts";
import { createLogger } from "../src/logging/logger.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * N9 and SECURITY.md "Uploads": every upload of the counter (a scan, a paper kept with a record, a resident-records
 * CSV) is scanned by a real ClamAV clamd and checked against its declared type before anything reads or keeps it.
 * clamd is Debian's (clamav-daemon), started by the test with a database that knows the EICAR test file: when it is
 * not installed, beforeAll throws and the file fails — it is never skipped.
 */
let clamd: TestClamd;
let server: TestServer;
let clerk: Awaited<ReturnType<typeof staffWithSession>>;

const counterClerk = async (s: TestServer, label: string) => {
  const staff = await staffWithSession(s, label);
  (await s.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
  return staff;
};

beforeAll(async () => {
  clamd = await startTestClamd();
  server = await startTestServer({ MADOGUCHI_CLAMD: `${clamd.host}:${clamd.port}` });
  clerk = await counterClerk(server, "upload-clerk");
}, 120_000);
afterAll(async () => {
  await server?.dispose();
  await clamd?.stop();
});

// A household as a resident-records system exports it (made-up people; the codes carry a valid 検査数字).
const CSV = [
  "世帯番号,住民票コード,氏名,フリガナ,生年月日,性別,続柄,住所,方書,世帯主,本籍,筆頭者",
  "0001,12345678903,見本 太郎,ミホン タロウ,1985-01-02,1,世帯主,みほん県みほん市中央一丁目1番1号,,見本 太郎,みほん県みほん市中央一丁目1番,見本 太郎",
  "",
].join("\r\n");

const concat = (...parts: (Uint8Array | string)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
/** The EICAR test file inside a file that starts as a PDF: the type check passes, the scan must not. */
const EICAR_IN_PDF = concat("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /EmbeddedFile >>\nstream\n", EICAR_TEST_FILE, "\nendstream\nendobj\n%%EOF\n");
const EICAR_IN_PNG = concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), EICAR_TEST_FILE);
const EICAR_TEXT = new TextDecoder().decode(EICAR_TEST_FILE);

const post = async (s: TestServer, path: string, body: Uint8Array | string, contentType: string, headers: Record<string, string>): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${s.staffUrl}${path}`, { method: "POST", headers: { ...headers, "content-type": contentType }, body });
  return { status: res.status, body: await res.json() };
};
const postRecords = (body: Uint8Array | string, headers: Record<string, string> = clerk.headers, s = server) => post(s, "/api/staff/counter/resident-records", body, "text/csv", headers);
const postDocument = (recordId: string, body: Uint8Array, contentType: string, headers: Record<string, string> = clerk.headers) =>
  post(server, `/api/staff/counter/records/${recordId}/documents?title=${encodeURIComponent("転出証明書")}`, body, contentType, headers);
const postScan = (body: Uint8Array, contentType: string, headers: Record<string, string> = clerk.headers) => post(server, "/api/staff/counter/scans", body, contentType, headers);

const entries = async (s: TestServer, actions: readonly AuditAction[]) =>
  (await s.deps.auditLog.read({ actions, afterSeq: 0, limit: 1000 }))._unsafeUnwrap();

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

describe("N9: uploads are scanned for malware by clamd before anything reads them", () => {
  it("refuses the EICAR test file sent as a resident-records CSV (422), audits the signature's name and never the content, and raises a security alert", async () => {
    const readsBefore = (await entries(server, ["counter.records_read"])).length;
    const ja = await postRecords(EICAR_TEST_FILE);
    expect([ja.status, ja.body.error.code]).toEqual([422, "upload.malware_found"]);
    expect(ja.body.error.message).toBe("ウイルスなどの不正なプログラムが見つかったため、ファイルを受け付けませんでした。情報システム担当に連絡してください。");
    const en = await postRecords(EICAR_TEST_FILE, { ...clerk.headers, "accept-language": "en" });
    expect([en.status, en.body.error.code]).toEqual([422, "upload.malware_found"]);
    expect(en.body.error.message).toMatch(/malicious program was found/);

    // Nothing read it: no records read, found or not.
    expect(await entries(server, ["counter.records_read"])).toHaveLength(readsBefore);
    const found = (await entries(server, ["upload.malware_found"])).filter((e) => e.details["upload"] === "resident_records");
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ actor: { kind: "staff", id: clerk.id }, result: "failure", target: null, details: { upload: "resident_records", bytes: EICAR_TEST_FILE.length } });
    expect(String(found[0]!.details["signature"])).toMatch(/EICAR/);
    for (const place of [JSON.stringify(found), server.logText()]) {
      expect(place).not.toContain("EICAR-STANDARD-ANTIVIRUS-TEST-FILE");
      expect(place).not.toContain(EICAR_TEXT.slice(0, 10));
    }

    // N5: the watcher of the audit log alerts security (one alert per finding, the uploader as its subject).
    const alerts = await server.securityAlerts.runOnce();
    expect(found.map((e) => alerts.find((a) => a.seq === e.seq))).toEqual(found.map(() => expect.objectContaining({ rule: "malware_found", subject: clerk.id })));
  });

  it("refuses EICAR inside a file that starts as a PDF, kept with a record, before the record is even looked up (422, not 404)", async () => {
    const refused = await postDocument("no-such-record", EICAR_IN_PDF, "application/pdf");
    expect([refused.status, refused.body.error.code]).toEqual([422, "upload.malware_found"]);
    const scan = await postScan(EICAR_IN_PNG, "image/png");
    expect([scan.status, scan.body.error.code]).toEqual([422, "upload.malware_found"]);
    const found = await entries(server, ["upload.malware_found"]);
    expect(found.find((e) => e.details["upload"] === "counter_document")?.details).toMatchObject({ bytes: EICAR_IN_PDF.length });
    expect(found.find((e) => e.details["upload"] === "counter_scan")?.details).toMatchObject({ bytes: EICAR_IN_PNG.length });
    expect((await entries(server, ["counter.document_stored", "counter.scan_read"])).filter((e) => e.actor.id === clerk.id)).toEqual([]);
  });

  it("refuses a file whose bytes are not the type it is sent as (415 upload.type_mismatch), before it is scanned", async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 16, height: 16, channels: 3, background: "#ffffff" } }).jpeg().toBuffer());
    const asPng = await postScan(jpeg, "image/png");
    expect(asPng).toMatchObject({ status: 415, body: { error: { code: "upload.type_mismatch", message: "ファイルの中身が種類（PNG・JPEG・TIFF・PDF）と一致しません。" } } });
    const en = await postScan(jpeg, "image/png", { ...clerk.headers, "accept-language": "en" });
    expect(en.body.error.message).toBe("The file's content does not match its type (PNG, JPEG, TIFF or PDF).");
    expect((await postDocument("no-such-record", jpeg, "application/pdf")).body.error.code).toBe("upload.type_mismatch");
    // A "CSV" that is no text (an image, an executable, an archive: NUL bytes).
    const binary = await postRecords(jpeg);
    expect([binary.status, binary.body.error.code]).toEqual([415, "upload.type_mismatch"]);
    // The type is checked first: a PNG sent as a JPEG is refused for that, whatever it holds.
    expect((await postScan(EICAR_IN_PNG, "image/jpeg")).body.error.code).toBe("upload.type_mismatch");
    // Bytes that are no image at all are the same mismatch.
    expect(await postScan(new TextEncoder().encode("plain text, not an image"), "image/png")).toMatchObject({ status: 415, body: { error: { code: "upload.type_mismatch" } } });

    // The same JPEG declared as what it is passes both checks and reaches the record's look-up.
    const passed = await postDocument("no-such-record", jpeg, "image/jpeg");
    expect([passed.status, passed.body.error.code]).toEqual([404, "counter.record_not_found"]);
  });

  it("still reads a clean CSV (200)", async () => {
    const clean = await postRecords(new TextEncoder().encode(CSV));
    expect(clean.status).toBe(200);
    expect(clean.body.households[0].persons[0].name).toBe("見本 太郎");
  });

  it("refuses every upload while clamd cannot scan (503 upload.scan_unavailable): stopped, or never reachable; /healthz stays up", async () => {
    const own = await startTestClamd();
    const withOwn = await startTestServer({ MADOGUCHI_CLAMD: `${own.host}:${own.port}` });
    const nowhere = await startTestServer({ MADOGUCHI_CLAMD: `127.0.0.1:${await freePort()}` });
    try {
      const a = await counterClerk(withOwn, "upload-clerk-a");
      expect((await postRecords(CSV, a.headers, withOwn)).status).toBe(200);
      await own.stop();
      const refused = await postRecords(CSV, a.headers, withOwn);
      expect(refused).toMatchObject({ status: 503, body: { error: { code: "upload.scan_unavailable", message: "ファイルを検査できないため受け付けませんでした。しばらくしてからもう一度お試しください。" } } });
      // Not even the EICAR file gets through unscanned.
      expect((await postRecords(EICAR_TEST_FILE, a.headers, withOwn)).body.error.code).toBe("upload.scan_unavailable");
      expect((await entries(withOwn, ["counter.records_read"])).map((e) => e.result)).toEqual(["success"]);

      const b = await counterClerk(nowhere, "upload-clerk-b");
      expect(nowhere.logText()).toContain("the malware scanner does not answer yet");
      expect((await postRecords(CSV, b.headers, nowhere)).body.error.code).toBe("upload.scan_unavailable");
      const scan = await post(nowhere, "/api/staff/counter/scans", EICAR_IN_PNG, "image/png", b.headers);
      expect([scan.status, scan.body.error.code]).toEqual([503, "upload.scan_unavailable"]);
      expect(await entries(nowhere, ["counter.records_read", "counter.scan_read"])).toEqual([]);
      expect((await fetch(`${nowhere.url}/healthz`)).status).toBe(200);
    } finally {
      await withOwn.dispose();
      await nowhere.dispose();
      await own.stop().catch(() => undefined);
    }
  });
});

describe("N9 configuration: MADOGUCHI_CLAMD and MADOGUCHI_MALWARE_SCAN", () => {
  const config = (env: Record<string, string>) => loadConfig(env);

  it("scans with clamd at host:port, [ipv6]:port or a Unix socket, whichever the profile", () => {
    expect(config({ MADOGUCHI_CLAMD: "127.0.0.1:3310" })._unsafeUnwrap().malwareScan).toEqual({ kind: "clamd", address: { host: "127.0.0.1", port: 3310 } });
    expect(config({ MADOGUCHI_CLAMD: "clamd.lgwan.example:3310", MADOGUCHI_PROFILE: "scale" })._unsafeUnwrap().malwareScan).toEqual({ kind: "clamd", address: { host: "clamd.lgwan.example", port: 3310 } });
    expect(config({ MADOGUCHI_CLAMD: "[::1]:3310", MADOGUCHI_MALWARE_SCAN: "required" })._unsafeUnwrap().malwareScan).toEqual({ kind: "clamd", address: { host: "::1", port: 3310 } });
    expect(config({ MADOGUCHI_CLAMD: "/run/clamav/clamd.ctl" })._unsafeUnwrap().malwareScan).toEqual({ kind: "clamd", address: { socket: "/run/clamav/clamd.ctl" } });
    for (const bad of ["clamd", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "run/clamav/clamd.ctl", "tcp://127.0.0.1:3310"]) {
      expect(config({ MADOGUCHI_CLAMD: bad })._unsafeUnwrapErr().message, bad).toMatch(/MADOGUCHI_CLAMD must be host:port/);
    }
  });

  it("embedded without clamd: scanning off, with a loud warning at start", async () => {
    const off = config({})._unsafeUnwrap();
    expect(off.malwareScan).toEqual({ kind: "off" });
    expect(config({ MADOGUCHI_MALWARE_SCAN: "off" })._unsafeUnwrap().malwareScan).toEqual({ kind: "off" });
    const lines: string[] = [];
    const logger = createLogger("info", new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) }));
    expect(await buildMalwareScanner(off, logger)).toBeNull();
    expect(lines.map((l) => JSON.parse(l) as { level: number; msg: string })).toContainEqual(expect.objectContaining({ level: 40, msg: MALWARE_SCAN_OFF_WARNING }));
    expect(MALWARE_SCAN_OFF_WARNING).toBe("uploads are not scanned for malware: set MADOGUCHI_CLAMD");
  });

  it("scale without clamd refuses to start unless MADOGUCHI_MALWARE_SCAN=off says so", () => {
    expect(config({ MADOGUCHI_PROFILE: "scale" })._unsafeUnwrapErr()).toMatchObject({ _tag: "ConfigError", message: expect.stringMatching(/MADOGUCHI_CLAMD/) });
    expect(config({ MADOGUCHI_PROFILE: "scale", MADOGUCHI_MALWARE_SCAN: "off" })._unsafeUnwrap().malwareScan).toEqual({ kind: "off" });
  });

  it("MADOGUCHI_MALWARE_SCAN=required without clamd is an error in any profile; off with clamd contradicts it", () => {
    for (const profile of ["embedded", "scale"]) {
      expect(config({ MADOGUCHI_PROFILE: profile, MADOGUCHI_MALWARE_SCAN: "required" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_MALWARE_SCAN=required needs MADOGUCHI_CLAMD/);
    }
    expect(config({ MADOGUCHI_MALWARE_SCAN: "sometimes" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_MALWARE_SCAN/);
    expect(config({ MADOGUCHI_CLAMD: "127.0.0.1:3310", MADOGUCHI_MALWARE_SCAN: "off" })._unsafeUnwrapErr().message).toMatch(/contradict/);
  });
});
