import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram, lightMean, otsuThreshold } from "../src/pipeline/otsu.ts";
import { valueChannel } from "../src/pipeline/raster.ts";
import { removeTint } from "../src/pipeline/remove-tint.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const lines = [{ text: "昭和五十年三月四日", x: 100, y: 140, size: 40 }];
const tinted = renderPage(640, 480, lines);
const clean = renderPage(640, 480, lines, { tint: false });

describe("otsuThreshold", () => {
  it("splits any two well-separated grey levels between them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 140, max: 255 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (dark, light, nd, nl) => {
        const h = new Uint32Array(256);
        h[dark] = nd;
        h[light] = nl;
        const t = otsuThreshold(h);
        expect(t).toBeGreaterThanOrEqual(dark);
        expect(t).toBeLessThan(light);
      }),
    );
  });

  it("returns 0 for an empty histogram", () => {
    expect(otsuThreshold(new Uint32Array(256))).toBe(0);
  });
});

describe("removeTint", () => {
  it("v-otsu: tint and the red seal become white, ink stays black", () => {
    const { image, threshold } = removeTint(tinted.raster, "v-otsu");
    expect(threshold).not.toBeNull();
    // Compare with the same page rendered without tint: where the clean page is white paper, the
    // tinted page must come out white too (tint, rosettes, seal), and the ink must stay black.
    let paper = 0;
    let paperWhite = 0;
    let ink = 0;
    let inkBlack = 0;
    for (let i = 0; i < image.data.length; i++) {
      const j = i * 4;
      const v = Math.max(clean.raster.data[j]!, clean.raster.data[j + 1]!, clean.raster.data[j + 2]!);
      if (v === 255) {
        paper++;
        if (image.data[i] === 255) paperWhite++;
      } else if (v < 40) {
        ink++;
        if (image.data[i] === 0) inkBlack++;
      }
    }
    expect(ink).toBeGreaterThan(1000);
    expect(paperWhite / paper).toBeGreaterThan(0.999);
    expect(inkBlack / ink).toBeGreaterThan(0.99);
  });

  it("moves the threshold from Otsu's level towards the paper by inkBias, keeping thin anti-aliased strokes", () => {
    const hist = histogram(valueChannel(tinted.raster));
    const otsu = otsuThreshold(hist);
    expect(removeTint(tinted.raster, "v-otsu", 0).threshold).toBe(otsu);
    const biased = removeTint(tinted.raster, "v-otsu").threshold!;
    expect(biased).toBe(Math.round(otsu + 0.3 * (lightMean(hist, otsu) - otsu)));
    expect(biased).toBeGreaterThan(otsu);
    // More ink survives at the biased level: the grey edge pixels of strokes.
    const dark = (bias: number) => removeTint(tinted.raster, "v-otsu", bias).image.data.filter((v) => v === 0).length;
    expect(dark(0.3)).toBeGreaterThan(dark(0));
  });

  it("gray-otsu binarises on luma; none returns luma unchanged in size without thresholding", () => {
    const grey = removeTint(tinted.raster, "gray-otsu");
    expect(new Set(grey.image.data)).toEqual(new Set([0, 255]));
    const none = removeTint(tinted.raster, "none");
    expect(none.threshold).toBeNull();
    expect(none.image.data.length).toBe(640 * 480);
    expect(new Set(none.image.data).size).toBeGreaterThan(2);
  });
});
