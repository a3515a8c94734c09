import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateTenshutsuLayouts, loadTemplateCatalog, synthesizeScan, type DocumentResult, type Template } from "@madoguchi/ocr-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

/**
 * `madoguchi ocr draft`: from one sample scan of a municipality's 転出証明書 (a generated layout, fake
 * household), the CLI writes a template that validates, and `madoguchi ocr` reads another scan of the
 * same layout with it. The engine's own contract test measures how well drafts read; here the command
 * line: options, the file written, never overwriting, clear errors.
 */
const dir = tempDir();
const DPI = 150;
const DEGRADE = { rotationDeg: 0.4, scale: 1, shiftPx: { x: 2, y: 1 }, blurSigma: 0, noiseSigma: 4, jpegQuality: 90 } as const;
/** The next certificate of that layout: askew the other way, smaller, shifted — aligned by the draft's reference. */
const OTHER_DEGRADE = { ...DEGRADE, rotationDeg: -1.8, scale: 0.97, shiftPx: { x: 20, y: -15 } } as const;
let layout: Template;
const sample = join(dir.path, "sample.jpg");
const other = join(dir.path, "other.jpg");
let otherTruth: Readonly<Record<string, string>> = {};

beforeAll(async () => {
  layout = generateTenshutsuLayouts(7, 1)[0]!;
  const a = (await synthesizeScan(layout, { seed: 3, dpi: DPI, degrade: { ...DEGRADE, seed: 3 } }))._unsafeUnwrap();
  const b = (await synthesizeScan(layout, { seed: 11, dpi: DPI, degrade: { ...OTHER_DEGRADE, seed: 11 } }))._unsafeUnwrap();
  writeFileSync(sample, a.scan!.image);
  writeFileSync(other, b.scan!.image);
  otherTruth = b.clean.truth.fields;
}, 120_000);
afterAll(() => dir.remove());

type DraftJson = { out: string; reference: string; template: Template; report: { templateId: string; found: { key: string }[]; missing: string[] } };
type OcrJson = { template: { id: string }; fields: DocumentResult["fields"] };

describe("madoguchi ocr draft", () => {
  it("drafts a valid template and its reference image from one sample; ocr identifies another scan of that layout by it and reads it; files are never overwritten", async () => {
    const templates = join(dir.path, "templates");
    const out = join(templates, "draft.json");
    await import("node:fs").then((fs) => fs.mkdirSync(templates));
    const run = await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", layout.issuer, "--out", out, "--json"]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    const json = jsonOf<DraftJson>(run);
    const id = `tenshutsu-shomeisho/${layout.issuer}/v1`;
    expect(json.report.templateId).toBe(id);
    expect(json.report.found.map((f) => f.key)).toEqual(expect.arrayContaining(["household.address", "move.destination", "move.plannedDate"]));
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(json.template);
    expect(json.template.referenceImage).toBe("draft.reference.png");
    expect(readFileSync(join(templates, "draft.reference.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
    // The written files are a template the engine loads with its reference (validated by the template schema).
    const catalog = (await loadTemplateCatalog(templates))._unsafeUnwrap();
    expect(Object.keys(catalog.references)).toEqual([id]);

    // No --template: the scan is identified among the templates of the directory, then aligned and read.
    const read = await madoguchi(["ocr", other, "--templates-dir", templates, "--json"]);
    expect(read.stderr).not.toMatch(STACK_TRACE);
    expect(read.code).toBe(0);
    expect(jsonOf<OcrJson>(read).template.id).toBe(id);
    const fields = new Map(jsonOf<OcrJson>(read).fields.map((f) => [f.key, f.value]));
    // The generated form prints every page field; through the draft they come back typed (the date as ISO).
    for (const k of ["household.address", "move.destination", "move.plannedDate"]) expect(otherTruth[k], k).toBeTruthy();
    expect(fields.get("move.plannedDate")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(fields.get("household.address")).toBeTruthy();

    const again = await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", layout.issuer, "--out", out, "--lang", "en"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("the file exists already (not overwritten)");
    // A reference image in the way stops the draft too, before anything is written.
    const blocked = join(templates, "second.json");
    writeFileSync(join(templates, "second.reference.png"), "not mine");
    const stopped = await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", layout.issuer, "--out", blocked, "--lang", "en"]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("second.reference.png");
    expect(existsSync(blocked)).toBe(false);
  }, 180_000);

  it("the human report lists the labels found and where the draft went; the default name follows the README", async () => {
    const cwd = tempDir();
    try {
      const run = await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", layout.issuer, "--version", "2"], { cwd: cwd.path });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("見つかった項目");
      const name = `tenshutsu-shomeisho.${layout.issuer}.v2.json`;
      expect(run.stdout).toContain(name);
      expect(existsSync(join(cwd.path, name))).toBe(true);
      expect(existsSync(join(cwd.path, `tenshutsu-shomeisho.${layout.issuer}.v2.reference.png`))).toBe(true);
    } finally {
      cwd.remove();
    }
  }, 180_000);

  it("bad options exit 2 with the reason; a page without labels exits 1 (no_labels_found)", async () => {
    const kind = await madoguchi(["ocr", "draft", sample, "--kind", "passport", "--issuer", "*", "--lang", "en"]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain("invalid --kind: passport");
    expect(kind.stderr).toContain("tenshutsu-kakunin");
    const issuer = await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", "131120", "--lang", "en"]);
    expect(issuer.code).toBe(2);
    expect(issuer.stderr).toContain("--issuer must be a local government code");
    expect((await madoguchi(["ocr", "draft", sample, "--kind", "tenshutsu-shomeisho", "--issuer", "*", "--version", "0"])).code).toBe(2);
    expect((await madoguchi(["ocr", "draft", "--kind", "tenshutsu-shomeisho", "--issuer", "*"])).code).toBe(2);

    const blank = join(dir.path, "blank.png");
    const sharp = (await import("sharp")).default;
    writeFileSync(blank, await sharp({ create: { width: 1240, height: 1754, channels: 3, background: "#ffffff" } }).png().toBuffer());
    const none = await madoguchi(["ocr", "draft", blank, "--kind", "tenshutsu-shomeisho", "--issuer", "*", "--out", join(dir.path, "none.json"), "--json"]);
    expect(none.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(none).error.code).toBe("ocr.no_labels_found");
    expect(existsSync(join(dir.path, "none.json"))).toBe(false);
  }, 180_000);
});
