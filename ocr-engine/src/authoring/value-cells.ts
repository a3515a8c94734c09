/**
 * Where the value of a label is: in the cell to its right (label column forms) or in the cell below
 * it (labels above their values). Cell edges come from the ruled lines when the form has them, from
 * the next label or the text's margin when it does not. Everything in page pixels.
 */
import type { GreyRaster } from "../pipeline/raster.ts";
import type { Segment } from "./find-labels.ts";
import type { PixelBox } from "./page-words.ts";
import { findHorizontalLines, findVerticalLine } from "./ruled-lines.ts";

/** What the cell finder knows about the page. */
export interface PageGeometry {
  readonly page: GreyRaster;
  /** Typical (median) character height in pixels. */
  readonly glyph: number;
  /** Height of a full-size kanji (a high percentile of character heights): no stroke is longer. */
  readonly em: number;
  /** Rightmost text on the page, plus a little: the value of a label without ruled lines ends here. */
  readonly rightMargin: number;
  /** Every label box on the page (a value ends where the next label begins). */
  readonly labels: readonly PixelBox[];
  /** Segments that are not labels: the sample's values. */
  readonly values: readonly Segment[];
}

/**
 * How far a value region keeps from a ruled line, in glyph heights: the engine crops with a margin of
 * 15 % of the region's height (about 0.2 glyph) and a crop reaching over the rule reads its remains as
 * a character (a vertical rule plus the corner of a horizontal one came back as 上).
 */
export const RULE_INSET = 0.35;

const overlapsY = (a: PixelBox, b: PixelBox): boolean => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0);

/** The ruled lines just above and below row centre `yc` over columns `x0..x1`, or null. */
const linesAround = (g: PageGeometry, x0: number, x1: number, yc: number): { top: number; bottom: number } | null => {
  const xa = x0;
  const xb = Math.min(x1, xa + 8 * g.glyph);
  if (xb - xa < 0.5 * g.glyph) return null;
  const ys = findHorizontalLines(g.page, xa, xb, yc - 1.6 * g.em, yc + 1.6 * g.em);
  const top = ys.filter((y) => y < yc - 0.4 * g.glyph).at(-1);
  const bottom = ys.find((y) => y > yc + 0.4 * g.glyph);
  return top === undefined || bottom === undefined ? null : { top, bottom };
};

/**
 * The vertical extent of the cell around row centre `yc` between columns `x0..x1`: between the nearest
 * ruled lines above and below, inset as the shipped templates are; else 1.3 glyph heights around `yc`.
 */
export const cellRows = (g: PageGeometry, x0: number, x1: number, yc: number): { y0: number; y1: number } => {
  const lines = linesAround(g, x0 + 0.5 * g.glyph, x1, yc);
  if (lines !== null) {
    const h = lines.bottom - lines.top;
    return { y0: lines.top + 0.1 * h, y1: lines.bottom - 0.1 * h };
  }
  return { y0: yc - 0.65 * g.glyph, y1: yc + 0.65 * g.glyph };
};

/**
 * The rows a vertical ruled line beside `box` must cover: the inside of its cell when the cell is
 * ruled (taller than any character), else 1.4 em around its centre.
 */
export const verticalWindow = (g: PageGeometry, box: PixelBox): { y0: number; y1: number } => {
  const yc = (box.y0 + box.y1) / 2;
  const lines = linesAround(g, box.x0 - 0.1 * g.glyph, Math.max(box.x1, box.x0 + g.glyph) + 0.1 * g.glyph, yc);
  if (lines !== null) {
    const h = lines.bottom - lines.top;
    return { y0: lines.top + 0.12 * h, y1: lines.bottom - 0.12 * h };
  }
  return { y0: yc - 0.7 * g.em, y1: yc + 0.7 * g.em };
};

/** Value segments that intersect a pixel rectangle. */
const valuesIn = (g: PageGeometry, r: PixelBox): Segment[] =>
  g.values.filter((s) => Math.min(s.box.x1, r.x1) - Math.max(s.box.x0, r.x0) > 0 && Math.min(s.box.y1, r.y1) - Math.max(s.box.y0, r.y0) > 0);

/** The left edge of the next label on the same line as `box`, right of `x`, if any. */
const nextLabelX = (g: PageGeometry, box: PixelBox, x: number): number | undefined => {
  const xs = g.labels.filter((l) => l.x0 > x && overlapsY(l, box)).map((l) => l.x0);
  return xs.length === 0 ? undefined : Math.min(...xs);
};

/**
 * The horizontal extent of a value cell that starts after `fromX` on the row of `box`: its left edge
 * (after a ruled line close to `fromX`, if any) and its right edge (the next ruled line, the next label
 * or the margin).
 */
export const cellColumns = (g: PageGeometry, box: PixelBox, fromX: number): { x0: number; x1: number; closed: boolean } => {
  const { y0: wy0, y1: wy1 } = verticalWindow(g, box);
  const next = nextLabelX(g, box, fromX);
  const limit = next ?? g.rightMargin;
  // The label cell's right border: the first vertical line after the middle of the label (its box may
  // have swallowed the value's first character), unless text lies before it (then the form has no
  // label cells and that line ends the value's cell).
  const found = findVerticalLine(g.page, (box.x0 + Math.min(box.x1, fromX)) / 2, limit, wy0, wy1);
  const band = { x0: fromX + 1, x1: found?.near ?? fromX, y0: wy0, y1: wy1 };
  const border = found !== null && valuesIn(g, band).length === 0 ? found : null;
  let x0 = border === null ? fromX + 0.4 * g.glyph : border.far + RULE_INSET * g.glyph;
  // A value that starts left of that (merged into the label's box) moves the start back.
  const cut = g.values.find((v) => v.box.x0 < x0 && v.box.x1 > x0 && v.box.x0 > box.x0 && overlapsY(v.box, box));
  if (cut !== undefined) x0 = cut.box.x0 - 0.15 * g.glyph;
  // The value cell's right rule may lie beyond the sample's text (a short value): look up to the next
  // label or the page's edge, and fall back to the text margin only when no rule is there.
  const end = findVerticalLine(g.page, x0 + g.glyph, next ?? g.page.width - 1, wy0, wy1);
  const x1 = end !== null ? end.near - RULE_INSET * g.glyph : next !== undefined ? next - 0.6 * g.glyph : g.rightMargin;
  return { x0, x1: Math.max(x1, x0 + g.glyph), closed: end !== null || next !== undefined };
};

/** A value cell and how it sits relative to its label. */
export interface ValueCell {
  readonly box: PixelBox;
  readonly placement: "right" | "below";
  /** False when the sample had nothing in the cell (the draft guessed it from the label alone). */
  readonly seen: boolean;
  /** True when a ruled line or the next label ends the cell on the right; false when only the text margin does. */
  readonly closed: boolean;
}

/** The cell to the right of a label box (the label ends at `labelEnd`, before any merged value). */
export const rightCell = (g: PageGeometry, label: PixelBox, labelEnd: number = label.x1): ValueCell => {
  const { x0, x1, closed } = cellColumns(g, label, labelEnd);
  const yc = (label.y0 + label.y1) / 2;
  const { y0, y1 } = cellRows(g, x0, x1, yc);
  const box = { x0, y0, x1, y1 };
  return { box, placement: "right", seen: valuesIn(g, box).length > 0, closed };
};

/**
 * The value of a label: to its right when the sample has text there (or the label's own segment
 * continues with a value), else below it when text sits right under the label, else to the right.
 */
export const valueCell = (g: PageGeometry, label: PixelBox, mergedValue: boolean): ValueCell => {
  const right = rightCell(g, label);
  if (right.seen || mergedValue) return { ...right, seen: true };
  const under = g.values
    .filter((s) => s.box.y0 > label.y1 - 0.2 * g.glyph && s.box.y0 < label.y1 + 2.5 * g.glyph && s.box.x0 > label.x0 - g.glyph && s.box.x0 < label.x0 + 3 * g.glyph)
    .sort((a, b) => a.box.y0 - b.box.y0)[0];
  if (under === undefined) return right;
  const x0 = Math.min(label.x0, under.box.x0) - 0.15 * g.glyph;
  const yc = (under.box.y0 + under.box.y1) / 2;
  const next = nextLabelX(g, label, label.x1);
  const win = verticalWindow(g, under.box);
  const end = findVerticalLine(g.page, under.box.x0 + g.glyph, next ?? g.page.width - 1, win.y0, win.y1);
  const x1 = end !== null ? end.near - RULE_INSET * g.glyph : next !== undefined ? next - 0.6 * g.glyph : g.rightMargin;
  const { y0, y1 } = cellRows(g, x0, x1, yc);
  return { box: { x0, y0, x1: Math.max(x1, under.box.x1), y1 }, placement: "below", seen: true, closed: end !== null || next !== undefined };
};
