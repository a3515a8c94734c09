/**
 * Removes ruled lines (table cell borders) from a binarised crop. Template regions are often exactly
 * a table cell, so the crop's margin takes in the cell's borders; tesseract then reads the box as
 * text or returns nothing at all for the line (measured on synthetic 転出証明書: names in boxed cells
 * came back empty, and empty member rows came back as garbage, so the member list ran on).
 *
 * A ruled line is a run of ink far longer than any stroke of a character at this size: horizontal runs
 * longer than `horizontal` × crop height, vertical runs longer than `vertical` × crop height.
 */
import type { GreyRaster } from "./raster.ts";

/** Run-length thresholds, as multiples of the crop height. */
export interface LineRemovalOptions {
  /** Horizontal runs at least this many crop heights long are lines; default 1.5. */
  readonly horizontal: number;
  /** Vertical runs at least this fraction of the crop height long are lines; default 0.85. */
  readonly vertical: number;
}

/** Default {@link LineRemovalOptions}. */
export const DEFAULT_LINE_REMOVAL: LineRemovalOptions = { horizontal: 1.5, vertical: 0.85 };

const INK = 128;

/**
 * A copy of `crop` with long horizontal and vertical ink runs painted white. Runs bridge gaps of up to
 * `gap` pixels (a scanned line is broken by noise and binarisation), and a band of `band` pixels on each
 * side of a line is painted too: its anti-aliased edge binarises into dotted fragments that would
 * otherwise be read as text, or keep an empty cell from counting as blank.
 */
export const removeRuledLines = (crop: GreyRaster, options: LineRemovalOptions = DEFAULT_LINE_REMOVAL): GreyRaster => {
  const { width, height, data } = crop;
  const out = new Uint8Array(data);
  const minH = Math.max(8, Math.round(options.horizontal * height));
  const minV = Math.max(8, Math.round(options.vertical * height));
  const gap = 2;
  const band = 2;
  const ink = (x: number, y: number) => data[y * width + x]! < INK;
  // Decide on the original pixels, paint on the copy: a horizontal and a vertical line that cross are both found.
  for (let y = 0; y < height; y++) {
    let start = -1;
    let last = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && ink(x, y);
      if (on) {
        if (start < 0) start = x;
        last = x;
      } else if (start >= 0 && (x === width || x - last > gap)) {
        if (last + 1 - start >= minH) {
          for (let yy = Math.max(0, y - band); yy <= Math.min(height - 1, y + band); yy++) out.fill(255, yy * width + start, yy * width + last + 1);
        }
        start = -1;
      }
    }
  }
  for (let x = 0; x < width; x++) {
    let start = -1;
    let last = -1;
    for (let y = 0; y <= height; y++) {
      const on = y < height && ink(x, y);
      if (on) {
        if (start < 0) start = y;
        last = y;
      } else if (start >= 0 && (y === height || y - last > gap)) {
        if (last + 1 - start >= minV) {
          for (let xx = Math.max(0, x - band); xx <= Math.min(width - 1, x + band); xx++) {
            for (let k = start; k <= last; k++) out[k * width + xx] = 255;
          }
        }
        start = -1;
      }
    }
  }
  return { width, height, data: out };
};

/**
 * A copy of `crop` without the ink components (8-connected) that touch its border: what reaches the
 * edge of a crop taken with a margin is clutter — the stubs of ruled lines, a neighbouring cell's text,
 * the seal's rim — never the field's own text, which the margin keeps clear of the edge. Left in, they
 * come back as stray `.`, `-`, `_` or `」`.
 */
export const clearBorderComponents = (crop: GreyRaster): GreyRaster => {
  const { width, height } = crop;
  const out = new Uint8Array(crop.data);
  const stack: number[] = [];
  const push = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = y * width + x;
    if (out[i]! < INK) {
      out[i] = 255;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x, 0);
    push(x, height - 1);
  }
  for (let y = 0; y < height; y++) {
    push(0, y);
    push(width - 1, y);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    const y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx !== 0 || dy !== 0) push(x + dx, y + dy);
  }
  return { width, height, data: out };
};
