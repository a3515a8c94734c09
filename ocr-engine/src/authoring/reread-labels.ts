/**
 * A second look at words that may be labels the page read got wrong (本籍 read as は, 性別 missing from
 * a table header): short islands of text left-aligned with a label already found, or on the same line
 * as a member label, are cropped and read again as a single line (PSM 7, which reads short words
 * better than the sparse page segmentation). An island that now reads as a known wording is replaced
 * by it; nothing else on the page changes.
 */
import { ResultAsync, okAsync } from "neverthrow";
import { cropGrey } from "../pipeline/crop.ts";
import type { OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import { findLabels, pageSegments, segmentsOf, type Segment } from "./find-labels.ts";
import { groupOfKey, type LabelEntry } from "./label-vocabulary.ts";
import { matchLabel, squash } from "./match-label.ts";
import type { PageChar, PageLine, PageReader, PageWords, PixelBox } from "./page-words.ts";

/** Islands longer than this are values, not labels missed by the page read. */
const MAX_LABEL_CHARS = 8;

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

const overlaps = (a: PixelBox, b: PixelBox) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);

/** The label's characters spread evenly over the island's box (the boxes only need to be close). */
const spread = (word: string, box: PixelBox): PageChar[] => {
  const chars = [...word];
  const w = (box.x1 - box.x0) / chars.length;
  return chars.map((text, i) => ({ text, confidence: 50, box: { x0: Math.round(box.x0 + i * w), y0: box.y0, x1: Math.round(box.x0 + (i + 1) * w), y1: box.y1 } }));
};

/**
 * The page's words with label candidates read again (see the module comment). Costs one small
 * recognition per candidate; a page with every label found costs nothing.
 */
export const rereadLabels = (page: GreyRaster, words: PageWords, vocabulary: readonly LabelEntry[], reader: PageReader): ResultAsync<PageWords, OcrError> => {
  const hits = findLabels(pageSegments(words), vocabulary);
  if (hits.length === 0) return okAsync(words);
  const glyph = median(words.lines.flatMap((l) => l.chars.map((c) => c.box.y1 - c.box.y0)));
  const memberHits = hits.filter((h) => groupOfKey(h.entry.key) !== null);
  const isCandidate = (s: Segment): boolean => {
    if (s.text.length > MAX_LABEL_CHARS || hits.some((h) => overlaps(h.segment.box, s.box))) return false;
    const cy = (s.box.y0 + s.box.y1) / 2;
    const aligned = hits.some((h) => Math.abs(h.box.x0 - s.box.x0) < glyph);
    const inHeader = memberHits.some((h) => Math.abs((h.box.y0 + h.box.y1) / 2 - cy) < 0.5 * glyph);
    return aligned || inHeader;
  };
  const jobs = words.lines.flatMap((line, li) => segmentsOf(line).filter(isCandidate).map((s) => ({ li, s })));
  if (jobs.length === 0) return okAsync(words);
  const pad = Math.round(0.3 * glyph);
  return ResultAsync.combine(
    jobs.map(({ li, s }) => {
      const x0 = Math.max(0, s.box.x0 - pad);
      const y0 = Math.max(0, s.box.y0 - pad);
      const rect = { left: x0, top: y0, width: Math.min(page.width, s.box.x1 + pad) - x0, height: Math.min(page.height, s.box.y1 + pad) - y0 };
      return reader.readLine(cropGrey(page, rect)).map((text) => ({ li, s, text: squash(text) }));
    }),
  ).map((reads) => {
    const replaced = new Map<number, { s: Segment; word: string }[]>();
    for (const r of reads) {
      const m = matchLabel(r.text, vocabulary);
      // Only when the whole second reading is the wording: a value that starts like a label stays a value.
      if (m === null || m.length < r.text.length - 1) continue;
      replaced.set(r.li, [...(replaced.get(r.li) ?? []), { s: r.s, word: m.word }]);
    }
    if (replaced.size === 0) return words;
    const lines = words.lines.map((line, li): PageLine => {
      const fixes = replaced.get(li);
      if (fixes === undefined) return line;
      const chars = line.chars.flatMap((c) => {
        const fix = fixes.find((f) => f.s.chars.includes(c));
        if (fix === undefined) return [c];
        return fix.s.chars[0] === c ? spread(fix.word, fix.s.box) : [];
      });
      return { ...line, chars };
    });
    return { ...words, lines };
  });
};
