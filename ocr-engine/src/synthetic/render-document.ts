/**
 * Renders a template with values as a clean "printed" page: tint first, then ruled cells (forms only),
 * labels at the anchors and values inside the field regions in dark mincho ink, then a red 公印 that
 * overlaps the issuer line, as on a real certificate. The result carries the ground truth: exactly the
 * strings drawn per field key and per repeat-group row.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { DocumentKind, Region, Template } from "../templates/template.ts";
import type { DocumentValues } from "./fake-values.ts";
import { loadSyntheticFonts } from "./fonts.ts";
import { hashString, type SeededRandom, seededRandom } from "./seeded-random.ts";
import { type SyntheticError, syntheticError } from "./synthetic.errors.ts";
import { drawTint, type TintStyle } from "./tint.ts";

/** Options of {@link renderDocument}. */
export interface RenderOptions {
  /** Output resolution (50..600). Tests use 100–150; the engine's reference is the template's dpi. */
  readonly dpi: number;
  /** Seed of everything random at render time (ink tone, seal placement and text). */
  readonly seed: number;
  /** Draw the anti-copy tint (地紋); default true. `false` prints on white, as a reference image for alignment. */
  readonly tint?: boolean;
  /** Stamp the red 公印 (forms only); default true. A blank form has none. */
  readonly seal?: boolean;
}

const RenderOptionsSchema = Schema.Struct({
  dpi: Schema.Int.check(Schema.isBetween({ minimum: 50, maximum: 600 })),
  seed: Schema.Int,
  tint: Schema.optionalKey(Schema.Boolean),
  seal: Schema.optionalKey(Schema.Boolean),
});

/** A rendered page and what was drawn on it. */
export interface RenderedDocument {
  /** PNG, RGB(A), white-ish paper. */
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** The values drawn: per top-level field key, and per repeat group one record per drawn row. */
  readonly truth: DocumentValues;
  /** Where the red seal was stamped (normalised), or null for documents without one (cards, `seal: false`). */
  readonly seal: Region | null;
  /** The tint drawn, or null with `tint: false`. */
  readonly tint: TintStyle | null;
}

/** Card kinds: no ruled cells and no seal. */
const CARD_KINDS: ReadonlySet<DocumentKind> = new Set(["zairyu-card", "tokubetsu-eijusha", "unten-menkyo", "mynumber-card"]);

const px = (r: Region, w: number, h: number) => ({ x: r.x * w, y: r.y * h, w: r.width * w, h: r.height * h });

/** Draws `text` inside a pixel box: vertically centred, shrunk to fit the width. */
const fitText = (ctx: SKRSContext2D, text: string, box: { x: number; y: number; w: number; h: number }, family: string, align: "left" | "center") => {
  let size = box.h * 0.78;
  ctx.font = `${size}px ${family}`;
  const measured = ctx.measureText(text).width;
  const room = box.w * 0.97;
  if (measured > room) {
    size *= room / measured;
    ctx.font = `${size}px ${family}`;
  }
  ctx.textBaseline = "middle";
  ctx.textAlign = align;
  ctx.fillText(text, align === "center" ? box.x + box.w / 2 : box.x + box.w * 0.01, box.y + box.h / 2);
};

/** The most lines a block field (PSM 6) is printed on. */
const MAX_BLOCK_LINES = 3;

/**
 * `text` split into `n` lines: at the full-width space before a building name (方書) when there are two lines
 * and it has one, as cards print it, otherwise into runs of equal length.
 */
const splitLines = (text: string, n: number): string[] => {
  const chars = [...text];
  const space = text.indexOf("　");
  if (n === 2 && space > 0) return [text.slice(0, space), text.slice(space + 1)];
  const per = Math.ceil(chars.length / n);
  return Array.from({ length: n }, (_, i) => chars.slice(i * per, (i + 1) * per).join("")).filter((l) => l !== "");
};

/**
 * Draws a block field's value (a region the template reads as a block, PSM 6: the マイナンバーカード's address)
 * as a printer fills a box meant for more than one line: on the number of lines that gives the largest
 * characters, each line fitted as {@link fitText} fits one.
 */
const fitBlock = (ctx: SKRSContext2D, text: string, box: { x: number; y: number; w: number; h: number }, family: string) => {
  const sizeFor = (lines: readonly string[]) => {
    const lineHeight = box.h / lines.length;
    ctx.font = `${lineHeight * 0.78}px ${family}`;
    const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
    return lineHeight * 0.78 * Math.min(1, (box.w * 0.97) / widest);
  };
  const options = Array.from({ length: MAX_BLOCK_LINES }, (_, i) => splitLines(text, i + 1));
  const best = options.reduce((a, b) => (sizeFor(b) > sizeFor(a) ? b : a));
  const lineHeight = box.h / best.length;
  best.forEach((line, i) => fitText(ctx, line, { x: box.x, y: box.y + i * lineHeight, w: box.w, h: lineHeight }, family, "left"));
};

/** Ruled cell around a region: forms print boxes; their inset in generated layouts is ~0.13 row height. */
const drawCell = (ctx: SKRSContext2D, r: Region, w: number, h: number) => {
  const b = px(r, w, h);
  const padX = 0.005 * w;
  const padY = b.h * 0.13;
  ctx.strokeRect(b.x - padX, b.y - padY, b.w + 2 * padX, b.h + 2 * padY);
};

/** A red 公印 (circle or square) with the issuer's name and 之印, multiplied over what is under it. */
const drawSeal = (ctx: SKRSContext2D, rng: SeededRandom, cx: number, cy: number, size: number, text: string, family: string) => {
  ctx.save();
  ctx.globalCompositeOperation = "multiply";
  const red = `rgb(${rng.int(205, 230)},${rng.int(25, 50)},${rng.int(30, 60)})`;
  ctx.strokeStyle = red;
  ctx.fillStyle = red;
  ctx.lineWidth = size * 0.06;
  const chars = [...`${text}之印`];
  const circle = rng.chance(0.5);
  if (circle) {
    ctx.beginPath();
    ctx.arc(cx, cy, size / 2, 0, Math.PI * 2);
    ctx.stroke();
  } else {
    ctx.strokeRect(cx - size / 2, cy - size / 2, size, size);
  }
  // Seals read in vertical columns from right to left.
  const cols = Math.ceil(chars.length / 3) > 2 ? 3 : 2;
  const perCol = Math.ceil(chars.length / cols);
  const inner = size * (circle ? 0.66 : 0.8);
  const cell = Math.min(inner / cols, inner / perCol);
  ctx.font = `${cell * 0.95}px ${family}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  chars.forEach((ch, i) => {
    const col = Math.floor(i / perCol);
    const row = i % perCol;
    const x = cx + ((cols - 1) / 2 - col) * cell;
    const y = cy + (row - (perCol - 1) / 2) * cell;
    ctx.fillText(ch, x, y);
  });
  ctx.restore();
};

/**
 * Renders `template` with `values` at `options.dpi`. Draws every anchor, every field value present in
 * `values.fields` and every row of `values.groups` (up to the group's `maxCount`), so it works for any
 * template, not only the generated 転出証明書.
 */
export const renderDocument = (template: Template, values: DocumentValues, options: RenderOptions): Result<RenderedDocument, SyntheticError> => {
  const decoded = Schema.decodeUnknownResult(RenderOptionsSchema)(options, { errors: "all" });
  if (EffectResult.isFailure(decoded)) return err(syntheticError("invalid-options", "renderDocument", `render options: ${decoded.failure.message}`));
  const fonts = loadSyntheticFonts();
  if (fonts.isErr()) return err({ ...fonts.error, operation: "renderDocument" });
  const { mincho, gothic } = fonts.value;
  const rng = seededRandom(hashString(template.id, options.seed >>> 0));
  const width = Math.round((template.page.widthMm / 25.4) * options.dpi);
  const height = Math.round((template.page.heightMm / 25.4) * options.dpi);
  try {
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext("2d");
    const issuerAnchor = template.anchors.find((a) => /[市町村区]長$/.test(a.text));
    const issuerWord = issuerAnchor?.text.replace(/長$/, "") ?? "みほん";
    let tint: TintStyle | null = null;
    if (options.tint === false) {
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
    } else tint = drawTint(ctx, width, height, template.id, issuerWord, mincho);
    const isCard = CARD_KINDS.has(template.kind);
    const ink = `rgb(${rng.int(10, 35)},${rng.int(10, 35)},${rng.int(15, 45)})`;
    const labelFamily = rng.chance(0.5) ? gothic : mincho;

    // Cells first, so the text sits on top of the rules.
    const fieldFields: { region: Region; text: string; block: boolean }[] = [];
    const truthFields: Record<string, string> = {};
    for (const f of template.fields) {
      const v = values.fields[f.key];
      if (v !== undefined && v !== "") {
        truthFields[f.key] = v;
        fieldFields.push({ region: f.region, text: v, block: f.hints.psm === 6 });
      }
    }
    const truthGroups: Record<string, Record<string, string>[]> = {};
    const ruled: Region[] = [...template.fields.map((f) => f.region), ...template.anchors.slice(1).map((a) => a.region)];
    for (const g of template.repeatGroups) {
      const rows = (values.groups[g.key] ?? []).slice(0, g.maxCount);
      truthGroups[g.key] = [];
      for (let i = 0; i < g.maxCount; i++) {
        const shift = (r: Region): Region => ({ ...r, x: r.x + i * g.step.dx, y: r.y + i * g.step.dy });
        for (const f of g.fields) ruled.push(shift(f.region));
        const row = rows[i];
        if (row === undefined) continue;
        const drawn: Record<string, string> = {};
        for (const f of g.fields) {
          const v = row[f.key];
          if (v === undefined || v === "") continue;
          drawn[f.key] = v;
          fieldFields.push({ region: shift(f.region), text: v, block: f.hints.psm === 6 });
        }
        truthGroups[g.key]?.push(drawn);
      }
    }
    if (!isCard) {
      ctx.strokeStyle = "rgb(70,70,80)";
      ctx.lineWidth = Math.max(1, options.dpi / 150);
      // The certifying sentence and issuer line are printed without boxes.
      for (const r of ruled) if (r !== issuerAnchor?.region && !template.anchors.some((a) => a.region === r && /。$/.test(a.text))) drawCell(ctx, r, width, height);
    }
    ctx.fillStyle = ink;
    template.anchors.forEach((a, i) => fitText(ctx, a.text, px(a.region, width, height), i === 0 ? mincho : labelFamily, i === 0 && !isCard ? "center" : "left"));
    for (const v of fieldFields) (v.block ? fitBlock : fitText)(ctx, v.text, px(v.region, width, height), mincho, "left");

    let seal: Region | null = null;
    if (!isCard && options.seal !== false) {
      const size = (rng.float(18, 24) / template.page.widthMm) * width;
      const target = issuerAnchor?.region ?? { x: 0.72, y: 0.88, width: 0.1, height: 0.03 };
      const cx = (target.x + target.width) * width + rng.float(-0.45, -0.15) * size;
      const cy = (target.y + target.height / 2) * height + rng.float(-0.15, 0.15) * size;
      drawSeal(ctx, rng, cx, cy, size, (issuerAnchor?.text ?? `${issuerWord}長`).slice(0, 7), mincho);
      seal = { x: (cx - size / 2) / width, y: (cy - size / 2) / height, width: size / width, height: size / height };
    }
    const png = canvas.toBuffer("image/png");
    return ok({ png, width, height, truth: { fields: truthFields, groups: truthGroups }, seal, tint });
  } catch (cause) {
    return err(syntheticError("image-failed", "renderDocument", "canvas rendering failed", cause));
  }
};
