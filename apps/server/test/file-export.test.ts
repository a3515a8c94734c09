import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/config.ts";
import { exportNewApplications } from "../src/integration/file-export-job.ts";
import { createLogger } from "../src/logging/logger.ts";
import { juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "madoguchi-export-"));
  // The timer's first run is far away: the test runs the export itself.
  server = await startTestServer({ MADOGUCHI_EXPORT_DIR: dir, MADOGUCHI_EXPORT_INTERVAL_MS: "3600000" });
}, 120_000);
afterAll(async () => {
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const run = (encoding: "shift_jis" | "utf-8" = "shift_jis") =>
  exportNewApplications(
    { applications: server.deps.applications, settings: server.deps.settings, catalog: () => server.deps.catalog, clock: server.deps.clock, logger: createLogger("silent") },
    { dir, encoding },
  );
const csvFiles = () => readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();

describe("S9: new applications are written to a directory for the back-office systems (ファイル連携)", () => {
  it("writes each run's new applications once, oldest first, every column, in Shift_JIS; nothing new, no file; audited", async () => {
    const first = (await residentSubmits(server, juminhyoInput())).submitted.body.receiptNumber as string;
    const second = (await residentSubmits(server, juminhyoInput())).submitted.body.receiptNumber as string;

    const one = await run();
    expect(one.count).toBe(2);
    expect(csvFiles()).toEqual([one.file]);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]); // no partial file left
    const text = iconv.decode(readFileSync(join(dir, one.file!)), "cp932");
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("受付番号");
    expect(lines[1]).toContain(first);
    expect(lines[2]).toContain(second);
    expect(text).toContain("住民票の写し");

    // Nothing submitted since: no second file.
    expect(await run()).toEqual({ file: null, count: 0 });
    expect(csvFiles()).toHaveLength(1);

    const third = (await residentSubmits(server, juminhyoInput())).submitted.body.receiptNumber as string;
    const next = await run("utf-8");
    expect(next.count).toBe(1);
    expect(csvFiles()).toHaveLength(2);
    const utf8 = readFileSync(join(dir, next.file!), "utf8");
    expect(utf8).toContain(third);
    expect(utf8).not.toContain(first);

    const entries = (await server.deps.auditLog.read({ actions: ["applications.exported"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(entries.map((e) => [e.actor.kind, e.details["channel"], e.details["file"], e.details["count"]])).toEqual([
      ["system", "file", one.file, 2],
      ["system", "file", next.file, 1],
    ]);
    const perApplication = (await server.deps.auditLog.read({ actions: ["application.exported"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(perApplication.map((e) => e.details["file"])).toEqual([one.file, one.file, next.file]);
    // The watermark lives with the municipality's settings: another process (or a restart) goes on from it.
    const watermark = (await server.deps.settings.get("integration.exportedUntil"))._unsafeUnwrap();
    expect(watermark?.version).toBe(3);
  });

  it("is off without MADOGUCHI_EXPORT_DIR; a relative directory or options without one are refused at start", () => {
    expect(loadConfig({})._unsafeUnwrap().fileExport).toBeNull();
    expect(loadConfig({ MADOGUCHI_EXPORT_DIR: "/srv/renkei" })._unsafeUnwrap().fileExport).toEqual({ dir: "/srv/renkei", intervalMs: 900_000, encoding: "shift_jis" });
    expect(loadConfig({ MADOGUCHI_EXPORT_DIR: "renkei" })._unsafeUnwrapErr().message).toMatch(/absolute path/);
    expect(loadConfig({ MADOGUCHI_EXPORT_ENCODING: "utf-8" })._unsafeUnwrapErr().message).toMatch(/need MADOGUCHI_EXPORT_DIR/);
  });

  it("refuses to start when the directory cannot be written to", async () => {
    await expect(startTestServer({ MADOGUCHI_EXPORT_DIR: join(dir, "missing") })).rejects.toThrow(/MADOGUCHI_EXPORT_DIR .* is not a directory this server can write to/);
  });
});
