/**
 * Test images for the pipeline tests, rendered here so that the tests need no other engineer's
 * generator: Japanese text in an IPA font, black on a pale tinted background with a red seal, plus
 * four corner markers whose positions are known (for alignment residuals).
 */
import { GlobalFonts, createCanvas } from "@napi-rs/canvas";
import type { RgbaRaster } from "../src/pipeline/raster.ts";

const FONT_PATHS = ["/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"];
let fontFamily: string | null = null;

/** Registers an IPA明朝 font once and returns its family name. */
export const japaneseFont = (): string => {
  if (fontFamily !== null) return fontFamily;
  for (const path of FONT_PATHS) {
    if (GlobalFonts.registerFromPath(path, "TestMincho") !== null) {
      fontFamily = "TestMincho";
      return fontFamily;
    }
  }
  throw new Error("no IPA Mincho font installed (fonts-ipaexfont-mincho)");
};

/** A text line to draw, in pixels. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/** A rendered test page: RGBA raster, PNG bytes, and where the corner markers' centres are. */
export interface TestPage {
  readonly raster: RgbaRaster;
  readonly png: Uint8Array;
  readonly markers: readonly { readonly x: number; readonly y: number }[];
}

/**
 * Renders a page `width` × `height`: pale blue/green tint waves and rosettes, a red seal, a frame with
 * ruled rows, corner markers and the given text lines in black.
 */
export const renderPage = (width: number, height: number, lines: readonly TextLine[], options: { readonly tint?: boolean } = {}): TestPage => {
  const family = japaneseFont();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  if (options.tint !== false) {
    ctx.fillStyle = "#dcecf8";
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2;
    for (let k = 0; k < height; k += 14) {
      ctx.strokeStyle = k % 28 === 0 ? "#a9cfe9" : "#b5e0c4";
      ctx.beginPath();
      for (let x = 0; x <= width; x += 6) ctx.lineTo(x, k + 6 * Math.sin(x / 23 + k));
      ctx.stroke();
    }
    ctx.strokeStyle = "#9fc3e4";
    for (let cx = 60; cx < width; cx += 160) {
      for (let cy = 60; cy < height; cy += 160) {
        for (let r = 8; r < 50; r += 8) {
          ctx.beginPath();
          ctx.arc(cx, cy, r, 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
    }
    ctx.strokeStyle = "#e8554e";
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.arc(width - 120, height - 120, 60, 0, 2 * Math.PI);
    ctx.stroke();
  }
  // Frame and ruled rows: structure that ORB can match between a blank and a filled form.
  ctx.strokeStyle = "#000000";
  ctx.lineWidth = 2;
  ctx.strokeRect(40, 40, width - 80, height - 80);
  for (let y = 120; y < height - 60; y += 90) {
    ctx.beginPath();
    ctx.moveTo(40, y);
    ctx.lineTo(width - 40, y);
    ctx.stroke();
  }
  const markers = [
    { x: 70, y: 70 },
    { x: width - 70, y: 70 },
    { x: 70, y: height - 70 },
    { x: width - 70, y: height - 70 },
  ];
  ctx.fillStyle = "#000000";
  for (const m of markers) {
    ctx.fillRect(m.x - 12, m.y - 12, 24, 24);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(m.x - 5, m.y - 5, 10, 10);
    ctx.fillStyle = "#000000";
  }
  ctx.textBaseline = "top";
  for (const line of lines) {
    ctx.font = `${line.size}px ${family}`;
    ctx.fillText(line.text, line.x, line.y);
  }
  const raw = canvas.data();
  const data = new Uint8Array(width * height * 4);
  data.set(raw.subarray(0, data.length));
  return { raster: { width, height, data }, png: new Uint8Array(canvas.toBuffer("image/png")), markers };
};
