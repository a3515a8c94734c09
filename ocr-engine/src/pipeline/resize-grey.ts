/**
 * Area-averaging downscale of a grey raster: tesseract's LSTM reads lines best when they are a few
 * dozen pixels high, and 300 dpi certificate text is two to three times that.
 */
import type { GreyRaster } from "./raster.ts";

/** Scales `image` to `height` pixels high (aspect kept) by averaging; returns it unchanged when not smaller. */
export const downscaleGrey = (image: GreyRaster, height: number): GreyRaster => {
  if (height >= image.height || height < 1) return image;
  const f = image.height / height;
  const w = Math.max(1, Math.round(image.width / f));
  const out = new Uint8Array(w * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * f);
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) * f)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * f);
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) * f)));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += image.data[yy * image.width + xx]!;
      out[y * w + x] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return { width: w, height, data: out };
};

/**
 * Scales `image` to `height` pixels high (aspect kept): area average when smaller, bilinear when larger
 * (a small card crop read a second time at another scale); unchanged at the same height.
 */
export const resizeGrey = (image: GreyRaster, height: number): GreyRaster => {
  if (height < 1 || height === image.height) return image;
  if (height < image.height) return downscaleGrey(image, height);
  const f = image.height / height;
  const w = Math.max(1, Math.round(image.width / f));
  const out = new Uint8Array(w * height);
  const at = (x: number, y: number) => image.data[y * image.width + x]!;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * f - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * f - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      out[y * w + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width: w, height, data: out };
};
