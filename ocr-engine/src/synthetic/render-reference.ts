/**
 * The reference image of a template for alignment, rendered from its drafted geometry: the **blank form**
 * (ruled cells and label words, no values, no tint, no seal) at the template's dpi, binarised to a 1-bit
 * PNG — what ORB sees of a scan after V-channel binarisation, and small enough to ship (an A4 page at
 * 300 dpi is ~50–150 KB). A municipality registers a 300 dpi scan of its real blank form instead.
 */
import { ResultAsync, errAsync } from "neverthrow";
import sharp from "sharp";
import type { Template } from "../templates/template.ts";
import { renderDocument } from "./render-document.ts";
import { type SyntheticError, syntheticError } from "./synthetic.errors.ts";

/**
 * The seed of the reference render. Fixed, so that regenerating gives the same bytes; it picks the label
 * font (gothic or mincho) and the ink tone, nothing else on a blank form.
 */
export const REFERENCE_SEED = 0;

/** Grey level below which a rendered pixel is ink in the 1-bit reference (anti-aliased edges split at mid-grey). */
const INK_THRESHOLD = 128;

/** Renders `template`'s blank form as a 1-bit greyscale PNG at `template.page.dpi` (or `options.dpi`). */
export const renderReferenceImage = (template: Template, options: { readonly dpi?: number } = {}): ResultAsync<Uint8Array, SyntheticError> => {
  const rendered = renderDocument(template, { fields: {}, groups: {} }, { dpi: options.dpi ?? template.page.dpi, seed: REFERENCE_SEED, tint: false, seal: false });
  if (rendered.isErr()) return errAsync(rendered.error);
  return ResultAsync.fromPromise(
    sharp(rendered.value.png)
      .flatten({ background: "#ffffff" })
      .toColourspace("b-w")
      .threshold(INK_THRESHOLD)
      // A two-colour palette PNG is written with 1 bit per pixel; no metadata, so regeneration is byte-stable.
      .png({ palette: true, colours: 2, compressionLevel: 9, effort: 10 })
      .toBuffer()
      .then((b) => new Uint8Array(b.buffer, b.byteOffset, b.length)),
    (cause) => syntheticError("image-failed", "renderDocument", `the reference image of ${template.id} could not be encoded`, cause),
  );
};
