/**
 * Makes a clean rendered page look scanned: small rotation on a white background, a scale change, a
 * shift, blur, gaussian sensor noise and JPEG compression. Parameters not given are drawn from the seed
 * within the bounds a counter scanner produces; all of them are returned as ground truth.
 */
import { Result as EffectResult, Schema } from "effect";
import { errAsync, ResultAsync } from "neverthrow";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import { seededRandom } from "./seeded-random.ts";
import { type SyntheticError, syntheticError } from "./synthetic.errors.ts";

/** Options of {@link degrade}; everything except `seed` is drawn from the seed when omitted. */
export interface DegradeOptions {
  readonly seed: number;
  /** Clockwise rotation in degrees, −3..3. */
  readonly rotationDeg?: number;
  /** Scale factor, 0.95..1.05 (the output is `round(width × scale)` × `round(height × scale)`). */
  readonly scale?: number;
  /** Shift of the content in output pixels, each −100..100. */
  readonly shiftPx?: { readonly x: number; readonly y: number };
  /** Gaussian blur sigma in pixels, 0 (none) or 0.3..3. */
  readonly blurSigma?: number;
  /** Gaussian noise standard deviation in 8-bit levels, 0..40. */
  readonly noiseSigma?: number;
  /** JPEG quality 30..100, or null for a PNG (lossless). */
  readonly jpegQuality?: number | null;
}

/** The parameters actually applied. */
export interface DegradeParams {
  readonly seed: number;
  readonly rotationDeg: number;
  readonly scale: number;
  readonly shiftPx: { readonly x: number; readonly y: number };
  readonly blurSigma: number;
  readonly noiseSigma: number;
  readonly jpegQuality: number | null;
}

/** A degraded scan. */
export interface DegradedScan {
  readonly image: Buffer;
  readonly format: "jpeg" | "png";
  readonly width: number;
  readonly height: number;
  readonly params: DegradeParams;
}

const Between = (minimum: number, maximum: number) => Schema.Finite.check(Schema.isBetween({ minimum, maximum }));
const DegradeOptionsSchema = Schema.Struct({
  seed: Schema.Int,
  rotationDeg: Schema.optional(Between(-3, 3)),
  scale: Schema.optional(Between(0.95, 1.05)),
  shiftPx: Schema.optional(Schema.Struct({ x: Schema.Int.check(Schema.isBetween({ minimum: -100, maximum: 100 })), y: Schema.Int.check(Schema.isBetween({ minimum: -100, maximum: 100 })) })),
  blurSigma: Schema.optional(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 3 }))),
  noiseSigma: Schema.optional(Between(0, 40)),
  jpegQuality: Schema.optional(Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 30, maximum: 100 })))),
});

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 } as const;

/** Fills in the parameters not given, from the seed (fixed draw order, so each is reproducible). */
const resolveParams = (o: DegradeOptions): DegradeParams => {
  const rng = seededRandom(o.seed);
  const rotation = rng.float(-3, 3);
  const scale = rng.float(0.95, 1.05);
  const shift = { x: rng.int(-20, 20), y: rng.int(-20, 20) };
  const blur = rng.chance(0.3) ? 0 : rng.float(0.3, 1.2);
  const noise = rng.float(2, 12);
  const quality = rng.int(70, 95);
  const blurSigma = o.blurSigma ?? blur;
  return {
    seed: o.seed,
    rotationDeg: o.rotationDeg ?? Math.round(rotation * 100) / 100,
    scale: o.scale ?? Math.round(scale * 1000) / 1000,
    shiftPx: o.shiftPx ?? shift,
    // sharp's blur needs sigma ≥ 0.3: smaller values mean no blur.
    blurSigma: blurSigma < 0.3 ? 0 : blurSigma,
    noiseSigma: o.noiseSigma ?? Math.round(noise * 10) / 10,
    jpegQuality: o.jpegQuality === undefined ? quality : o.jpegQuality,
  };
};

type Raw = { data: Buffer; info: OutputInfo };
const raw = (img: Sharp): Promise<Raw> => img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
const fromRaw = (r: Raw) => sharp(r.data, { raw: { width: r.info.width, height: r.info.height, channels: r.info.channels } });

const run = async (png: Buffer, p: DegradeParams): Promise<DegradedScan> => {
  const source = await sharp(png).metadata();
  const width = source.width;
  const height = source.height;
  // Each geometric step is materialised: sharp reorders rotate/resize/extract inside one pipeline.
  const rotated = await raw(sharp(png).flatten({ background: WHITE }).rotate(p.rotationDeg, { background: WHITE }));
  const sw = Math.max(1, Math.round(rotated.info.width * p.scale));
  const sh = Math.max(1, Math.round(rotated.info.height * p.scale));
  const scaled = await raw(fromRaw(rotated).resize(sw, sh, { fit: "fill" }));
  const outW = Math.round(width * p.scale);
  const outH = Math.round(height * p.scale);
  // Pad with white so any shift stays inside, then cut the output window around the centre.
  const pad = Math.abs(p.shiftPx.x) + Math.abs(p.shiftPx.y) + 2;
  const padded = await raw(fromRaw(scaled).extend({ top: pad, bottom: pad, left: pad, right: pad, background: WHITE }));
  const left = Math.round((padded.info.width - outW) / 2) - p.shiftPx.x;
  const top = Math.round((padded.info.height - outH) / 2) - p.shiftPx.y;
  let out = await raw(fromRaw(padded).extract({ left, top, width: outW, height: outH }));
  if (p.blurSigma > 0) out = await raw(fromRaw(out).blur(p.blurSigma));
  if (p.noiseSigma > 0) {
    const rng = seededRandom(p.seed ^ 0x5bd1e995);
    const d = out.data;
    for (let i = 0; i < d.length; i++) {
      const v = (d[i] as number) + rng.gaussian() * p.noiseSigma;
      d[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  const image = p.jpegQuality === null
    ? await fromRaw(out).png().toBuffer()
    : await fromRaw(out).jpeg({ quality: p.jpegQuality, mozjpeg: false }).toBuffer();
  return { image, format: p.jpegQuality === null ? "png" : "jpeg", width: outW, height: outH, params: p };
};

/** Degrades a rendered page (PNG or any sharp-readable image) like a scanner. */
export const degrade = (png: Buffer, options: DegradeOptions): ResultAsync<DegradedScan, SyntheticError> => {
  const decoded = Schema.decodeUnknownResult(DegradeOptionsSchema)(options, { errors: "all" });
  if (EffectResult.isFailure(decoded)) return errAsync(syntheticError("invalid-options", "degrade", `degrade options: ${decoded.failure.message}`));
  return ResultAsync.fromPromise(run(png, resolveParams(options)), (cause) => syntheticError("image-failed", "degrade", "image processing failed", cause));
};
