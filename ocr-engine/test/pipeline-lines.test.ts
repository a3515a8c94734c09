import { createCanvas } from "@napi-rs/canvas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearBorderComponents, removeRuledLines } from "../src/pipeline/remove-lines.ts";
import type { GreyRaster } from "../src/pipeline/raster.ts";
import { japaneseFont } from "./pipeline-fixtures.ts";

/** A binarised crop of a table cell: its borders (1–3 px, slightly tilted) and optionally a value. */
const cell = (text: string | null, tilt = 0): { crop: GreyRaster; textInk: GreyRaster } => {
  const w = 420;
  const h = 110;
  const draw = (withBorders: boolean, withText: boolean) => {
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    ctx.strokeStyle = "#000";
    if (withBorders) {
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(0, 12);
      ctx.lineTo(w, 12 + tilt);
      ctx.moveTo(0, h - 12);
      ctx.lineTo(w, h - 12 + tilt);
      ctx.moveTo(10, 0);
      ctx.lineTo(10 + tilt, h);
      ctx.moveTo(w - 10, 0);
      ctx.lineTo(w - 10 + tilt, h);
      ctx.stroke();
    }
    if (withText && text !== null) {
      ctx.fillStyle = "#000";
      ctx.font = `60px ${japaneseFont()}`;
      ctx.textBaseline = "middle";
      ctx.fillText(text, 40, h / 2);
    }
    const rgba = canvas.data();
    const data = new Uint8Array(w * h);
    for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]! < 160 ? 0 : 255;
    return { width: w, height: h, data };
  };
  return { crop: draw(true, true), textInk: draw(false, true) };
};

const inkCount = (g: GreyRaster) => g.data.filter((v) => v === 0).length;
const clean = (g: GreyRaster) => clearBorderComponents(removeRuledLines(g));

describe("removeRuledLines + clearBorderComponents", () => {
  // Tilts up to 2 px across a cell: what remains after alignment (residual ≤ 1.5 px). Steeper lines
  // leave fragments; that is a known limit of run-length removal.
  it("leaves an empty boxed cell blank, straight or tilted by the alignment residual, so an empty member row ends the list", () => {
    for (const tilt of [0, 1, 2]) {
      const { crop } = cell(null, tilt);
      expect(inkCount(crop)).toBeGreaterThan(1000);
      expect([tilt, inkCount(clean(crop))]).toEqual([tilt, 0]);
    }
  });

  it("keeps the text of a boxed cell: 一 and 二 included, whose strokes are long horizontal runs", () => {
    for (const text of ["田中　誠", "二丁目十一番", "世帯主"]) {
      const { crop, textInk } = cell(text, 2);
      const out = clean(crop);
      let kept = 0;
      for (let i = 0; i < out.data.length; i++) if (textInk.data[i] === 0 && out.data[i] === 0) kept++;
      expect(kept / inkCount(textInk)).toBeGreaterThan(0.97);
      // and nothing but text is left
      let stray = 0;
      for (let i = 0; i < out.data.length; i++) if (textInk.data[i] !== 0 && out.data[i] === 0) stray++;
      expect(stray).toBeLessThan(20);
    }
  });

  it("changes nothing in a crop of small blobs clear of the border", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 2, max: 90 }), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 6 })), { maxLength: 20 }), (blobs) => {
        const w = 100;
        const h = 40;
        const data = new Uint8Array(w * h).fill(255);
        for (const [x, y, s] of blobs) for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) data[(y + dy) * w + x + dx] = 0;
        const g = { width: w, height: h, data };
        expect(Array.from(clean(g).data)).toEqual(Array.from(data));
      }),
    );
  });
});
