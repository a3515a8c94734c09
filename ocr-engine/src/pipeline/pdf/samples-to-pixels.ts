/**
 * Turns a PDF image's decoded sample rows (1, 2, 4 or 8 bits per component, rows padded to whole bytes) into
 * 8-bit grey or RGB pixels, expanding an `Indexed` palette and applying an inverted `Decode` array.
 */
import { err, ok, type Result } from "neverthrow";

/** The colour spaces decoded here, resolved from the image dictionary's `ColorSpace`. */
export type PdfColour =
  | { readonly kind: "gray" }
  | { readonly kind: "rgb" }
  /** A palette: `lookup` holds `(hival + 1) × components(base)` bytes. */
  | { readonly kind: "indexed"; readonly base: "gray" | "rgb"; readonly hival: number; readonly lookup: Uint8Array };

/** Decoded pixels: 1 channel (grey) or 3 (RGB), 8 bits each, rows top to bottom. */
export interface PdfPixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

/** Number of colour components of one sample of `colour` (an index counts as one). */
export const componentsOf = (colour: PdfColour): number => (colour.kind === "rgb" ? 3 : 1);

/**
 * Expands `rows` (packed samples after the filters and predictors) to 8-bit pixels. `invert` applies a
 * `Decode` of `[1 0]` (grey and 1-bit images only; the caller rejects other `Decode` arrays).
 */
export const samplesToPixels = (
  rows: Uint8Array,
  size: { readonly width: number; readonly height: number },
  bitsPerComponent: 1 | 2 | 4 | 8,
  colour: PdfColour,
  invert: boolean,
): Result<PdfPixels, string> => {
  const { width, height } = size;
  const comps = componentsOf(colour);
  const rowBytes = Math.ceil((width * comps * bitsPerComponent) / 8);
  if (rows.length < rowBytes * height) return err(`${rows.length} bytes of samples, ${rowBytes * height} expected`);
  const max = (1 << bitsPerComponent) - 1;
  const sample = (row: number, index: number): number => {
    if (bitsPerComponent === 8) return rows[row * rowBytes + index]!;
    const bit = index * bitsPerComponent;
    const byte = rows[row * rowBytes + (bit >> 3)]!;
    return (byte >> (8 - bitsPerComponent - (bit & 7))) & max;
  };
  if (colour.kind === "indexed") {
    const baseComps = colour.base === "rgb" ? 3 : 1;
    if (colour.lookup.length < (colour.hival + 1) * baseComps) return err(`palette has ${colour.lookup.length} bytes, ${(colour.hival + 1) * baseComps} expected`);
    const out = new Uint8Array(width * height * baseComps);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // Out-of-range indices are clamped to hival, as PDF readers do.
        const index = Math.min(sample(y, x), colour.hival);
        for (let c = 0; c < baseComps; c++) out[(y * width + x) * baseComps + c] = colour.lookup[index * baseComps + c]!;
      }
    }
    return ok({ width, height, channels: baseComps === 3 ? 3 : 1, data: out });
  }
  const out = new Uint8Array(width * height * comps);
  const scale = 255 / max;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * comps; i++) {
      const v = Math.round(sample(y, i) * scale);
      out[y * width * comps + i] = invert ? 255 - v : v;
    }
  }
  return ok({ width, height, channels: comps === 3 ? 3 : 1, data: out });
};
