import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateTenshutsuLayouts, loadTemplates, SHIPPED_TEMPLATES_DIR, synthesizeScan, type DocumentResult } from "@madoguchi/ocr-engine";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

const TEMPLATE = "unten-menkyo/*/v1";
const dir = tempDir();
const scanFile = join(dir.path, "menkyo.jpg");
let truth: Readonly<Record<string, string>> = {};

beforeAll(async () => {
  const template = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.id === TEMPLATE)!;
  // A degraded synthetic 運転免許証 (fake values), rotated, scaled and shifted: the CLI aligns it to the
  // template's reference image before reading.
  const s = (await synthesizeScan(template, { seed: 3, dpi: 200, degrade: { rotationDeg: 1.5, scale: 0.97, shiftPx: { x: 9, y: -6 }, blurSigma: 0, noiseSigma: 3, jpegQuality: 90 } }))._unsafeUnwrap();
  writeFileSync(scanFile, s.scan!.image);
  truth = s.clean.truth.fields;
});
afterAll(() => dir.remove());

type OcrJson = { command: string; file: string; template: { id: string }; fields: DocumentResult["fields"]; groups: DocumentResult["groups"]; needsReview: boolean };

describe("madoguchi ocr", () => {
  it("reads a scan with --json: every field of the template, dates as ISO, the name flagged", async () => {
    const run = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--json"]);
    expect(run.code).toBe(0);
    const out = jsonOf<OcrJson>(run);
    expect(out).toMatchObject({ ok: true, command: "ocr", file: scanFile, template: { id: TEMPLATE } });
    const byKey = new Map(out.fields.map((f) => [f.key, f]));
    expect([...byKey.keys()].sort()).toEqual(Object.keys(truth).sort());
    expect(byKey.get("person.name")?.reasons).toContain("name_always_confirmed");
    expect(out.needsReview).toBe(true);
    // The generator printed 和暦 (昭和43年1月10日 …): the engine returns ISO dates and the 12 digits.
    expect(byKey.get("person.birthDate")?.value).toBe("1968-01-10");
    expect(byKey.get("license.expiry")?.value).toBe("2027-04-12");
    expect(byKey.get("license.number")?.value).toBe(truth["license.number"]);
  }, 60_000);

  it("reads the same scan from a scanner's PDF (the page's embedded JPEG)", async () => {
    const doc = await PDFDocument.create();
    const jpeg = await doc.embedJpg(readFileSync(scanFile));
    doc.addPage([jpeg.width * 0.36, jpeg.height * 0.36]).drawImage(jpeg, { x: 0, y: 0, width: jpeg.width * 0.36, height: jpeg.height * 0.36 });
    const pdf = join(dir.path, "menkyo.pdf");
    writeFileSync(pdf, await doc.save());
    const run = await madoguchi(["ocr", pdf, "--template", TEMPLATE, "--json"]);
    expect(run.code).toBe(0);
    const byKey = new Map(jsonOf<OcrJson>(run).fields.map((f) => [f.key, f]));
    expect(byKey.get("license.number")?.value).toBe(truth["license.number"]);
    expect(byKey.get("person.birthDate")?.value).toBe("1968-01-10");
  }, 60_000);

  it("--vocabularies corrects the address's place names to the deployment's spelling and flags them; a bad file is a clear error", async () => {
    // A dictionary whose only prefecture is one character off the scan's: the address is corrected to it.
    const prefecture = /^[^県府都道]+[県府都道]/.exec(truth["person.address"] ?? "")![0];
    const spelt = `た${prefecture.slice(1)}`;
    const file = join(dir.path, "vocabularies.json");
    writeFileSync(file, JSON.stringify({ placeNames: { prefectures: [{ name: spelt, municipalities: [] }] } }));
    const run = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--vocabularies", file, "--json"]);
    expect(run.code).toBe(0);
    const address = jsonOf<OcrJson>(run).fields.find((f) => f.key === "person.address")!;
    expect(address.value?.startsWith(spelt)).toBe(true);
    expect(address.reasons).toContain("place_name_corrected");

    writeFileSync(file, JSON.stringify({ placeNames: { prefectures: [{ name: "" }] } }));
    const bad = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--vocabularies", file]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("placeNames.prefectures.0.name");
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  }, 60_000);

  it("without --template, identifies the template among the shipped ones and reads with it", async () => {
    const run = await madoguchi(["ocr", scanFile, "--json"]);
    expect(run.code).toBe(0);
    const out = jsonOf<OcrJson & { identification: { templateId: string; coverage: number } }>(run);
    expect(out.identification.templateId).toBe(TEMPLATE);
    expect(out.template.id).toBe(TEMPLATE);
    expect(new Map(out.fields.map((f) => [f.key, f.value])).get("license.number")).toBe(truth["license.number"]);
    const human = await madoguchi(["ocr", scanFile]);
    expect(human.stdout).toContain(`様式を判定: ${TEMPLATE}`);
  }, 60_000);

  it("a page no template matches: unidentified with the hint to give --kind; with --kind, read by its labels, every field flagged", async () => {
    const generated = generateTenshutsuLayouts(7, 1)[0]!;
    const unknown = join(dir.path, "unknown-layout.jpg");
    const s = (await synthesizeScan(generated, { seed: 5, dpi: 150, degrade: { rotationDeg: 0.4, scale: 1, shiftPx: { x: 2, y: 1 }, blurSigma: 0, noiseSigma: 4, jpegQuality: 90 } }))._unsafeUnwrap();
    writeFileSync(unknown, s.scan!.image);
    const refused = await madoguchi(["ocr", unknown, "--lang", "en", "--json"]);
    expect(refused.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(refused).error.code).toBe("ocr.unidentified");
    const hint = await madoguchi(["ocr", unknown, "--lang", "en"]);
    expect(hint.stderr).toContain("--kind <kind>");
    const byLabels = await madoguchi(["ocr", unknown, "--kind", "tenshutsu-shomeisho", "--json"]);
    expect(byLabels.code).toBe(0);
    const out = jsonOf<OcrJson & { identification: null; labelAnchored: { report: { found: { key: string }[] } } }>(byLabels);
    expect(out.identification).toBeNull();
    expect(out.labelAnchored.report.found.map((f) => f.key)).toEqual(expect.arrayContaining(["household.address", "move.plannedDate"]));
    const all = [...out.fields, ...Object.values(out.groups).flat(2)];
    expect(all.length).toBeGreaterThan(3);
    for (const f of all) expect(f.reasons, f.key).toContain("label_anchored_fallback");
  }, 180_000);

  it("prints a bilingual table by default", async () => {
    const run = await madoguchi(["ocr", scanFile, "--template", TEMPLATE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("信頼度");
    expect(run.stdout).toContain("Confidence");
    expect(run.stdout).toMatch(/license\.expiry\s+有効期限\s+2027-04-12/);
    expect(run.stdout).toContain("氏名は必ず原本と照合してください");
  }, 60_000);

  it("an unknown template exits 1 and lists the templates", async () => {
    const run = await madoguchi(["ocr", scanFile, "--template", "nope/*/v1", "--lang", "en"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no such template: nope/*/v1");
    expect(run.stderr).toContain(TEMPLATE);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const json = await madoguchi(["ocr", scanFile, "--template", "nope/*/v1", "--json"]);
    expect(json.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(json).error.code).toBe("ocr.template_not_found");
  }, 60_000);

  it("an unsupported or missing image exits 1 with a clear message; a missing argument or option exits 2", async () => {
    const pdf = join(dir.path, "scan.pdf");
    writeFileSync(pdf, "%PDF-1.7\n");
    const truncated = await madoguchi(["ocr", pdf, "--template", TEMPLATE, "--json"]);
    expect(truncated.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(truncated).error.code).toBe("ocr.corrupt_image");
    const gif = join(dir.path, "scan.gif");
    writeFileSync(gif, "GIF89a\x01\x00\x01\x00");
    const unsupported = await madoguchi(["ocr", gif, "--template", TEMPLATE, "--json"]);
    expect(unsupported.code).toBe(1);
    expect(jsonOf<{ error: { code: string } }>(unsupported).error.code).toBe("ocr.unsupported_format");
    const missing = await madoguchi(["ocr", join(dir.path, "none.jpg"), "--template", TEMPLATE, "--lang", "en"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
    expect((await madoguchi(["ocr", "--template", TEMPLATE])).code).toBe(2);
    expect((await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--kind", "unten-menkyo"])).code).toBe(2);
    expect((await madoguchi(["ocr", scanFile, "--kind", "passport"])).code).toBe(2);
    expect((await madoguchi(["ocr", scanFile, "--page", "0"])).code).toBe(2);
  }, 60_000);
  it("--templates-dir reads the templates of that directory; an invalid one exits 1", async () => {
    const own = tempDir();
    try {
      copyFileSync(join(SHIPPED_TEMPLATES_DIR, "unten-menkyo.all.v1.json"), join(own.path, "unten-menkyo.all.v1.json"));
      // The template names its reference image (relative to the template file): without it, a load error naming the path.
      const noReference = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--templates-dir", own.path, "--lang", "en"]);
      expect(noReference.code).toBe(1);
      expect(noReference.stderr).toContain("reference/unten-menkyo.all.v1.png");
      mkdirSync(join(own.path, "reference"));
      copyFileSync(join(SHIPPED_TEMPLATES_DIR, "reference", "unten-menkyo.all.v1.png"), join(own.path, "reference", "unten-menkyo.all.v1.png"));
      const ok = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--templates-dir", own.path, "--json"]);
      expect(ok.code).toBe(0);
      expect(jsonOf<OcrJson>(ok).fields.map((f) => f.key)).toContain("license.number");
      // Only that directory's templates are known now.
      const other = await madoguchi(["ocr", scanFile, "--template", "zairyu-card/*/v1", "--templates-dir", own.path, "--json"]);
      expect(other.code).toBe(1);
      expect(jsonOf<{ error: { templates: string[] } }>(other).error.templates).toEqual([TEMPLATE]);
      writeFileSync(join(own.path, "broken.json"), JSON.stringify({ id: "x" }));
      const broken = await madoguchi(["ocr", scanFile, "--template", TEMPLATE, "--templates-dir", own.path, "--lang", "en"]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("cannot load the templates");
      expect(broken.stderr).toContain("broken.json");
    } finally {
      own.remove();
    }
  }, 60_000);
});
