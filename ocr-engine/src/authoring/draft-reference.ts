/**
 * The reference image of a drafted template: the sample page as the draft read it (binarised,
 * deskewed), with every value region painted white — what is left is the form itself (ruled lines,
 * label words, title), which is the same on every scan of the layout. The engine aligns scans to it
 * and identification scores the form's ink on it, exactly as with a reference a municipality
 * registers from a blank form.
 */
import { ResultAsync } from "neverthrow";
import sharp from "sharp";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import type { Region, Template } from "../templates/template.ts";

/**
 * The margin kept inside a value region, in pixels of the sample: value cells are drawn from ruled
 * lines, and the border of a cell belongs to the form, not to the value.
 */
const BORDER_KEEP_PX = 3;

/** Every region where values are written: single fields and every row of each repeat group. */
export const valueRegions = (template: Pick<Template, "fields" | "repeatGroups">): Region[] => [
  ...template.fields.map((f) => f.region),
  ...template.repeatGroups.flatMap((g) =>
    Array.from({ length: g.maxCount }, (_, i) => g.fields.map((f) => ({ ...f.region, x: f.region.x + i * g.step.dx, y: f.region.y + i * g.step.dy }))).flat(),
  ),
];

/** A copy of `page` with the inside of each region (less a thin border) set to paper white. */
export const blankRegions = (page: GreyRaster, regions: readonly Region[]): GreyRaster => {
  const data = new Uint8Array(page.data);
  for (const r of regions) {
    const x0 = Math.max(0, Math.round(r.x * page.width) + BORDER_KEEP_PX);
    const y0 = Math.max(0, Math.round(r.y * page.height) + BORDER_KEEP_PX);
    const x1 = Math.min(page.width, Math.round((r.x + r.width) * page.width) - BORDER_KEEP_PX);
    const y1 = Math.min(page.height, Math.round((r.y + r.height) * page.height) - BORDER_KEEP_PX);
    for (let y = y0; y < y1; y++) data.fill(255, y * page.width + x0, y * page.width + Math.max(x0, x1));
  }
  return { width: page.width, height: page.height, data };
};

/** The blank-form reference of a draft as a 1-bit PNG (a few KB), from the page the draft was read on. */
export const draftReferenceImage = (page: GreyRaster, template: Pick<Template, "fields" | "repeatGroups">): ResultAsync<Uint8Array, OcrError> => {
  const blank = blankRegions(page, valueRegions(template));
  return ResultAsync.fromPromise(
    sharp(Buffer.from(blank.data), { raw: { width: blank.width, height: blank.height, channels: 1 } })
      .png({ palette: true, colours: 2, compressionLevel: 9 })
      .toBuffer()
      .then((b) => new Uint8Array(b.buffer, b.byteOffset, b.length)),
    () => ocrError("invalid_input", "draft", "the reference image of the draft could not be encoded"),
  );
};
