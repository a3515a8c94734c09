/**
 * When the engine reads a crop twice (read-crop.ts), with the real tesseract.js pool on rendered Japanese
 * text: addresses are read a second time at another scale, a listed enum value and a number are read once,
 * an enum read off-list is read again, and an empty reading of an inked crop is replaced.
 */
import { okAsync } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SECOND_READING_TYPES } from "../src/engine/create-ocr-engine.ts";
import { DEFAULT_RETRY_HEIGHT, DEFAULT_SECOND_SCALE, FALLBACK_RETRY_HEIGHT, readCrop, secondHeight, type CropReadingOptions } from "../src/engine/read-crop.ts";
import { cropRegion } from "../src/pipeline/crop.ts";
import { createRecognizerPool, type RecognizerPool } from "../src/pipeline/recognizer-pool.ts";
import { clearBorderComponents, removeRuledLines } from "../src/pipeline/remove-lines.ts";
import { removeTint } from "../src/pipeline/remove-tint.ts";
import { resizeGrey } from "../src/pipeline/resize-grey.ts";
import type { FieldType, TemplateField } from "../src/templates/template.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const W = 1000;
const H = 420;
const LINES = ["東京都千代田区霞が関一丁目二番三号", "妻", "0123456789"] as const;
const page = renderPage(W, H, LINES.map((text, i) => ({ text, x: 100, y: 120 + 110 * i, size: 80 })));
const binary = removeTint(page.raster, "v-otsu").image;
// Cleaned as the engine cleans its crops.
const crop = (i: number, width = 800) =>
  clearBorderComponents(removeRuledLines(cropRegion(binary, { x: 90 / W, y: (115 + 110 * i) / H, width: width / W, height: 90 / H })._unsafeUnwrap().crop));

const field = (type: FieldType, values?: readonly string[]): TemplateField => ({
  key: `test.${type}`,
  label: { ja: "項目", en: "Field" },
  region: { x: 0, y: 0, width: 1, height: 1 },
  type,
  hints: { psm: 7 },
  post: values === undefined ? {} : { values },
  review: { minConfidence: 60, always: false },
  required: true,
});

const options: CropReadingOptions = {
  maxCropHeight: 64,
  secondTypes: new Set(DEFAULT_SECOND_READING_TYPES),
  secondScale: DEFAULT_SECOND_SCALE,
  retryHeight: DEFAULT_RETRY_HEIGHT,
};

describe("secondHeight and resizeGrey", () => {
  it("reads a line smaller, a block or a small line larger", () => {
    expect(secondHeight(64, 7, 0.75)).toBe(48);
    expect(secondHeight(64, 6, 0.75)).toBe(85);
    expect(secondHeight(36, 7, 0.75)).toBe(48);
  });
  it("upscales bilinearly and keeps the aspect ratio; downscales by area; same height unchanged", () => {
    const image = { width: 4, height: 2, data: new Uint8Array([0, 0, 255, 255, 0, 0, 255, 255]) };
    const up = resizeGrey(image, 4);
    expect([up.width, up.height]).toEqual([8, 4]);
    expect(up.data[0]).toBe(0);
    expect(up.data[7]).toBe(255);
    expect(up.data[3]! > 0 && up.data[3]! < 255).toBe(true);
    expect(resizeGrey(image, 1)).toEqual({ width: 2, height: 1, data: new Uint8Array([0, 255]) });
    expect(resizeGrey(image, 2)).toBe(image);
  });
});

describe("readCrop", () => {
  let pool: RecognizerPool;
  beforeAll(async () => {
    pool = (await createRecognizerPool({ workers: 1 }))._unsafeUnwrap();
  });
  afterAll(async () => {
    await pool.close();
  });

  it("reads an address twice, both readings close to the text, and reports each character's confidence", async () => {
    const { first, second } = (await readCrop(pool, crop(0), field("address"), options))._unsafeUnwrap();
    expect(second).not.toBeNull();
    for (const r of [first, second!]) expect(r.text.replace(/\s/g, "")).toMatch(/^東京都千代田区霞/);
    expect(first.symbols.map((s) => s.text).join("")).toBe(first.text.replace(/\s/g, ""));
    for (const s of first.symbols) expect(s.confidence).toBeGreaterThan(0);
  });

  it("reads a listed enum value and a number once", async () => {
    // Threshold 0: any confidence is enough, so a listed value needs no confirmation.
    const sure = { ...field("enum", ["妻", "夫", "子"]), review: { minConfidence: 0, always: false } };
    const listed = (await readCrop(pool, crop(1, 200), sure, options))._unsafeUnwrap();
    expect(listed.first.text).toBe("妻");
    expect(listed.second).toBeNull();
    expect((await readCrop(pool, crop(2), field("number"), options))._unsafeUnwrap().second).toBeNull();
  });

  it("reads a listed enum value again when it is below the field's confidence threshold", async () => {
    const strict = { ...field("enum", ["妻", "夫", "子"]), review: { minConfidence: 100, always: false } };
    const unsure = (await readCrop(pool, crop(1, 200), strict, options))._unsafeUnwrap();
    expect(unsure.first.text).toBe("妻");
    expect(unsure.second?.text).toBe("妻");
  });

  it("reads an enum again when the first reading is not one of its values", async () => {
    const offList = (await readCrop(pool, crop(1, 200), field("enum", ["男", "女"]), options))._unsafeUnwrap();
    expect(offList.first.text).toBe("妻");
    expect(offList.second?.text).toBe("妻");
  });

  it("replaces an empty first reading of an inked crop by a reading at the retry height", async () => {
    // One kanji in a wide cell: tesseract's jpn model returns nothing for it at 64 px (measured), 妻 at 40 px.
    const wide = (await readCrop(pool, crop(1, 800), field("enum", ["妻", "夫"]), options))._unsafeUnwrap();
    expect(wide.first.text).toBe("妻");
  });
});

describe("readCrop's fallback height (a pool that answers by crop height)", () => {
  // tesseract reads a lone kanji erratically by size: empty at 64 and 40 px, right at 32 px for some cells.
  const poolReading = (byHeight: (h: number) => string) => {
    const heights: number[] = [];
    const pool: RecognizerPool = {
      recognize: (job) => {
        heights.push(job.image.height);
        return okAsync({ text: byHeight(job.image.height), confidence: 50, symbols: [] });
      },
      size: () => 1,
      close: async () => undefined,
    };
    return { pool, heights };
  };
  const tall = { width: 300, height: 100, data: new Uint8Array(300 * 100).fill(255) };
  const relationship = field("enum", ["世帯主", "妻", "子"]);

  it("reads an empty cell again at the retry height, then at the fallback height, and keeps the first that is usable", async () => {
    const { pool, heights } = poolReading((h) => (h <= FALLBACK_RETRY_HEIGHT ? "妻" : ""));
    const r = (await readCrop(pool, tall, relationship, options))._unsafeUnwrap();
    expect(r.first.text).toBe("妻");
    expect(heights).toEqual([64, DEFAULT_RETRY_HEIGHT, FALLBACK_RETRY_HEIGHT]);
  });
  it("compares an off-list reading with the fallback's listed one; stops at the retry height when that one is listed", async () => {
    const offList = poolReading((h) => (h === 64 ? "骨" : h === DEFAULT_RETRY_HEIGHT ? "" : "妻"));
    expect((await readCrop(offList.pool, tall, relationship, options))._unsafeUnwrap()).toMatchObject({ first: { text: "骨" }, second: { text: "妻" } });
    const listed = poolReading((h) => (h === 64 ? "骨" : "妻"));
    await readCrop(listed.pool, tall, relationship, options);
    expect(listed.heights).toEqual([64, DEFAULT_RETRY_HEIGHT]);
  });
  it("keeps the retry's reading when the fallback fails too", async () => {
    const { pool } = poolReading((h) => (h === DEFAULT_RETRY_HEIGHT ? "安" : ""));
    expect((await readCrop(pool, tall, relationship, options))._unsafeUnwrap().first.text).toBe("安");
  });
});
