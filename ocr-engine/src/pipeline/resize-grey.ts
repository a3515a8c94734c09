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
