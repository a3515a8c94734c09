/**
 * Template identification by image: 30 generated 転出証明書 layouts (and one card) indexed from
 * rendered blank forms; degraded synthetic scans of filled forms are identified top-1; pages that are
 * none of them (blank paper, a card among A4 forms, noise) are `unidentified` with the reason; the
 * engine's `recognize` without a template id reads the identified template.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcrEngine, type OcrEngine, type RawRecognition } from "../src/engine/index.ts";
import type { Result } from "neverthrow";
import { buildTemplateIndex, decodeReduced, identifyPage, type Identification, type TemplateIndex } from "../src/identify/index.ts";
import type { OcrError } from "../src/pipeline/ocr-error.ts";
import { generateTenshutsuLayouts, renderDocument, synthesizeScan } from "../src/synthetic/index.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import type { Template } from "../src/templates/template.ts";

/**
 * A4 references are rendered small (identification works at 1000 px anyway) and scans at 100 dpi to
 * keep the test quick; cards, 86 mm wide, at 300 dpi as a counter scanner reads them.
 */
const dpiOf = (t: Template, paper: number): number => (t.page.widthMm < 100 ? 300 : paper);

const blank = (t: Template): Uint8Array => new Uint8Array(renderDocument(t, { fields: {}, groups: {} }, { dpi: dpiOf(t, 60), seed: 1 })._unsafeUnwrap().png);
const scanOf = async (t: Template, seed: number): Promise<Uint8Array> => new Uint8Array((await synthesizeScan(t, { seed, dpi: dpiOf(t, 100) }))._unsafeUnwrap().scan!.image);
/** The identified template id, or the error message (so that a failure says why). */
const outcome = (r: Result<Identification, OcrError>): string => (r.isOk() ? r.value.templateId : `${r.error.reason}: ${r.error.message}`);

const layouts = generateTenshutsuLayouts(11, 30);
let card: Template;
let forms: TemplateIndex;
let withCard: TemplateIndex;

beforeAll(async () => {
  const shipped = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
  card = shipped.find((t) => t.kind === "unten-menkyo")!;
  const sources = layouts.map((t) => ({ templateId: t.id, image: blank(t) }));
  withCard = (await buildTemplateIndex([...sources, { templateId: card.id, image: blank(card) }]))._unsafeUnwrap();
  const formEntries = withCard.entries.filter((e) => e.templateId !== card.id);
  forms = { entries: formEntries, bytes: formEntries.reduce((sum, e) => sum + e.ink.bits.byteLength, 0) };
}, 120_000);

describe("identifyPage", () => {
  it("indexes every reference, a few kilobytes each", () => {
    expect(forms.entries.map((e) => e.templateId)).toEqual(layouts.map((t) => t.id));
    // Packed ink at ≤ 1000 px is ≤ 125 kB per page; the fingerprint a few kB.
    expect(forms.bytes / forms.entries.length).toBeLessThan(140_000);
  });

  it.each([0, 13, 29])("identifies a degraded scan of filled layout %i among 30", async (i) => {
    const page = (await decodeReduced(await scanOf(layouts[i]!, 700 + i)))._unsafeUnwrap();
    const result = identifyPage(withCard, page);
    expect(outcome(result)).toBe(layouts[i]!.id);
    const found = result._unsafeUnwrap();
    expect(found.score).toBeGreaterThanOrEqual(0.7);
    expect(found.runnerUp).not.toBeNull();
    expect(found.score - found.runnerUp!.score).toBeGreaterThanOrEqual(0.1);
  });

  it("identifies a card by its shape and printed labels", async () => {
    const page = (await decodeReduced(await scanOf(card, 41)))._unsafeUnwrap();
    expect(outcome(identifyPage(withCard, page))).toBe(card.id);
  });

  it("says a card is no registered A4 form (page shape)", async () => {
    const page = (await decodeReduced(await scanOf(card, 42)))._unsafeUnwrap();
    const e = identifyPage(forms, page)._unsafeUnwrapErr();
    expect(e.reason).toBe("unidentified");
    expect(e.message).toMatch(/page shape/);
  });

  it("says a blank A4 page is blank", async () => {
    const white = await sharp({ create: { width: 827, height: 1169, channels: 3, background: { r: 250, g: 250, b: 248 } } }).png().toBuffer();
    const e = identifyPage(forms, (await decodeReduced(new Uint8Array(white)))._unsafeUnwrap())._unsafeUnwrapErr();
    expect(e.reason).toBe("unidentified");
    expect(e.message).toMatch(/blank/);
  });

  it("does not identify noise of A4 shape", async () => {
    let state = 12345;
    const noise = new Uint8Array(707 * 1000 * 4).map((_, i) => {
      if (i % 4 === 3) return 255;
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    });
    const e = identifyPage(forms, { width: 707, height: 1000, data: noise })._unsafeUnwrapErr();
    expect(e.reason).toBe("unidentified");
    expect(e.message).toMatch(/too dark/);
  });

  it("does not identify a form whose layout is not registered", async () => {
    const [stranger] = generateTenshutsuLayouts(99, 1);
    const page = (await decodeReduced(await scanOf(stranger!, 5)))._unsafeUnwrap();
    const e = identifyPage(forms, page)._unsafeUnwrapErr();
    expect(e.reason).toBe("unidentified");
    expect(e.message).toMatch(/\d+ %|inliers/);
  });
});

describe("engine: identify and recognize without a template id", () => {
  let engine: OcrEngine<RawRecognition>;
  const chosen = [layouts[3]!, layouts[4]!, layouts[5]!];

  beforeAll(async () => {
    const templates = chosen.map((t) => ({ ...t, referenceImage: "reference.png" }));
    const references = Object.fromEntries(chosen.map((t) => [t.id, new Uint8Array(renderDocument(t, { fields: {}, groups: {} }, { dpi: 100, seed: 1 })._unsafeUnwrap().png)]));
    // A template without a reference image cannot be identified by image: it is left out, not an error.
    engine = (await createOcrEngine({ templates: [...templates, layouts[6]!], references, workers: 1 }))._unsafeUnwrap();
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it("identifies a scan and reads it with the identified template", async () => {
    const scan = await scanOf(chosen[1]!, 77);
    expect((await engine.identify(scan))._unsafeUnwrap().templateId).toBe(chosen[1]!.id);
    const read = (await engine.recognize(scan))._unsafeUnwrap();
    expect(read.templateId).toBe(chosen[1]!.id);
    expect(read.alignment).not.toBeNull();
    expect(read.fields.filter((f) => !f.blank).length).toBeGreaterThan(3);
  });

  it("fails recognize without a template id as identify does, for an unregistered layout", async () => {
    const e = (await engine.recognize(await scanOf(layouts[6]!, 78)))._unsafeUnwrapErr();
    expect(e.reason).toBe("unidentified");
  });
});

describe("engine: the identification index from a cache", () => {
  it("writes each reference's entry on first use, and a second engine identifies from the cache alone", async () => {
    const chosen = [layouts[3]!, layouts[4]!];
    const templates = chosen.map((t) => ({ ...t, referenceImage: "reference.png" }));
    const references = Object.fromEntries(chosen.map((t) => [t.id, new Uint8Array(renderDocument(t, { fields: {}, groups: {} }, { dpi: 100, seed: 1 })._unsafeUnwrap().png)]));
    const stored = new Map<string, Uint8Array>();
    const reads: string[] = [];
    const indexCache = {
      read: async (key: string) => {
        reads.push(key);
        return stored.get(key) ?? null;
      },
      write: async (key: string, bytes: Uint8Array) => void stored.set(key, bytes),
    };
    const scan = await scanOf(chosen[0]!, 81);
    const first = (await createOcrEngine({ templates, references, workers: 1, indexCache }))._unsafeUnwrap();
    expect((await first.identify(scan))._unsafeUnwrap().templateId).toBe(chosen[0]!.id);
    await first.close();
    expect(stored.size).toBe(2);
    // The second engine gets every entry from the cache: any entry it had to rebuild would be written again.
    const rewritten: string[] = [];
    const second = (await createOcrEngine({ templates, references, workers: 1, indexCache: { read: indexCache.read, write: async (k) => void rewritten.push(k) } }))._unsafeUnwrap();
    expect((await second.identify(scan))._unsafeUnwrap().templateId).toBe(chosen[0]!.id);
    await second.close();
    expect(rewritten).toEqual([]);
    expect(new Set(reads).size).toBe(2);
  }, 120_000);
});
