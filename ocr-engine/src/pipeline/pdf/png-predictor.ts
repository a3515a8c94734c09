/**
 * Undoes the predictors a PDF `FlateDecode` filter may carry in its `DecodeParms` (PDF 32000-1 §7.4.4.4):
 * `Predictor` 1 (none), 2 (TIFF horizontal differencing, 8-bit samples) and 10–15 (PNG filters, one filter
 * byte per row, the same algorithms as PNG: None, Sub, Up, Average, Paeth). Scanner and image-to-PDF tools
 * often copy a PNG's IDAT stream into the PDF unchanged, which is exactly predictor 15.
 */
import { err, ok, type Result } from "neverthrow";

/** The parameters of a predictor, from `DecodeParms` (PDF defaults: Colors 1, BitsPerComponent 8, Columns 1). */
export interface PredictorParams {
  readonly predictor: number;
  readonly colors: number;
  readonly bitsPerComponent: number;
  readonly columns: number;
}

/** Why unpredicting failed: an unknown predictor or filter type, or data that does not fill the rows. */
export type PredictorFailure = { readonly kind: "unsupported"; readonly detail: string } | { readonly kind: "corrupt"; readonly detail: string };

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Returns the raw sample rows (packed, `rowBytes` each) of `rows` rows, predictors undone. PNG filters work on
 * bytes, so any bit depth is fine; the TIFF predictor is only implemented for 8-bit samples.
 */
export const unpredict = (data: Uint8Array, params: PredictorParams, rows: number): Result<Uint8Array, PredictorFailure> => {
  const rowBytes = Math.ceil((params.colors * params.bitsPerComponent * params.columns) / 8);
  const bpp = Math.max(1, Math.ceil((params.colors * params.bitsPerComponent) / 8));
  if (params.predictor === 1) {
    return data.length < rowBytes * rows ? err({ kind: "corrupt", detail: `${data.length} bytes of samples, ${rowBytes * rows} expected` }) : ok(data.subarray(0, rowBytes * rows));
  }
  if (params.predictor === 2) {
    if (params.bitsPerComponent !== 8) return err({ kind: "unsupported", detail: `TIFF predictor with ${params.bitsPerComponent}-bit samples` });
    if (data.length < rowBytes * rows) return err({ kind: "corrupt", detail: `${data.length} bytes of samples, ${rowBytes * rows} expected` });
    const out = data.slice(0, rowBytes * rows);
    for (let y = 0; y < rows; y++) {
      const base = y * rowBytes;
      for (let i = bpp; i < rowBytes; i++) out[base + i] = (out[base + i]! + out[base + i - bpp]!) & 0xff;
    }
    return ok(out);
  }
  if (params.predictor < 10 || params.predictor > 15) return err({ kind: "unsupported", detail: `predictor ${params.predictor}` });
  if (data.length < (rowBytes + 1) * rows) return err({ kind: "corrupt", detail: `${data.length} bytes of predicted samples, ${(rowBytes + 1) * rows} expected` });
  const out = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    const filter = data[y * (rowBytes + 1)]!;
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    const prev = dst - rowBytes; // the row above, already decoded (absent on the first row: zeros)
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = y > 0 ? out[prev + i]! : 0;
      const c = y > 0 && i >= bpp ? out[prev + i - bpp]! : 0;
      switch (filter) {
        case 0: out[dst + i] = x; break;
        case 1: out[dst + i] = (x + a) & 0xff; break;
        case 2: out[dst + i] = (x + b) & 0xff; break;
        case 3: out[dst + i] = (x + ((a + b) >> 1)) & 0xff; break;
        case 4: out[dst + i] = (x + paeth(a, b, c)) & 0xff; break;
        default: return err({ kind: "corrupt", detail: `PNG filter type ${filter} on row ${y + 1}` });
      }
    }
  }
  return ok(out);
};
