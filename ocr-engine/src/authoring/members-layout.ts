/**
 * The household-member rows of a 転出証明書, found from their labels. Three families of forms:
 *
 * - `table`: one header row of labels (氏名 生年月日 性別 続柄 …) over ruled rows, one member per row;
 * - `stacked`: every member's entry repeats its labels (氏名 … 続柄 … / 生年月日 … 性別 …);
 * - `columns`: the labels run down the left (氏名 / 生年月日 / …) and each member is a column of cells.
 *
 * The row step comes from what repeats: ruled rows of the table, the repeated labels, the repeated
 * cells of a column form. Everything in page pixels.
 */
import type { LabelHit } from "./find-labels.ts";
import { groupOfKey } from "./label-vocabulary.ts";
import type { PixelBox } from "./page-words.ts";
import { findHorizontalLines, findVerticalLine } from "./ruled-lines.ts";
import { RULE_INSET, rightCell, valueCell, verticalWindow, type PageGeometry } from "./value-cells.ts";

/** The member rows as drafted. */
export interface MembersLayout {
  readonly group: string;
  readonly layout: "table" | "stacked" | "columns";
  /** One cell per member label: its value in the first row. */
  readonly cells: readonly { readonly hit: LabelHit; readonly box: PixelBox }[];
  /** Offset between rows, pixels. */
  readonly step: { readonly dx: number; readonly dy: number };
  readonly maxCount: number;
  /** Where the step came from: ruled lines, the repeated labels, the sample's values, or nowhere (one row). */
  readonly rowsFrom: "ruled-lines" | "labels" | "values" | "single-row";
  /** Where label words are values (the 続柄 世帯主 …): every cell of every row, and the table body. */
  readonly zone: readonly PixelBox[];
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

const centreY = (b: PixelBox) => (b.y0 + b.y1) / 2;
const sameLine = (a: PixelBox, b: PixelBox, glyph: number) => Math.abs(centreY(a) - centreY(b)) < 0.5 * glyph;
const shift = (b: PixelBox, dx: number, dy: number): PixelBox => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });

/** Distinct rows of a list of boxes (tops more than a glyph apart), top to bottom. */
const distinctTops = (boxes: readonly PixelBox[], glyph: number): number[] => {
  const tops = boxes.map((b) => b.y0).sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of tops) if (out.length === 0 || t - out[out.length - 1]! > glyph) out.push(t);
  return out;
};

/** Merges line positions closer than `min` (the two borders of adjacent cells). */
const mergeClose = (ys: readonly number[], min: number): number[] => {
  const out: number[] = [];
  for (const y of ys) if (out.length === 0 || y - out[out.length - 1]! > min) out.push(y);
  return out;
};

/** Keeps one hit per key (the first in the list). */
const onePerKey = (hits: readonly LabelHit[]): LabelHit[] => {
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.entry.key) ? false : (seen.add(h.entry.key), true)));
};

const lastRowInside = (first: PixelBox, dx: number, dy: number, count: number, width: number, height: number): number => {
  let n = count;
  while (n > 1 && (first.x1 + (n - 1) * dx > width || first.y1 + (n - 1) * dy > height)) n--;
  return n;
};

const table = (g: PageGeometry, header: readonly LabelHit[]): MembersLayout => {
  const { glyph, page } = g;
  // Column edges: the header cells' ruled borders, else the header labels themselves.
  const cols = header.map((h, i) => {
    const next = header[i + 1];
    const win = verticalWindow(g, h.box);
    const left = findVerticalLine(page, h.box.x0 - 1, h.box.x0 - 1.5 * glyph, win.y0, win.y1);
    const right = findVerticalLine(page, (h.box.x0 + h.box.x1) / 2, next?.box.x0 ?? g.rightMargin, win.y0, win.y1);
    const x0 = left === null ? h.box.x0 - 0.15 * glyph : left.near + RULE_INSET * glyph;
    const x1 = right !== null ? right.near - RULE_INSET * glyph : next !== undefined ? next.box.x0 - 0.6 * glyph : g.rightMargin;
    return { hit: h, x0, x1 };
  });
  const first = cols[0]!;
  // From just under the header's text: its boxes can reach down onto the header cell's own border.
  const headerBottom = median(header.map((h) => centreY(h.box))) + 0.5 * glyph;
  const xa = first.x0 + 0.3 * glyph;
  const ys = mergeClose(findHorizontalLines(page, xa, Math.min(first.x1, xa + 8 * glyph), headerBottom, page.height), 0.3 * glyph);
  const gaps = ys.slice(1).map((y, i) => y - ys[i]!);
  let step = median(gaps.slice(0, 3));
  let count = 0;
  for (const d of gaps) {
    if (step > glyph && Math.abs(d - step) <= 0.25 * step) count++;
    else break;
  }
  let row: { y0: number; y1: number };
  let rowsFrom: MembersLayout["rowsFrom"] = "ruled-lines";
  if (count >= 1) {
    const top = ys[0]!;
    row = { y0: top + 0.1 * step, y1: top + 0.9 * step };
  } else {
    // No ruled rows: the sample's values in the first column give the rows.
    const tops = distinctTops(
      g.values.filter((s) => s.box.y0 > headerBottom && s.box.x0 >= first.x0 - glyph && s.box.x0 < first.x1).map((s) => s.box),
      glyph,
    );
    const t0 = tops[0] ?? headerBottom + 0.5 * glyph;
    step = tops.length >= 2 ? tops[1]! - t0 : 2 * glyph;
    count = Math.max(1, tops.length);
    rowsFrom = tops.length >= 2 ? "values" : "single-row";
    row = { y0: t0 - 0.25 * glyph, y1: t0 + 1.15 * glyph };
  }
  // Each column's first row from its own ruled line: on a slightly rotated sample the rows are not
  // level, and a row measured at the left column would miss the right one by a few pixels.
  const cells = cols.map((c) => {
    let dy = 0;
    if (rowsFrom === "ruled-lines") {
      const xa = c.x0 + 0.3 * glyph;
      const own = findHorizontalLines(page, xa, Math.min(c.x1, xa + 8 * glyph), headerBottom, headerBottom + 2 * step)[0];
      if (own !== undefined && Math.abs(own - ys[0]!) < 0.3 * step) dy = own - ys[0]!;
    }
    return { hit: c.hit, box: { x0: c.x0, x1: c.x1, y0: row.y0 + dy, y1: row.y1 + dy } };
  });
  const maxCount = lastRowInside(cells[0]!.box, 0, step, count, page.width, page.height);
  const body = { x0: first.x0, y0: row.y0, x1: cols.at(-1)!.x1, y1: row.y0 + maxCount * step };
  return { group: "members", layout: "table", cells, step: { dx: 0, dy: step }, maxCount, rowsFrom, zone: [body] };
};

const stacked = (g: PageGeometry, member: readonly LabelHit[]): MembersLayout => {
  const { glyph } = g;
  const byKey = new Map<string, LabelHit[]>();
  for (const h of member) byKey.set(h.entry.key, [...(byKey.get(h.entry.key) ?? []), h]);
  const tops = new Map([...byKey].map(([key, list]) => [key, distinctTops(list.map((h) => h.box), glyph)]));
  const gaps = [...tops.values()].flatMap((t) => t.slice(1).map((y, i) => y - t[i]!));
  const step = median(gaps);
  // The entries' grid: the tops of the key seen most often (the name, usually). A stray hit of a key
  // (氏名 read alone out of 世帯主の氏名) lies off the grid and loses to the key's other occurrences.
  const anchorKey = [...tops].sort((a, b) => b[1].length - a[1].length || (a[0].endsWith(".name") ? -1 : 1))[0]![0];
  const anchorTops = tops.get(anchorKey)!;
  const grid = step > 0 ? anchorTops.filter((t) => anchorTops.some((o) => o !== t && Math.abs(Math.abs(o - t) / step - Math.round(Math.abs(o - t) / step)) < 0.15)) : anchorTops;
  const first = (grid.length > 0 ? grid : anchorTops)[0]!;
  const last = (grid.length > 0 ? grid : anchorTops).at(-1)!;
  const cells = [...byKey.values()].map((list) => {
    // Each occurrence's offset within its entry, in [−0.2, 0.8) steps; the most common offset wins.
    const placed = list.map((h) => {
      const rel = step > 0 ? (h.box.y0 - first) / step : 0;
      const k = Math.floor(rel + 0.2);
      return { h, k, offset: rel - k };
    });
    const offset = median(placed.map((p) => p.offset));
    const own = [...placed].sort((a, b) => Math.abs(a.offset - offset) - Math.abs(b.offset - offset) || a.k - b.k)[0]!;
    const hit = { ...own.h, box: shift(own.h.box, 0, -own.k * step) };
    const cell = valueCell(g, hit.box, own.h.segment.text.length > own.h.word.length);
    return { hit, box: cell.box };
  });
  const count = step > 0 ? Math.round((last - first) / step) + 1 : 1;
  const maxCount = lastRowInside(cells[0]!.box, 0, step, count, g.page.width, g.page.height);
  const zone = Array.from({ length: maxCount }, (_, k) => cells.map((c) => shift(c.box, 0, k * step))).flat();
  return { group: "members", layout: "stacked", cells, step: { dx: 0, dy: step }, maxCount, rowsFrom: step > 0 ? "labels" : "single-row", zone };
};

const columns = (g: PageGeometry, rowLabels: readonly LabelHit[]): MembersLayout => {
  const { glyph, page } = g;
  const cells = rowLabels.map((hit) => ({ hit, box: rightCell(g, hit.box).box }));
  const name = cells.find((c) => c.hit.entry.key.endsWith(".name")) ?? cells[0]!;
  const { y0: wy0, y1: wy1 } = verticalWindow(g, name.box);
  // Walk the name row's ruled cells to the right: each member is one more cell.
  const lefts = [name.box.x0];
  let x = name.box.x1;
  for (let i = 0; i < 16; i++) {
    const right = findVerticalLine(page, x, g.rightMargin, wy0, wy1);
    if (right === null) break;
    const left = findVerticalLine(page, right.far + 2, Math.min(g.rightMargin, right.far + 3 * glyph), wy0, wy1);
    const start = (left ?? right).far + RULE_INSET * glyph;
    const end = findVerticalLine(page, start + glyph, g.rightMargin, wy0, wy1);
    if (end === null) break;
    lefts.push(start);
    x = end.near;
  }
  const dx = lefts.length >= 2 ? median(lefts.slice(1).map((l, i) => l - lefts[i]!)) : 0;
  const count = dx > 0 ? lefts.length : 1;
  const maxCount = lastRowInside(name.box, dx, 0, count, page.width, page.height);
  const zone = Array.from({ length: maxCount }, (_, k) => cells.map((c) => shift(c.box, k * dx, 0))).flat();
  return { group: "members", layout: "columns", cells, step: { dx, dy: 0 }, maxCount, rowsFrom: dx > 0 ? "ruled-lines" : "single-row", zone };
};

/**
 * The member rows of the page from the labels of the `members[]` keys, or null when fewer than two
 * such labels were found (a single label says nothing about rows).
 */
export const layoutMembers = (g: PageGeometry, hits: readonly LabelHit[]): MembersLayout | null => {
  const member = hits.filter((h) => groupOfKey(h.entry.key) === "members");
  if (onePerKey(member).length < 2) return null;
  const { glyph } = g;
  const repeated = [...new Set(member.map((h) => h.entry.key))].some(
    (key) => distinctTops(member.filter((h) => h.entry.key === key).map((h) => h.box), glyph).length >= 2,
  );
  if (repeated) return stacked(g, member);
  const sorted = [...member].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  // A header row: member labels on one line with no value between them.
  for (const h of sorted) {
    const line = onePerKey(sorted.filter((o) => sameLine(o.box, h.box, glyph))).sort((a, b) => a.box.x0 - b.box.x0);
    if (line.length < 2) continue;
    const valueBetween = g.values.some(
      (s) => sameLine(s.box, h.box, glyph) && s.box.x0 > line[0]!.box.x0 && s.box.x1 < line.at(-1)!.box.x0 && !line.some((l) => s.box.x0 >= l.box.x0 && s.box.x1 <= l.segment.box.x1),
    );
    // Three member labels on one line are a header even with text between them: an unread label
    // (生年月日 misread) looks like a value. A stacked entry has at most two labels per line.
    if (!valueBetween || line.length >= 3) return table(g, line);
  }
  const x0 = median(member.map((h) => h.box.x0));
  const aligned = onePerKey(sorted.filter((h) => Math.abs(h.box.x0 - x0) < glyph));
  if (aligned.length >= 3) return columns(g, aligned);
  return stacked(g, member);
};
