import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cropRegion } from "../src/pipeline/crop.ts";
import { kanaTextAtWidestGap } from "../src/engine/kana-spacing.ts";
import { createRecognizerPool, type RecognizerPool } from "../src/pipeline/recognizer-pool.ts";
import { removeTint } from "../src/pipeline/remove-tint.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const W = 1200;
const H = 500;
const LINES = ["東京都千代田区一丁目", "昭和五十年三月四日", "0123456789"] as const;
const page = renderPage(
  W,
  H,
  LINES.map((text, i) => ({ text, x: 100, y: 140 + 90 * i, size: 44 })),
);
const binary = removeTint(page.raster, "v-otsu").image;
const crop = (i: number) => cropRegion(binary, { x: 90 / W, y: (138 + 90 * i) / H, width: 600 / W, height: 50 / H })._unsafeUnwrap().crop;

/** 1 − (edit distance / expected length): tesseract's jpn model puts spaces between words, which carry no meaning here. */
const charAccuracy = (expected: string, actual: string): number => {
  const a = [...expected];
  const b = [...actual.replace(/\s+/g, "")];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[b.length]! / a.length;
};

const messagePorts = () => process.getActiveResourcesInfo().filter((r) => r === "MessagePort").length;

describe("createRecognizerPool", () => {
  let pool: RecognizerPool;
  let portsBefore = 0;

  beforeAll(async () => {
    portsBefore = messagePorts();
    pool = (await createRecognizerPool({ workers: 2 }))._unsafeUnwrap();
  });
  afterAll(async () => {
    await pool.close();
  });

  it("reads Japanese lines on tinted paper with high character accuracy and digits exactly", async () => {
    expect(pool.size()).toBe(2);
    const results = await Promise.all(LINES.map((_, i) => pool.recognize({ image: crop(i) })));
    const [address, date, digits] = results.map((r) => r._unsafeUnwrap());
    expect(charAccuracy(LINES[0], address!.text)).toBeGreaterThanOrEqual(0.9);
    expect(charAccuracy(LINES[1], date!.text)).toBeGreaterThanOrEqual(0.9);
    expect(digits!.text).toBe("0123456789");
    for (const r of [address!, date!, digits!]) expect(r.confidence).toBeGreaterThan(50);
  });

  it("says where each word is, so a kana name's printed space is told from tesseract's own word splits", async () => {
    const kana = renderPage(W, 120, [{ text: "イノウエ　キチノスケ", x: 100, y: 40, size: 44 }]);
    const image = cropRegion(removeTint(kana.raster, "v-otsu").image, { x: 90 / W, y: 38 / 120, width: 600 / W, height: 50 / 120 })._unsafeUnwrap().crop;
    const r = (await pool.recognize({ image }))._unsafeUnwrap();
    const words = r.words ?? [];
    // tesseract splits the kana into more words than the name has (イノ ウエ キチ …); each has its extent …
    expect(words.length).toBeGreaterThan(2);
    for (const w of words) expect(w.x1).toBeGreaterThan(w.x0);
    expect(words.map((w) => w.text).join("")).toBe(r.text.replace(/\s+/g, ""));
    // … and the widest gap is the printed full-width space (ケ may come back as ク: only the spacing is asserted).
    expect(kanaTextAtWidestGap(r)).toMatch(/^イノウエ キチノス[ケク]$/);
  });

  it("honours a per-job page segmentation mode (single word on a digit crop)", async () => {
    const r = (await pool.recognize({ image: crop(2), psm: 8 }))._unsafeUnwrap();
    expect(r.text.replace(/\s/g, "")).toBe("0123456789");
  });

  it("rejects an empty crop as invalid_input without touching a worker", async () => {
    const e = (await pool.recognize({ image: { width: 0, height: 0, data: new Uint8Array(0) } }))._unsafeUnwrapErr();
    expect(e.reason).toBe("invalid_input");
  });

  it("fails with language_data_missing, never a download, when the language file is absent", async () => {
    const e = (await createRecognizerPool({ workers: 1, langPath: "/nonexistent/tessdata", gzip: false }))._unsafeUnwrapErr();
    expect(e).toMatchObject({ _tag: "OcrError", reason: "language_data_missing", operation: "recognize" });
    const bad = (await createRecognizerPool({ workers: 0 }))._unsafeUnwrapErr();
    expect(bad.reason).toBe("invalid_input");
  });

  // Debian's tesseract-ocr-jpn (uncompressed, tesseract 5 format) is the alternative to the npm data.
  it.runIf(existsSync("/usr/share/tesseract-ocr/5/tessdata/jpn.traineddata"))("reads with a configured uncompressed tessdata directory (Debian)", async () => {
    const debian = (await createRecognizerPool({ workers: 1, langPath: "/usr/share/tesseract-ocr/5/tessdata" }))._unsafeUnwrap();
    try {
      expect((await debian.recognize({ image: crop(2) }))._unsafeUnwrap().text.replace(/\s/g, "")).toBe("0123456789");
    } finally {
      await debian.close();
    }
  });

  // The legacy recogniser (ADR 19, sixteenth session) reads with the npm package's 4.0.0 model, which holds its data.
  it("starts tesseract's legacy recogniser on the 4.0.0 model, which reads kanji block numbers", async () => {
    const legacy = (await createRecognizerPool({ workers: 1, engine: "legacy" }))._unsafeUnwrap();
    try {
      const read = (await legacy.recognize({ image: crop(0) }))._unsafeUnwrap().text.replace(/\s/g, "");
      expect(read).toContain("一丁目");
      expect(charAccuracy(LINES[0], read)).toBeGreaterThanOrEqual(0.8);
    } finally {
      await legacy.close();
    }
  });

  it("close() terminates every worker, and later jobs fail with pool_closed", async () => {
    const own = (await createRecognizerPool({ workers: 1 }))._unsafeUnwrap();
    const pending = own.recognize({ image: crop(2) });
    await own.close();
    await pool.close();
    expect(own.size()).toBe(0);
    expect(pool.size()).toBe(0);
    const settled = await pending;
    if (settled.isErr()) expect(settled.error.reason).toBe("pool_closed");
    expect((await pool.recognize({ image: crop(2) }))._unsafeUnwrapErr().reason).toBe("pool_closed");
    // The workers' message ports go away once the threads have exited: poll a bounded number of ticks.
    for (let i = 0; i < 100 && messagePorts() > portsBefore; i++) await new Promise((r) => setTimeout(r, 20));
    expect(messagePorts()).toBeLessThanOrEqual(portsBefore);
  });
});
