/**
 * Anti-copy tint (地紋) drawn under a document: guilloche bands, rosettes, tiled micro-text and a
 * diagonal lattice in pale blue, green or pink. Every colour keeps max(R,G,B) ≥ 215, so V-channel Otsu
 * (what the engine uses) separates it from ink; the pattern is chosen from the template id, so one
 * issuer's "paper" looks the same on every page, as real 地紋 paper does.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import { hashString, seededRandom } from "./seeded-random.ts";

/** Which tint elements a page gets and in which colours (ground truth for tests). */
export interface TintStyle {
  readonly palette: "blue" | "green" | "pink";
  readonly paper: string;
  readonly line: string;
  readonly text: string;
  readonly guilloche: boolean;
  readonly rosettes: boolean;
  readonly microText: boolean;
  readonly lattice: boolean;
}

const PALETTES = {
  blue: { paper: "rgb(248,251,255)", line: "rgb(190,215,240)", text: "rgb(175,205,235)" },
  green: { paper: "rgb(249,255,250)", line: "rgb(190,232,205)", text: "rgb(172,222,190)" },
  pink: { paper: "rgb(255,249,251)", line: "rgb(245,200,218)", text: "rgb(238,185,205)" },
} as const;

/** The tint style of a template id. */
export const tintStyleFor = (templateId: string): TintStyle => {
  const rng = seededRandom(hashString(templateId));
  const palette = rng.pick(["blue", "green", "pink"] as const);
  const guilloche = rng.chance(0.8);
  return {
    palette, ...PALETTES[palette], guilloche,
    rosettes: rng.chance(0.6) || !guilloche, microText: rng.chance(0.7), lattice: rng.chance(0.3),
  };
};

/** Draws the tint over the whole canvas (`w`×`h` pixels). */
export const drawTint = (ctx: SKRSContext2D, w: number, h: number, templateId: string, issuerWord: string, fontFamily: string): TintStyle => {
  const style = tintStyleFor(templateId);
  const rng = seededRandom(hashString(templateId, 7));
  const px = w / 1000;
  ctx.fillStyle = style.paper;
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = style.line;
  ctx.lineWidth = Math.max(0.8, px * 0.9);
  if (style.guilloche) {
    const bands = rng.int(3, 6);
    const lambda = w * rng.float(0.08, 0.2);
    for (let b = 0; b < bands; b++) {
      const y0 = (h * (b + 0.5)) / bands;
      const amp = (h / bands) * rng.float(0.15, 0.35);
      for (let k = 0; k < 14; k++) {
        const phase = (k / 14) * Math.PI * 2;
        ctx.beginPath();
        for (let x = 0; x <= w; x += Math.max(2, px * 3)) {
          const y = y0 + amp * Math.sin((2 * Math.PI * x) / lambda + phase) * Math.cos((Math.PI * x) / (lambda * 3) + k * 0.2);
          if (x === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.stroke();
      }
    }
  }
  if (style.rosettes) {
    const cell = w * rng.float(0.12, 0.2);
    const R = cell * 0.4;
    const r = R * rng.float(0.25, 0.4);
    const d = R * rng.float(0.4, 0.8);
    for (let cy = cell / 2; cy < h; cy += cell) {
      for (let cx = cell / 2; cx < w; cx += cell) {
        ctx.beginPath();
        for (let t = 0; t <= Math.PI * 2 * 10; t += 0.05) {
          const x = cx + ((R - r) * Math.cos(t) + d * Math.cos(((R - r) / r) * t)) * 0.6;
          const y = cy + ((R - r) * Math.sin(t) - d * Math.sin(((R - r) / r) * t)) * 0.6;
          if (t === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.stroke();
      }
    }
  }
  if (style.lattice) {
    const step = w * 0.02;
    ctx.beginPath();
    for (let s = -h; s < w; s += step) {
      ctx.moveTo(s, 0);
      ctx.lineTo(s + h, h);
    }
    ctx.stroke();
  }
  if (style.microText) {
    const size = Math.max(5, px * 7);
    ctx.fillStyle = style.text;
    ctx.font = `${size}px ${fontFamily}`;
    ctx.textBaseline = "top";
    const word = `${issuerWord}　`.repeat(40);
    for (let y = 0, row = 0; y < h; y += size * 2.2, row++) ctx.fillText(word, -(row % 4) * size * 1.5, y, w * 2);
  }
  return style;
};
