import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { draftTemplate, type SampleDraft } from "../src/authoring/draft-template.ts";
import { valueRegions } from "../src/authoring/draft-reference.ts";
import { createPageReader, type PageReader } from "../src/authoring/page-words.ts";
import { createOcrEngine, type OcrEngine } from "../src/engine/index.ts";
import { makeDocumentPostProcessor, postProcessDocument } from "../src/postprocess/post-process-document.ts";
import type { DocumentResult, FieldResult } from "../src/result/field-result.ts";
import { generateTenshutsuLayouts } from "../src/synthetic/layout-families.ts";
import { synthesizeScan } from "../src/synthetic/synthesize-scan.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import type { Template } from "../src/templates/template.ts";

/**
 * Contract: a template drafted from ONE degraded synthetic sample of a layout reads a DIFFERENT scan of
 * that layout (other seed: other household, other degradation noise). Three families: a generated
 * layout with stacked member entries and a label column, a generated one with a member table, and the
 * shipped 札幌市 form with labels above their values and members as columns. Names are left out of
 * the comparison (always reviewed); the non-name values (addresses, dates, 性別, 続柄) are compared
 * after post-processing with the truth the generator drew.
 *
 * The sample is scanned 0.5° askew and the draft is made on the straightened page; the other scan is
 * −2° askew, 3 % smaller and shifted by 20–25 px, and is aligned to the draft's own reference image
 * (the sample with its values blanked), as a real second scan would be.
 *
 * Measured 2026-11-23: 33 of 42 non-name values exact (stacked 10/13, table 8/13, 札幌市 15/16) on
 * these aligned scans; before drafts had reference images, the second scan could only be as mildly
 * degraded as the sample (0.5°, 2 px, unaligned), and 34 of 42 were exact.
 */
const TODAY = "2026-11-23";
const DPI = 150;
const DEGRADE = { rotationDeg: 0.5, scale: 1, shiftPx: { x: 2, y: 1 }, blurSigma: 0, noiseSigma: 4, jpegQuality: 90 } as const;
/**
 * The sample staff scan to draft from, slightly askew. (Label words at 150 dpi are read less reliably
 * on a page straightened from 1.5° or more: one label of ten or so goes missing on some layouts — see
 * the skew test below, which drafts from a 2.5° sample.)
 */
const SAMPLE_DEGRADE = { ...DEGRADE, rotationDeg: 0.5 } as const;
/** The next resident's certificate: the other way askew, smaller, shifted. */
const SCAN_DEGRADE = { ...DEGRADE, rotationDeg: -2, scale: 0.97, shiftPx: { x: 25, y: -20 } } as const;
/** Floor of exact non-name values over the three layouts: measured 0.81 (34/42); 0.7 leaves room for a model or font update. */
const EXACT_FLOOR = 0.7;

const squash = (v: string | null | undefined) => (v == null ? null : v.replace(/\s+/g, ""));
const asReadings = (values: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(values).map(([k, raw]) => [k, { raw, confidence: 99 }]));

interface Case {
  readonly layout: Template;
  readonly draft: SampleDraft;
  readonly sampleSize: { readonly width: number; readonly height: number };
  readonly otherScan: Uint8Array;
  readonly doc: DocumentResult;
  readonly expected: DocumentResult;
}

let reader: PageReader;
let engine: OcrEngine<DocumentResult>;
const cases: Case[] = [];

const nonNamePairs = (c: Case): { key: string; actual: FieldResult | undefined; expected: FieldResult }[] => {
  const names = new Set([...c.draft.template.fields, ...c.draft.template.repeatGroups.flatMap((g) => g.fields)].filter((f) => f.type === "name").map((f) => f.key));
  const pairs = c.expected.fields.filter((e) => !names.has(e.key)).map((e) => ({ key: e.key, expected: e, actual: c.doc.fields.find((a) => a.key === e.key) }));
  for (const [group, rows] of Object.entries(c.expected.groups)) {
    rows.forEach((row, i) => row.filter((e) => !names.has(e.key)).forEach((e) => pairs.push({ key: `${group}[${i}] ${e.key}`, expected: e, actual: c.doc.groups[group]?.[i]?.find((a) => a.key === e.key) })));
  }
  return pairs;
};

beforeAll(async () => {
  reader = (await createPageReader())._unsafeUnwrap();
  const generated = generateTenshutsuLayouts(7, 4);
  const sapporo = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.id === "tenshutsu-shomeisho/011002/v1")!;
  const drafted: { layout: Template; draft: SampleDraft; sampleSize: { width: number; height: number }; other: Awaited<ReturnType<typeof synthesizeScan>> extends infer R ? R : never }[] = [];
  for (const layout of [generated[0]!, generated[3]!, sapporo]) {
    const sample = (await synthesizeScan(layout, { seed: 3, dpi: DPI, degrade: { ...SAMPLE_DEGRADE, seed: 3 } }))._unsafeUnwrap();
    const draft = (await draftTemplate(new Uint8Array(sample.scan!.image), { kind: layout.kind, issuer: layout.issuer, reader }))._unsafeUnwrap();
    const other = await synthesizeScan(layout, { seed: 21, dpi: DPI, degrade: { ...SCAN_DEGRADE, seed: 21 } });
    drafted.push({ layout, draft, sampleSize: { width: sample.scan!.width, height: sample.scan!.height }, other });
  }
  // The engine knows the drafts as registered templates, with their own reference images.
  engine = (
    await createOcrEngine({
      templates: drafted.map((d) => d.draft.template),
      references: Object.fromEntries(drafted.map((d) => [d.draft.template.id, d.draft.reference])),
      workers: 1,
      postProcess: makeDocumentPostProcessor({ today: () => TODAY }),
    })
  )._unsafeUnwrap();
  for (const { layout, draft, sampleSize, other: pending } of drafted) {
    const other = pending._unsafeUnwrap();
    const otherScan = new Uint8Array(other.scan!.image);
    const doc = (await engine.recognizeWith(otherScan, draft.template))._unsafeUnwrap();
    const truth = other.clean.truth;
    const expected = postProcessDocument(
      draft.template,
      { fields: asReadings(truth.fields), groups: Object.fromEntries(Object.entries(truth.groups).map(([g, rows]) => [g, rows.map(asReadings)])) },
      { today: TODAY },
    );
    cases.push({ layout, draft, sampleSize, otherScan, doc, expected });
  }
}, 240_000);

afterAll(async () => {
  await engine?.close();
  await reader?.close();
});

describe("a template drafted from one sample reads another scan of the layout", () => {
  it("drafts valid templates with the sample's identity and the layout's member family", () => {
    expect(cases.map((c) => c.draft.template.id)).toEqual(cases.map((c) => `tenshutsu-shomeisho/${c.layout.issuer}/v1`));
    expect(cases.map((c) => c.draft.report.members?.layout)).toEqual(["stacked", "table", "columns"]);
  });

  it("finds the label of every field the layout prints", () => {
    for (const c of cases) {
      const printed = [...c.layout.fields, ...c.layout.repeatGroups.flatMap((g) => g.fields)].map((f) => f.key).sort();
      expect({ id: c.layout.id, found: c.draft.report.found.map((f) => f.key).sort() }).toEqual({ id: c.layout.id, found: printed });
      expect(c.draft.report.missing.filter((k) => printed.includes(k))).toEqual([]);
    }
  });

  it("drafts on the straightened sample and names a reference image: the form with its values blanked", async () => {
    for (const c of cases) {
      expect(c.draft.report.notes.some((n) => n.includes("straightened by"))).toBe(true);
      expect(c.draft.template.referenceImage).toBe(`tenshutsu-shomeisho.${c.layout.issuer}.v1.reference.png`);
      const { data, info } = await sharp(c.draft.reference).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect({ width: info.width, height: info.height }).toEqual(c.sampleSize);
      const inkIn = (x0: number, y0: number, x1: number, y1: number) => {
        let ink = 0;
        for (let y = Math.round(y0); y < Math.round(y1); y++) for (let x = Math.round(x0); x < Math.round(x1); x++) if (data[y * info.width + x]! < 128) ink++;
        return ink;
      };
      // The form is there (labels and lines) …
      expect(inkIn(0, 0, info.width, info.height)).toBeGreaterThan(info.width * info.height * 0.01);
      // … and no value: inside every value region, only what a cell border leaves at the edge.
      for (const r of valueRegions(c.draft.template)) {
        const [x0, y0] = [r.x * info.width + 4, r.y * info.height + 4];
        const [x1, y1] = [(r.x + r.width) * info.width - 4, (r.y + r.height) * info.height - 4];
        if (x1 > x0 && y1 > y0) expect(inkIn(x0, y0, x1, y1)).toBe(0);
      }
    }
  });

  it("identifies another scan of each layout among the drafts, by their reference images", async () => {
    for (const c of cases) {
      const identified = (await engine.identify(c.otherScan))._unsafeUnwrap();
      expect(identified.templateId).toBe(c.draft.template.id);
    }
  });

  it("places labels beside their values in a label column, below them in the 札幌市 form", () => {
    const placements = (c: Case) => new Set(c.draft.report.found.filter((f) => !f.key.startsWith("members")).map((f) => f.placement));
    expect(placements(cases[0]!)).toEqual(new Set(["right"]));
    expect(placements(cases[2]!)).toEqual(new Set(["below"]));
  });

  it("reads at least as many member rows as were printed, and every printed row's name", () => {
    for (const c of cases) {
      const printed = c.expected.groups.members?.length ?? 0;
      expect(printed).toBeGreaterThan(0);
      expect(c.doc.groups.members?.length ?? 0).toBeGreaterThanOrEqual(printed);
    }
  });

  it(`reads the non-name values (addresses, dates, 性別, 続柄) exactly at a rate of at least ${EXACT_FLOOR}`, () => {
    const pairs = cases.flatMap(nonNamePairs);
    const exact = pairs.filter((p) => squash(p.actual?.value) === squash(p.expected.value));
    expect(pairs.length).toBeGreaterThan(30);
    expect(exact.length / pairs.length).toBeGreaterThanOrEqual(EXACT_FLOOR);
  });
});

describe("label-anchored fallback", () => {
  it("reads a shipped layout (情報確認書) without its template and flags every field", async () => {
    const kakunin = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.kind === "tenshutsu-kakunin")!;
    const scan = (await synthesizeScan(kakunin, { seed: 5, dpi: DPI, degrade: { ...DEGRADE, seed: 5 } }))._unsafeUnwrap();
    const read = (await engine.readByLabels(new Uint8Array(scan.scan!.image), { kind: "tenshutsu-kakunin", today: TODAY }))._unsafeUnwrap();
    const all = [...read.document.fields, ...Object.values(read.document.groups).flat(2)];
    expect(all.length).toBeGreaterThan(10);
    for (const f of all) expect({ key: f.key, reasons: f.reasons }).toEqual({ key: f.key, reasons: expect.arrayContaining(["label_anchored_fallback"]) });
    expect(read.document.needsReview).toBe(true);
    expect(read.template.issuer).toBe("*");
    // It still saves typing: the page-level addresses and the date come back as drawn.
    const truth = scan.clean.truth.fields;
    const value = (key: string) => squash(read.document.fields.find((f) => f.key === key)?.value);
    const plannedIso = postProcessDocument(kakunin, { fields: asReadings(truth), groups: {} }, { today: TODAY }).fields.find((f) => f.key === "move.plannedDate")?.value;
    const right = [value("move.plannedDate") === plannedIso, value("household.address") !== null, value("move.destination") !== null];
    expect(right.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it("fails with no_labels_found (operation fallback) on a page without labels", async () => {
    const blank = { width: 400, height: 560, data: new Uint8Array(400 * 560 * 4).fill(255) };
    const r = await engine.readByLabels(blank, { kind: "tenshutsu-shomeisho", today: TODAY });
    expect(r._unsafeUnwrapErr()).toMatchObject({ reason: "no_labels_found", operation: "fallback" });
  });
});
