import { describe, expect, it } from "vitest";
import { blankRegions, valueRegions } from "../src/authoring/draft-reference.ts";
import { rotateGreyBilinear, straightenSample } from "../src/authoring/straighten-sample.ts";
import { estimateSkew } from "../src/identify/skew.ts";
import type { GreyRaster } from "../src/pipeline/raster.ts";

/** A grey page with ruled lines and rows of short strokes (like text), 600 × 800. */
const formPage = (): GreyRaster => {
  const width = 600;
  const height = 800;
  const data = new Uint8Array(width * height).fill(235);
  for (let row = 60; row < 760; row += 40) {
    for (let x = 40; x < 560; x++) for (let t = 0; t < 2; t++) data[(row + t) * width + x] = 20;
    for (let x = 60; x < 540; x += 14) for (let y = row + 12; y < row + 28; y++) for (let t = 0; t < 7; t++) data[y * width + x + t] = 40;
  }
  return { width, height, data };
};

describe("straightening a sample before drafting", () => {
  it("measures the skew of a page scanned askew and returns it straight", () => {
    for (const deg of [2.5, -1.8]) {
      const askew = rotateGreyBilinear(formPage(), -deg); // rotating by −(−deg) tilts the page by deg
      const { page, skewDeg } = straightenSample(askew, "gray-otsu", 0);
      expect(Math.abs(skewDeg - deg), `measured ${skewDeg} for ${deg}`).toBeLessThanOrEqual(0.3);
      expect(Math.abs(estimateSkew(page))).toBeLessThanOrEqual(0.2);
    }
  });

  it("leaves a page that is already straight as it is (no resampling)", () => {
    const { page, skewDeg } = straightenSample(formPage(), "gray-otsu", 0);
    expect(skewDeg).toBe(0);
    expect(page.data.filter((v) => v === 0).length).toBeGreaterThan(0);
  });

  it("interpolates: a stroke keeps intermediate greys at its edges instead of nearest-neighbour stairs", () => {
    const rotated = rotateGreyBilinear(formPage(), 1.3);
    const levels = new Set(rotated.data);
    expect(levels.size).toBeGreaterThan(20);
    expect(rotated.width).toBe(600);
    expect(rotated.height).toBe(800);
  });
});

describe("the reference image of a draft", () => {
  it("blanks every value region of fields and of each repeat-group row, keeping a border", () => {
    const page: GreyRaster = { width: 100, height: 100, data: new Uint8Array(100 * 100).fill(0) };
    const template = {
      fields: [{ region: { x: 0.1, y: 0.1, width: 0.3, height: 0.1 } }],
      repeatGroups: [{ step: { dx: 0, dy: 0.2 }, maxCount: 2, fields: [{ region: { x: 0.5, y: 0.3, width: 0.2, height: 0.1 } }] }],
    } as never;
    const regions = valueRegions(template);
    expect(regions).toHaveLength(3);
    expect(regions[2]).toMatchObject({ x: 0.5, width: 0.2 });
    expect(regions[2]!.y).toBeCloseTo(0.5);
    const blank = blankRegions(page, regions);
    const at = (x: number, y: number) => blank.data[y * 100 + x];
    expect(at(25, 15)).toBe(255); // inside the field
    expect(at(60, 35)).toBe(255); // first row
    expect(at(60, 55)).toBe(255); // second row
    expect(at(10, 10)).toBe(0); // the field's border stays
    expect(at(90, 90)).toBe(0); // the form outside stays
  });
});
