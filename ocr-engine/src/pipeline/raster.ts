/**
 * Raster types passed between pipeline steps: plain typed arrays, so that sharp, opencv-wasm and
 * tesseract.js can each be fed without copying through an image codec.
 */

/** An 8-bit RGBA image, rows top to bottom, 4 bytes per pixel. */
export interface RgbaRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An 8-bit single-channel image (0 = black, 255 = white), 1 byte per pixel. */
export interface GreyRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** V channel of HSV, i.e. max(R, G, B) per pixel: pale coloured tint and red seals are bright in V. */
export const valueChannel = (image: RgbaRaster): GreyRaster => {
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  const src = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const r = src[j]!;
    const g = src[j + 1]!;
    const b = src[j + 2]!;
    out[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return { width: image.width, height: image.height, data: out };
};

/** Luma (ITU-R BT.601, integer approximation) per pixel. */
export const greyChannel = (image: RgbaRaster): GreyRaster => {
  const n = image.width * image.height;
  const out = new Uint8Array(n);
  const src = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i] = (src[j]! * 299 + src[j + 1]! * 587 + src[j + 2]! * 114 + 500) / 1000;
  }
  return { width: image.width, height: image.height, data: out };
};
