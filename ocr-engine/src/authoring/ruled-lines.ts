/**
 * Finding the ruled lines of a form's cells on a binarised page, to tell where a value cell begins and
 * ends. A ruled line is a run of ink longer than any stroke of the text around it: a vertical line
 * covers a window taller than a character; a horizontal one spans a window wider than a few characters.
 * Small tolerances (a pixel or two across the line) absorb a scan's slight rotation.
 */
import type { GreyRaster } from "../pipeline/raster.ts";

const INK = 128;

const inkAt = (page: GreyRaster, x: number, y: number): boolean =>
  x >= 0 && y >= 0 && x < page.width && y < page.height && page.data[y * page.width + x]! < INK;

/** Fraction of ink of a vertical line at `x` over rows `y0..y1` (a pixel of tolerance on each side). */
const verticalInk = (page: GreyRaster, x: number, y0: number, y1: number): number => {
  let on = 0;
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(page.height, y1); y++, n++) if (inkAt(page, x, y) || inkAt(page, x - 1, y) || inkAt(page, x + 1, y)) on++;
  return n === 0 ? 0 : on / n;
};

/** Fraction of ink of a horizontal line at `y` over columns `x0..x1` (two pixels of tolerance up and down). */
const horizontalInk = (page: GreyRaster, y: number, x0: number, x1: number): number => {
  let on = 0;
  let n = 0;
  for (let x = Math.max(0, x0); x < Math.min(page.width, x1); x++, n++) {
    if (inkAt(page, x, y) || inkAt(page, x, y - 1) || inkAt(page, x, y + 1) || inkAt(page, x, y - 2) || inkAt(page, x, y + 2)) on++;
  }
  return n === 0 ? 0 : on / n;
};

/** Minimum fraction of a window a line must cover. */
const COVER = 0.9;

/** A vertical line found by {@link findVerticalLine}: its first and last column in the scan direction. */
export interface VerticalLine {
  readonly near: number;
  readonly far: number;
}

/**
 * The first vertical ruled line between `fromX` and `toX` (scanning in that direction) covering rows
 * `y0..y1`, or null. Make the window taller than the text: character strokes are shorter.
 */
export const findVerticalLine = (page: GreyRaster, fromX: number, toX: number, y0: number, y1: number): VerticalLine | null => {
  const dir = toX >= fromX ? 1 : -1;
  y0 = Math.round(y0);
  y1 = Math.round(y1);
  for (let x = Math.round(fromX); dir > 0 ? x <= toX : x >= toX; x += dir) {
    if (x < 0 || x >= page.width) break;
    if (verticalInk(page, x, y0, y1) >= COVER) {
      // The line's far edge: skip its thickness so callers start inside the next cell.
      let edge = x;
      while (edge + dir >= 0 && edge + dir < page.width && verticalInk(page, edge + dir, y0, y1) >= COVER) edge += dir;
      return { near: x, far: edge };
    }
  }
  return null;
};

/**
 * Every horizontal ruled line between rows `fromY` and `toY` covering columns `x0..x1`, top to bottom,
 * one y per line (the middle of its thickness). Keep the window narrow enough that a slight rotation
 * does not move the line by more than two pixels across it.
 */
export const findHorizontalLines = (page: GreyRaster, x0: number, x1: number, fromY: number, toY: number): number[] => {
  const ys: number[] = [];
  let start = -1;
  x0 = Math.round(x0);
  x1 = Math.round(x1);
  for (let y = Math.max(0, Math.round(fromY)); y <= Math.min(page.height, Math.round(toY)); y++) {
    const on = y < page.height && horizontalInk(page, y, x0, x1) >= COVER;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      ys.push(Math.round((start + y - 1) / 2));
      start = -1;
    }
  }
  return ys;
};
