import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeImage } from "../src/pipeline/decode-image.ts";
import { renderReferenceImage } from "../src/synthetic/render-reference.ts";
import { loadTemplateCatalog, loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import type { Template } from "../src/templates/template.ts";
import { validTemplate } from "./templates-fixture.ts";

describe("the shipped catalogue's reference images", () => {
  it("gives every shipped template a reference: a small 1-bit PNG of the page at the template's dpi", async () => {
    const { templates, references } = (await loadTemplateCatalog(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
    expect(templates).toHaveLength(10);
    expect(Object.keys(references).sort()).toEqual(templates.map((t) => t.id).sort());
    for (const t of templates) {
      const bytes = references[t.id]!;
      const meta = await sharp(bytes).metadata();
      const size = { width: Math.round((t.page.widthMm / 25.4) * t.page.dpi), height: Math.round((t.page.heightMm / 25.4) * t.page.dpi) };
      expect({ id: t.id, format: meta.format, width: meta.width, height: meta.height, bits: meta.bitsPerSample, small: bytes.length < 300 * 1024 }).toEqual({
        id: t.id, format: "png", ...size, bits: 1, small: true,
      });
    }
  });

  it("draws the blank form, not a blank page: every anchor's region has ink and no value region does", async () => {
    const { templates, references } = (await loadTemplateCatalog(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
    const t = templates.find((x) => x.id === "tenshutsu-shomeisho/131121/v1")!;
    const page = (await decodeImage(references[t.id]!))._unsafeUnwrap();
    const inkIn = (r: Template["fields"][number]["region"]) => {
      let dark = 0;
      let n = 0;
      // The inner 80 %: the ruled cell around a region must not count as ink inside it.
      for (let y = Math.ceil((r.y + r.height * 0.1) * page.height); y < (r.y + r.height * 0.9) * page.height; y++) {
        for (let x = Math.ceil((r.x + r.width * 0.1) * page.width); x < (r.x + r.width * 0.9) * page.width; x++, n++) if (page.data[(y * page.width + x) * 4]! < 128) dark++;
      }
      return dark / n;
    };
    for (const a of t.anchors) expect({ anchor: a.text, inked: inkIn(a.region) > 0.01 }).toEqual({ anchor: a.text, inked: true });
    for (const f of t.fields) expect({ field: f.key, ink: inkIn(f.region) }).toEqual({ field: f.key, ink: 0 });
  });

  it("is reproducible: re-rendering a template gives the shipped file byte for byte (else run scripts/render-reference-images.ts)", async () => {
    const templates = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
    const card = templates.find((t) => t.id === "unten-menkyo/*/v1")!;
    const rendered = (await renderReferenceImage(card))._unsafeUnwrap();
    const shipped = await readFile(resolve(SHIPPED_TEMPLATES_DIR, card.referenceImage!));
    expect(Buffer.compare(Buffer.from(rendered), shipped)).toBe(0);
  });
});

describe("loadTemplateCatalog", () => {
  let dir = "";
  const write = (name: string, t: Template) => writeFile(join(dir, name), JSON.stringify(t));
  const version = (n: number): Template => ({ ...validTemplate(), id: `tenshutsu-shomeisho/131016/v${n}`, version: n });
  const png = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#ffffff" } }).png().toBuffer();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ocr-catalog-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads references relative to the template directory and leaves templates without one out", async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, "reference"), { recursive: true });
    const bytes = await png();
    await writeFile(join(dir, "reference", "a.png"), bytes);
    const base = version(1);
    await write("a.json", { ...base, referenceImage: "reference/a.png" });
    await write("b.json", { ...version(2), referenceImage: null });
    const catalog = (await loadTemplateCatalog(dir))._unsafeUnwrap();
    expect(catalog.templates.map((t) => t.referenceImage)).toEqual(["reference/a.png", null]);
    expect(Object.keys(catalog.references)).toEqual([base.id]);
    expect(Buffer.from(catalog.references[base.id]!).equals(bytes)).toBe(true);
  });

  it("reports every missing or escaping reference at once, with the template file and the path", async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await write("a.json", { ...version(1), referenceImage: "reference/missing.png" });
    await write("b.json", { ...version(2), referenceImage: "../outside.png" });
    await write("c.json", { ...version(3), referenceImage: "/etc/hostname" });
    const error = (await loadTemplateCatalog(dir))._unsafeUnwrapErr();
    expect(error._tag).toBe("TemplateError");
    expect(error.issues.map((i) => i.path)).toEqual(["a.json: referenceImage", "b.json: referenceImage", "c.json: referenceImage"]);
    expect(error.issues[0]!.message).toContain(join(dir, "reference", "missing.png"));
    expect(error.issues[1]!.message).toContain("inside the template directory");
    expect(error.issues[2]!.message).toContain("inside the template directory");
  });

  it("still reports invalid templates as loadTemplates does", async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "bad.json"), "{ not json");
    const error = (await loadTemplateCatalog(dir))._unsafeUnwrapErr();
    expect(error.issues[0]!.path).toBe("bad.json");
  });
});
