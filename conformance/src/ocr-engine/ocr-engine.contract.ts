import type { Result } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OCR_ENGINE_CONTRACT, OCR_REVIEW_REASONS, isCounterDocumentKind, type OcrEngine, type OcrReadError, type ReadDocument, type ReadField, type ScanImage } from "@madoguchi/core";

/**
 * A scan the harness made with known contents: the values a correct reading gives, in the engine's normalised
 * form (ISO dates, canonical addresses), by field key and, for repeated rows, by group.
 */
export interface OcrSample {
  readonly scan: ScanImage;
  readonly templateId: string;
  readonly expected: {
    readonly fields: Readonly<Record<string, string | null>>;
    readonly groups: Readonly<Record<string, readonly Readonly<Record<string, string | null>>[]>>;
  };
  /** Keys of the name fields (`household.head`, `members[].name` …): the engine always asks for them to be confirmed. */
  readonly nameKeys: readonly string[];
}

/** What the suite needs: a started engine over templates that include the sample's, and the sample. */
export interface OcrEngineHarness {
  readonly engine: OcrEngine;
  readonly sample: OcrSample;
  /** A page of the same size with no document on it (white paper with some noise). */
  readonly blankPage: ScanImage;
  /** Today in Japan, as the counter passes it. */
  readonly today: string;
}

const ok = async <T>(pending: PromiseLike<Result<T, OcrReadError>>): Promise<T> => {
  const r = await pending;
  if (r.isErr()) expect.fail(`expected a reading, got ${JSON.stringify(r.error)}`);
  return r.value;
};

const error = async <T>(pending: PromiseLike<Result<T, OcrReadError>>): Promise<OcrReadError> => {
  const r = await pending;
  if (r.isOk()) expect.fail("expected an OcrReadError, got a reading");
  return r.error;
};

/** Tesseract's Japanese model puts spaces between characters; they are not what a value means. */
const squash = (v: string | null): string | null => (v === null ? null : v.replace(/[\s\u3000]+/g, ""));

/**
 * The checks of one reading against the sample: shape, and the engine's promise to the counter — a value that
 * is not what the document says is never without a reason, and names always carry one.
 */
export const checkOcrReading = (doc: ReadDocument, sample: OcrSample): void => {
  expect(doc.templateId).toBe(sample.templateId);
  expect(isCounterDocumentKind(doc.kind)).toBe(true);
  const all: { field: ReadField; expected: string | null | undefined }[] = [
    ...doc.fields.map((field) => ({ field, expected: sample.expected.fields[field.key] })),
    ...Object.entries(doc.groups).flatMap(([group, rows]) => rows.flatMap((row, i) => row.map((field) => ({ field, expected: sample.expected.groups[group]?.[i]?.[field.key] })))),
  ];
  for (const key of Object.keys(sample.expected.fields)) expect(doc.fields.map((f) => f.key), `field ${key} is read`).toContain(key);
  for (const [group, rows] of Object.entries(sample.expected.groups)) expect(doc.groups[group]?.length ?? 0, `rows of ${group}`).toBeGreaterThanOrEqual(rows.length);
  const allReasons = new Set(doc.reasons);
  for (const { field, expected } of all) {
    const where = `${field.key}`;
    for (const r of field.reasons) {
      expect(OCR_REVIEW_REASONS, `${where}: reason ${r} is one core knows`).toContain(r);
      expect(allReasons.has(r), `${where}: reason ${r} is in the document's reasons`).toBe(true);
    }
    for (const n of [field.region.x, field.region.y, field.region.width, field.region.height]) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(1);
    }
    expect(field.confidence).toBeGreaterThanOrEqual(0);
    expect(field.confidence).toBeLessThanOrEqual(100);
    if (sample.nameKeys.includes(field.key) && squash(field.value) !== null && squash(field.value) !== "") expect(field.reasons.length, `${where}: a name is always confirmed`).toBeGreaterThan(0);
    if (expected !== undefined && squash(field.value) !== squash(expected)) expect(field.reasons.length, `${where}: a wrong value is flagged`).toBeGreaterThan(0);
  }
};

/**
 * The contract every {@link OcrEngine} adapter passes (`ocr-engine@1`). Reading is slow (seconds a page), so
 * the suite reads the sample twice (by template, by identification) and keeps the other cases cheap.
 */
export const describeOcrEngineContract = (adapterName: string, makeHarness: () => Promise<OcrEngineHarness>): void => {
  describe(`OcrEngine contract (${OCR_ENGINE_CONTRACT}): ${adapterName}`, () => {
    let h: OcrEngineHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.engine.close();
    });

    it("declares the contract it implements", () => {
      expect(h.engine.meta.contract).toBe(OCR_ENGINE_CONTRACT);
    });

    it("lists its templates, each of a counter document kind, ids unique, the sample's among them", () => {
      const templates = h.engine.templates();
      expect(templates.length).toBeGreaterThan(0);
      expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
      for (const t of templates) {
        expect(isCounterDocumentKind(t.kind), t.id).toBe(true);
        expect(t.name.ja.length).toBeGreaterThan(0);
        expect(t.name.en.length).toBeGreaterThan(0);
      }
      expect(templates.map((t) => t.id)).toContain(h.sample.templateId);
    });

    it("has a Japanese and an English explanation of every review reason", () => {
      for (const r of OCR_REVIEW_REASONS) {
        expect(h.engine.reasonLabels[r]?.ja, r).toMatch(/\S/);
        expect(h.engine.reasonLabels[r]?.en, r).toMatch(/\S/);
      }
    });

    it("reads the sample with its template: every value right or flagged, names flagged", async () => {
      const doc = await ok(h.engine.read(h.sample.scan, { templateId: h.sample.templateId, today: h.today }));
      expect(doc.readBy).toBe("template");
      checkOcrReading(doc, h.sample);
    });

    it("finds the sample's template by itself and reads it the same way", async () => {
      const doc = await ok(h.engine.read(h.sample.scan, { today: h.today }));
      expect(doc.readBy).toBe("identification");
      checkOcrReading(doc, h.sample);
    });

    it("refuses bytes that are no image, a template it does not have, and a page with no document", async () => {
      expect((await error(h.engine.read({ bytes: new TextEncoder().encode("not an image at all") }, { today: h.today }))).code).toBe("ocr.unreadable_image");
      expect(await error(h.engine.read(h.sample.scan, { templateId: "no-such/template/v9", today: h.today }))).toEqual({ code: "ocr.unknown_template", templateId: "no-such/template/v9" });
      expect((await error(h.engine.read(h.blankPage, { today: h.today }))).code).toBe("ocr.unidentified");
    });

    it("once closed, fails every read with ocr.engine_failed (and closing again is harmless)", async () => {
      await h.engine.close();
      expect((await error(h.engine.read(h.sample.scan, { templateId: h.sample.templateId, today: h.today }))).code).toBe("ocr.engine_failed");
      await h.engine.close();
    });
  });
};
