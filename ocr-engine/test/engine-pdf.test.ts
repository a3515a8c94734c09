import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcrEngine, type OcrEngine, type RawRecognition } from "../src/engine/index.ts";
import { synthesizeScan } from "../src/synthetic/synthesize-scan.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import type { Template } from "../src/templates/template.ts";

/**
 * The engine reads a scanned PDF handed to it as bytes: page 1 a cover page of vector text, page 2 the
 * scanned 運転免許証 (a JPEG image). The template is read without a reference (straight synthetic scan),
 * so this exercises decoding and the `page` option, not alignment.
 */
let engine: OcrEngine<RawRecognition>;
let template: Template;
let pdf: Uint8Array;
let truth: Readonly<Record<string, string>> = {};

beforeAll(async () => {
  const card = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.id === "unten-menkyo/*/v1")!;
  template = { ...card, referenceImage: null };
  const s = (await synthesizeScan(template, { seed: 5, dpi: 300, degrade: { rotationDeg: 0, scale: 1, shiftPx: { x: 0, y: 0 }, blurSigma: 0, noiseSigma: 2, jpegQuality: 92 } }))._unsafeUnwrap();
  truth = s.clean.truth.fields;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText("Scan of an ID document", { x: 50, y: 760, size: 18, font });
  const image = await doc.embedJpg(s.scan!.image);
  doc.addPage([image.width, image.height]).drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
  pdf = await doc.save();
  engine = (await createOcrEngine({ templates: [template], workers: 1 }))._unsafeUnwrap();
}, 60_000);

afterAll(async () => {
  await engine?.close();
});

describe("recognize on a PDF", () => {
  it("reads the scanned page given by the page option", async () => {
    const raw = (await engine.recognize(pdf, { templateId: template.id, page: 2 }))._unsafeUnwrap();
    expect(raw.templateId).toBe(template.id);
    expect(raw.readings.fields["license.number"]?.raw.replace(/\s/g, "")).toBe(truth["license.number"]);
  }, 60_000);

  it("says the cover page has no scanned image, and that page 3 does not exist", async () => {
    expect((await engine.recognize(pdf, { templateId: template.id }))._unsafeUnwrapErr()).toMatchObject({ reason: "unsupported_format", message: expect.stringContaining("page 1 has no scanned image") });
    expect((await engine.recognize(pdf, { templateId: template.id, page: 3 }))._unsafeUnwrapErr().reason).toBe("invalid_input");
  });
});
