/**
 * A binarised page kept at one bit per pixel: the index holds every reference's ink for verification,
 * and 500 A4 references at identification size take ~44 MB this way instead of ~1.4 GB as RGBA.
 */
import type { GreyRaster, RgbaRaster } from "../pipeline/raster.ts";

/** Ink (bit set) and paper of a page, 8 pixels per byte, rows top to bottom. */
export interface PackedInk {
  readonly width: number;
  readonly height: number;
  readonly bits: Uint8Array;
}

/** Packs a binary raster (0 = ink). */
export const packInk = (image: GreyRaster): PackedInk => {
  const bits = new Uint8Array(Math.ceil(image.data.length / 8));
  for (let i = 0; i < image.data.length; i++) if (image.data[i] === 0) bits[i >> 3]! |= 1 << (i & 7);
  return { width: image.width, height: image.height, bits };
};

/** Unpacks to an RGBA raster: black ink on white paper (what `estimateAlignment` takes). */
export const unpackInkRgba = (packed: PackedInk): RgbaRaster => {
  const n = packed.width * packed.height;
  const data = new Uint8Array(n * 4).fill(255);
  for (let i = 0; i < n; i++) {
    if ((packed.bits[i >> 3]! >> (i & 7)) & 1) {
      const j = i * 4;
      data[j] = 0;
      data[j + 1] = 0;
      data[j + 2] = 0;
    }
  }
  return { width: packed.width, height: packed.height, data };
};
