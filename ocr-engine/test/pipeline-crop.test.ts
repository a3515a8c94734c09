import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cropGrey, cropRegion, regionToPixels, toPgm, inkRowSpan, textRowSpan, trimColumnsToInk, trimRowsIfCrushed, trimRowsToInk } from "../src/pipeline/crop.ts";
import { downscaleGrey } from "../src/pipeline/resize-grey.ts";

const ramp = (width: number, height: number) => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x + 3 * y) % 256;
  return { width, height, data };
};

describe("regionToPixels", () => {
  it("maps a normalised region to pixels, grown by the margin", () => {
    const rect = regionToPixels({ x: 0.25, y: 0.5, width: 0.5, height: 0.1 }, 1000, 2000, 0.1)._unsafeUnwrap();
    // pad = 0.1 × 0.1 × 2000 = 20 px
    expect(rect).toEqual({ left: 230, top: 980, width: 540, height: 240 });
  });

  it("always stays inside the page and contains the unpadded region", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (w, h, x, y, rw, rh) => {
          const r = regionToPixels({ x, y, width: rw, height: rh }, w, h);
          if (r.isErr()) return; // a sliver below one pixel may be empty after clamping
          const p = r.value;
          expect(p.left).toBeGreaterThanOrEqual(0);
          expect(p.top).toBeGreaterThanOrEqual(0);
          expect(p.left + p.width).toBeLessThanOrEqual(w);
          expect(p.top + p.height).toBeLessThanOrEqual(h);
          expect(p.left).toBeLessThanOrEqual(Math.floor(x * w));
          expect(p.left + p.width).toBeGreaterThanOrEqual(Math.min(w, Math.floor((x + rw) * w)));
        },
      ),
    );
  });

  it("rejects empty, non-finite and off-page regions as invalid_input", () => {
    expect(regionToPixels({ x: 0, y: 0, width: 0, height: 0.1 }, 100, 100)._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect(regionToPixels({ x: Number.NaN, y: 0, width: 0.1, height: 0.1 }, 100, 100)._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect(regionToPixels({ x: 1.5, y: 0, width: 0.1, height: 0.1 }, 100, 100, 0)._unsafeUnwrapErr().reason).toBe("invalid_input");
  });
});

describe("cropGrey / cropRegion / toPgm", () => {
  it("copies exactly the pixels of the rectangle", () => {
    const img = ramp(50, 40);
    const crop = cropGrey(img, { left: 7, top: 5, width: 10, height: 3 });
    for (let y = 0; y < 3; y++) for (let x = 0; x < 10; x++) expect(crop.data[y * 10 + x]).toBe(img.data[(y + 5) * 50 + x + 7]);
    const viaRegion = cropRegion(img, { x: 0.2, y: 0.25, width: 0.2, height: 0.25 }, 0)._unsafeUnwrap();
    expect(viaRegion.rect).toEqual({ left: 10, top: 10, width: 10, height: 10 });
    expect(viaRegion.crop.data[0]).toBe(img.data[10 * 50 + 10]);
  });

  it("encodes a P5 PGM with a white border around the crop", () => {
    const img = { width: 3, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5]) };
    const pgm = toPgm(img, 1);
    const header = "P5\n5 4\n255\n";
    expect(new TextDecoder().decode(pgm.subarray(0, header.length))).toBe(header);
    expect(Array.from(pgm.subarray(header.length))).toEqual([255, 255, 255, 255, 255, 255, 0, 1, 2, 255, 255, 3, 4, 5, 255, 255, 255, 255, 255, 255]);
  });
});

describe("downscaleGrey", () => {
  it("averages blocks: a 4×2 checker of 2×2 blocks at half height is the block values", () => {
    const img = { width: 4, height: 2, data: new Uint8Array([0, 0, 200, 200, 0, 100, 200, 200]) };
    const out = downscaleGrey(img, 1);
    expect(out).toEqual({ width: 2, height: 1, data: new Uint8Array([25, 200]) });
  });

  it("keeps the aspect ratio and the mean brightness, and leaves images already small enough alone", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 200 }), fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 255 }), (w, h, v) => {
        const img = { width: w, height: h, data: new Uint8Array(w * h).fill(v) };
        const out = downscaleGrey(img, 10);
        expect(out.height).toBe(10);
        expect(Math.abs(out.width - (w * 10) / h)).toBeLessThanOrEqual(1);
        expect(out.data.every((p) => p === v)).toBe(true);
        expect(downscaleGrey(img, h)).toBe(img);
      }),
    );
  });

  it("weighs the source rows an output row cuts by the part it covers: a one-row stroke spreads evenly at 3 → 2", () => {
    // Row 1 of 3 is ink. Output row 0 covers rows 0 and half of 1, output row 1 the other half and row 2: both
    // (255 + 0 × 0.5) / 1.5 = 170. Averaging whole rows had given 255 and 128: the stroke vanished from one row.
    const stroke = { width: 3, height: 3, data: new Uint8Array([255, 255, 255, 0, 0, 0, 255, 255, 255]) };
    expect(downscaleGrey(stroke, 2)).toEqual({ width: 2, height: 2, data: new Uint8Array([170, 170, 170, 170]) });
  });

  it("keeps the ink of any image (its mean brightness) within rounding, whatever the factor", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 40 }), (w, h, target) => {
        fc.pre(target < h);
        const img = ramp(w, h);
        const out = downscaleGrey(img, target);
        const mean = (g: { data: Uint8Array }) => g.data.reduce((a, b) => a + b, 0) / g.data.length;
        // The output width is rounded, so the covered area differs from the source by at most one column's share.
        expect(Math.abs(mean(out) - mean(img))).toBeLessThanOrEqual(255 / out.width + 1);
      }),
    );
  });
});


describe("trimColumnsToInk", () => {
  const blankCell = (width: number, height: number, inked: readonly [number, number][]) => {
    const data = new Uint8Array(width * height).fill(255);
    for (const [x, y] of inked) data[y * width + x] = 0;
    return { width, height, data };
  };
  it("keeps the inked columns and the pad beside them, at full height", () => {
    const cell = blankCell(100, 20, [[40, 5], [45, 15]]);
    const trimmed = trimColumnsToInk(cell, 6);
    expect([trimmed.width, trimmed.height]).toEqual([18, 20]); // columns 34..51
    expect(trimmed.data[5 * 18 + 6]).toBe(0);
    expect(trimmed.data[15 * 18 + 11]).toBe(0);
  });
  it("clamps the pad to the crop, and leaves a crop without ink or without blank columns as it is", () => {
    expect(trimColumnsToInk(blankCell(100, 20, [[2, 2], [97, 3]]), 6).width).toBe(100);
    const empty = blankCell(10, 10, []);
    expect(trimColumnsToInk(empty, 3)).toBe(empty);
    expect(trimColumnsToInk(blankCell(100, 20, [[1, 1]]), 4).width).toBe(6);
  });
});

/** A white crop with a black band of text rows `top`..`bottom` (inclusive) across columns 10..89. */
const bandCell = (height: number, top: number, bottom: number) => {
  const data = new Uint8Array(100 * height).fill(255);
  for (let y = top; y <= bottom; y++) for (let x = 10; x < 90; x++) data[y * 100 + x] = 0;
  return { width: 100, height, data };
};

describe("trimRowsToInk", () => {
  it("cuts a crop much taller than its text to the band, with paper so that the band takes 55 % of the height", () => {
    // A 139 px crop holding an 18 px line (a card address shrunk to fit its width): pad round(18 × 0.818 / 2) = 7.
    const trimmed = trimRowsToInk(bandCell(139, 60, 77));
    expect([trimmed.width, trimmed.height]).toEqual([100, 32]);
    expect(trimmed.data[6 * 100 + 50]).toBe(255);
    expect(trimmed.data[7 * 100 + 50]).toBe(0);
    expect(trimmed.data[24 * 100 + 50]).toBe(0);
    expect(trimmed.data[25 * 100 + 50]).toBe(255);
  });
  it("leaves a crop whose text fills it as forms print it (band 55 % of the height), or one without ink, as it is", () => {
    const full = bandCell(64, 15, 49);
    expect(trimRowsToInk(full)).toBe(full);
    // Trimmed it would keep 0.8 of the height: above the 0.75 limit.
    const almost = bandCell(100, 28, 71);
    expect(trimRowsToInk(almost)).toBe(almost);
    const empty = { width: 10, height: 40, data: new Uint8Array(400).fill(255) };
    expect(trimRowsToInk(empty)).toBe(empty);
  });
  it("keeps every inked row, and clamps the paper to the crop", () => {
    // A band at the very top: no paper can be added above it.
    const trimmed = trimRowsToInk(bandCell(200, 0, 19));
    expect(trimmed.height).toBe(20 + 8);
    expect(trimmed.data[0 * 100 + 50]).toBe(0);
    expect(trimmed.data[19 * 100 + 50]).toBe(0);
  });
});

describe("inkRowSpan / trimRowsIfCrushed", () => {
  it("tells the first and last inked rows, or null", () => {
    expect(inkRowSpan(bandCell(50, 12, 30))).toEqual({ first: 12, last: 30 });
    expect(inkRowSpan({ width: 3, height: 3, data: new Uint8Array(9).fill(255) })).toBeNull();
  });
  it("cuts rows only when the downscale to the reading height would shrink the band below the legible size", () => {
    // 18 px of text in 139 px: 8.3 px at 64 px — cut to 32 px, read unshrunk.
    expect(trimRowsIfCrushed(bandCell(139, 60, 77), 64, 18).height).toBe(32);
    // 52 px of text in 139 px: 23.9 px at 64 px — legible, kept (and so read at the same scale as before).
    const legible = bandCell(139, 40, 91);
    expect(trimRowsIfCrushed(legible, 64, 18)).toBe(legible);
    // A crop no taller than the reading height is not downscaled: kept whatever its band.
    const short = bandCell(60, 25, 34);
    expect(trimRowsIfCrushed(short, 64, 18)).toBe(short);
  });
  it("does not let a speck apart from the text widen the band (bench seed 36: a dot 30 px above a 転出先)", () => {
    const specked = bandCell(116, 40, 71);
    for (let y = 8; y <= 10; y++) for (let x = 50; x <= 52; x++) specked.data[y * 100 + x] = 0;
    expect(inkRowSpan(specked)).toEqual({ first: 8, last: 71 });
    expect(textRowSpan(specked)).toEqual({ first: 40, last: 71 });
    // 32 px of text in 116 px: 17.7 px at 64 px — cut to its band; with the speck's span (64 px) it was kept.
    expect(trimRowsIfCrushed(specked, 64, 18).height).toBe(32 + 2 * 13); // the band takes 0.55 of the height
  });
  it("keeps every line of a block: a line holds far more than a speck's share of the ink", () => {
    const twoLines = bandCell(120, 20, 40);
    for (let y = 60; y <= 80; y++) for (let x = 10; x < 60; x++) twoLines.data[y * 100 + x] = 0;
    expect(textRowSpan(twoLines)).toEqual({ first: 20, last: 80 });
    expect(textRowSpan({ width: 3, height: 3, data: new Uint8Array(9).fill(255) })).toBeNull();
  });
});

