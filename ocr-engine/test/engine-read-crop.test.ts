/**
 * When the engine reads a crop twice (read-crop.ts), with the real tesseract.js pool on rendered Japanese
 * text: addresses are read a second time at another scale, a listed enum value and a number are read once,
 * an enum read off-list is read again, and an empty reading of an inked crop is replaced.
 */
import { okAsync } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SECOND_READING_TYPES } from "../src/engine/create-ocr-engine.ts";
import { DEFAULT_RETRY_HEIGHT, DEFAULT_SECOND_SCALE, FALLBACK_RETRY_HEIGHT, readCrop, secondHeight, tieBreakHeights, type CropReadingOptions } from "../src/engine/read-crop.ts";
import { cropRegion } from "../src/pipeline/crop.ts";
import { createRecognizerPool, type RecognizerPool } from "../src/pipeline/recognizer-pool.ts";
import { clearBorderComponents, removeRuledLines } from "../src/pipeline/remove-lines.ts";
import { removeTint } from "../src/pipeline/remove-tint.ts";
import { resizeGrey } from "../src/pipeline/resize-grey.ts";
import type { FieldType, TemplateField } from "../src/templates/template.ts";
import { testField } from "./template-field-fixture.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const W = 1000;
const H = 420;
// An address, a 続柄 and a number on tinted paper; the 続柄 line is 長男 (read right at every height) or 妻 (a lone
// kanji, which tesseract's jpn model misreads at some heights).
const binaryPage = (relationship: string) => {
  const lines = ["東京都千代田区霞が関一丁目二番三号", relationship, "0123456789"];
  return removeTint(renderPage(W, H, lines.map((text, i) => ({ text, x: 100, y: 120 + 110 * i, size: 80 }))).raster, "v-otsu").image;
};
const pages = { 長男: binaryPage("長男"), 妻: binaryPage("妻") };
// Cleaned as the engine cleans its crops.
const crop = (i: number, width = 800, page: keyof typeof pages = "長男") =>
  clearBorderComponents(removeRuledLines(cropRegion(pages[page], { x: 90 / W, y: (115 + 110 * i) / H, width: width / W, height: 90 / H })._unsafeUnwrap().crop));

const field = (type: FieldType, values?: readonly string[]): TemplateField =>
  testField(type, { region: { x: 0, y: 0, width: 1, height: 1 }, hints: { psm: 7 }, post: values === undefined ? {} : { values } });

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
    const sure = { ...field("enum", ["妻", "長男", "長女"]), review: { minConfidence: 0, always: false } };
    const listed = (await readCrop(pool, crop(1, 200), sure, options))._unsafeUnwrap();
    expect(listed.first.text).toBe("長男");
    expect(listed.second).toBeNull();
    expect((await readCrop(pool, crop(2), field("number"), options))._unsafeUnwrap().second).toBeNull();
  });

  it("reads a listed enum value again when it is below the field's confidence threshold", async () => {
    const strict = { ...field("enum", ["妻", "長男", "長女"]), review: { minConfidence: 100, always: false } };
    const unsure = (await readCrop(pool, crop(1, 200), strict, options))._unsafeUnwrap();
    expect(unsure.first.text).toBe("長男");
    expect(unsure.second?.text).toBe("長男");
  });

  it("reads an enum again when the first reading is not one of its values", async () => {
    const offList = (await readCrop(pool, crop(1, 200), field("enum", ["男", "女"]), options))._unsafeUnwrap();
    expect(offList.first.text).toBe("長男");
    expect(offList.second?.text).toBe("長男");
  });

  it("reads a lone kanji misread at 64 px again at the retry height, where it reads right", async () => {
    // tesseract's jpn model reads this 妻 as 孝 at 64 px and as 妻 at 40 and 32 px (measured).
    for (const width of [200, 800]) {
      const wife = (await readCrop(pool, crop(1, width, "妻"), field("enum", ["妻", "夫"]), options))._unsafeUnwrap();
      expect(wife.first.text).not.toBe("妻");
      expect(wife.second?.text).toBe("妻");
    }
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
  it("when every line reading is empty, reads the crop as a block (PSM 6), as tesseract reads some lone kanji only so (bench seed 22: 妻)", async () => {
    const jobs: { height: number; psm: number | undefined }[] = [];
    const pool: RecognizerPool = {
      recognize: (job) => {
        jobs.push({ height: job.image.height, psm: job.psm });
        return okAsync({ text: job.psm === 6 ? "妻" : "", confidence: 88, symbols: [] });
      },
      size: () => 1,
      close: async () => undefined,
    };
    const r = (await readCrop(pool, tall, relationship, options))._unsafeUnwrap();
    expect(r.first.text).toBe("妻");
    expect(jobs.filter((j) => j.psm !== 6).map((j) => j.height)).toEqual([64, DEFAULT_RETRY_HEIGHT, FALLBACK_RETRY_HEIGHT]);
    expect(jobs.filter((j) => j.psm === 6).map((j) => j.height)).toEqual([64]);
    // A field read as a block already (PSM 6) is not read as one again.
    const block = { ...relationship, hints: { psm: 6 as const } };
    jobs.length = 0;
    expect((await readCrop(pool, tall, block, options))._unsafeUnwrap().first.text).toBe("妻");
    expect(jobs).toHaveLength(1);
  });
});

describe("readCrop of a furigana (a pool that gives word positions)", () => {
  it("spaces the kana at its widest word gap before deciding anything: the respaced reading fits, so it is read once", async () => {
    const heights: number[] = [];
    const pool: RecognizerPool = {
      recognize: (job) => {
        heights.push(job.image.height);
        const words = [["イノ", 0, 60], ["ウエ", 72, 130], ["キチ", 175, 235], ["ノスケ", 246, 330]] as const;
        return okAsync({ text: "イノ ウエ キチ ノスケ", confidence: 90, symbols: [], words: words.map(([text, x0, x1]) => ({ text, x0, x1, line: 0 })) });
      },
      size: () => 1,
      close: async () => undefined,
    };
    const tall = { width: 600, height: 100, data: new Uint8Array(600 * 100).fill(255) };
    const r = (await readCrop(pool, tall, field("kana"), options, (text) => (text.match(/ /g) ?? []).length <= 1))._unsafeUnwrap();
    expect(r).toMatchObject({ first: { text: "イノウエ キチノスケ" }, second: null, more: [] });
    expect(heights).toEqual([64]);
  });
});

describe("readCrop's tie-break readings (a pool that answers by crop height)", () => {
  const poolReading = (byHeight: (h: number) => string) => {
    const heights: number[] = [];
    const pool: RecognizerPool = {
      recognize: (job) => {
        heights.push(job.image.height);
        return okAsync({ text: byHeight(job.image.height), confidence: 90, symbols: [] });
      },
      size: () => 1,
      close: async () => undefined,
    };
    return { pool, heights };
  };
  const tall = { width: 600, height: 100, data: new Uint8Array(600 * 100).fill(255) };
  const address = field("address");
  const cardNumber: TemplateField = { ...field("code"), post: { pattern: "^[A-Z]{2}\\d{8}[A-Z]{2}$" } };
  const fitsCard = (t: string) => /^[A-Z]{2}\d{8}[A-Z]{2}$/.test(t.replace(/\s/g, ""));

  it("takes the tie-break heights between the first two, then the retry height (larger for a block)", () => {
    expect(tieBreakHeights(64, 48, 7, options)).toEqual([56, DEFAULT_RETRY_HEIGHT]);
    expect(tieBreakHeights(64, 85, 6, options)).toEqual([75, 113]);
  });
  it("reads no more when the two readings agree (spaces aside) and fit", async () => {
    const { pool, heights } = poolReading((h) => (h === 64 ? "中央 五丁目" : "中央五丁目"));
    expect((await readCrop(pool, tall, address, options))._unsafeUnwrap().more).toEqual([]);
    expect(heights).toEqual([64, 48]);
  });
  it("reads a third time when the two disagree, and stops once a text has been read twice", async () => {
    const { pool, heights } = poolReading((h) => (h === 64 ? "二一番" : "二十一番"));
    const r = (await readCrop(pool, tall, address, options))._unsafeUnwrap();
    expect(r.more.map((m) => m.text)).toEqual(["二十一番"]);
    expect(heights).toEqual([64, 48, 56]);
  });
  it("reads a fourth time when all three differ", async () => {
    const { pool, heights } = poolReading((h) => ({ 64: "二一番", 48: "三十番", 56: "ニ十一番" })[h] ?? "二十一番");
    const r = (await readCrop(pool, tall, address, options))._unsafeUnwrap();
    expect(r.more.map((m) => m.text)).toEqual(["ニ十一番", "二十一番"]);
    expect(heights).toEqual([64, 48, 56, DEFAULT_RETRY_HEIGHT]);
  });
  it("reads agreeing readings that do not fit the field at every tie-break height while none fits", async () => {
    const { pool, heights } = poolReading(() => "二一番");
    await readCrop(pool, tall, address, options, () => false);
    expect(heights).toEqual([64, 48, 56, DEFAULT_RETRY_HEIGHT]);
  });
  it("reads a field of a type not read twice again until a reading fits; one that fits is read once", async () => {
    // Card numbers are read twice by default (no check digit); a deployment may read them once.
    const once: CropReadingOptions = { ...options, secondTypes: new Set<FieldType>(["address"]) };
    const stray = poolReading((h) => (h === 64 ? "XD50861703VEF" : "XD50861703VF"));
    const r = (await readCrop(stray.pool, tall, cardNumber, once, fitsCard))._unsafeUnwrap();
    expect(r).toMatchObject({ first: { text: "XD50861703VEF" }, second: { text: "XD50861703VF" }, more: [] });
    expect(stray.heights).toEqual([64, 48]);
    const never = poolReading(() => "XD50861703VEF");
    expect((await readCrop(never.pool, tall, cardNumber, once, fitsCard))._unsafeUnwrap().more.length).toBe(1);
    expect(never.heights).toEqual([64, 48, DEFAULT_RETRY_HEIGHT]);
    const right = poolReading(() => "XD50861703VF");
    await readCrop(right.pool, tall, cardNumber, once, fitsCard);
    expect(right.heights).toEqual([64]);
  });

  it("reads on until a reading fits when the first two agree on a text that does not fit (bench seed 36)", async () => {
    const agreed = poolReading((h) => (h === 40 ? "XD50861703VF" : "XD50861703VEF"));
    const r = (await readCrop(agreed.pool, tall, cardNumber, options, fitsCard))._unsafeUnwrap();
    expect(agreed.heights).toEqual([64, 48, 56, DEFAULT_RETRY_HEIGHT]);
    expect(r.more.map((m) => m.text)).toEqual(["XD50861703VEF", "XD50861703VF"]);
  });

  it("reads a card number twice by default, and a third time when the two differ", async () => {
    const right = poolReading(() => "XD50861703VF");
    await readCrop(right.pool, tall, cardNumber, options, fitsCard);
    expect(right.heights).toEqual([64, 48]);
    const misread = poolReading((h) => (h === 48 ? "XD50861708VF" : "XD50861703VF"));
    const r = (await readCrop(misread.pool, tall, cardNumber, options, fitsCard))._unsafeUnwrap();
    expect(misread.heights).toEqual([64, 48, 56]);
    expect(r.more.map((m) => m.text)).toEqual(["XD50861703VF"]);
  });

  describe("the alternate view (the crop at the other threshold; this pool tells it by its width)", () => {
    const byImage = (main: (h: number) => string, alt: string) => {
      const seen: string[] = [];
      const pool: RecognizerPool = {
        recognize: (job) => {
          const isAlt = job.image.width === 500;
          seen.push(isAlt ? "alt" : String(job.image.height));
          return okAsync({ text: isAlt ? alt : main(job.image.height), confidence: 90, symbols: [] });
        },
        size: () => 1,
        close: async () => undefined,
      };
      return { pool, seen };
    };
    // 781 px wide at 100 px high: 500 px wide at the first reading's 64 px (the main crop is 384 px there).
    const other = () => ({ width: 781, height: 100, data: new Uint8Array(781 * 100).fill(255) });
    it("checks a reading with a marked kana (ボ) against the alternate view, even when both readings agree", async () => {
      const { pool, seen } = byImage(() => "ためしコーボ", "ためしコーポ");
      const r = (await readCrop(pool, tall, address, options, () => true, other))._unsafeUnwrap();
      expect(r.more.map((m) => m.text)).toEqual(["ためしコーポ"]);
      expect(seen).toEqual(["64", "48", "alt"]);
    });
    it("reads a kana field with a marked kana once more in the alternate view; one without none", async () => {
      const kana = poolReadingKana("ぷらざ");
      expect((await readCrop(kana.pool, tall, field("kana"), options, () => true, other))._unsafeUnwrap().second?.text).toBe("ぷらざ");
      const plain = poolReadingKana("みほん");
      expect((await readCrop(plain.pool, tall, field("kana"), options, () => true, other))._unsafeUnwrap().second).toBeNull();
    });
    it("settles a disagreement with the alternate view first", async () => {
      const { pool, seen } = byImage((h) => (h === 64 ? "二一番" : "二十一番"), "二十一番");
      const r = (await readCrop(pool, tall, address, options, () => true, other))._unsafeUnwrap();
      expect(r.more.map((m) => m.text)).toEqual(["二十一番"]);
      expect(seen).toEqual(["64", "48", "alt"]);
    });
    it("reads an enum that every size of the main view misses in the alternate view", async () => {
      const { pool, seen } = byImage(() => "画", "男");
      const r = (await readCrop(pool, tall, field("enum", ["男", "女"]), options, () => true, other))._unsafeUnwrap();
      expect(r).toMatchObject({ first: { text: "画" }, second: { text: "男" } });
      expect(seen).toEqual(["64", String(DEFAULT_RETRY_HEIGHT), String(FALLBACK_RETRY_HEIGHT), "alt"]);
      const empty = byImage(() => "", "妻");
      expect((await readCrop(empty.pool, tall, field("enum", ["妻", "子"]), options, () => true, other))._unsafeUnwrap().first.text).toBe("妻");
    });
    const poolReadingKana = (text: string) => poolReading(() => text);
  });
});

