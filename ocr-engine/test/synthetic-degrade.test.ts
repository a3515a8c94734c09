import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { degrade } from "../src/synthetic/degrade.ts";

/** A small test page: white, a horizontal black bar across the middle, a black square top-left. */
const W = 400;
const H = 300;
const page = async (): Promise<Buffer> => {
  const data = Buffer.alloc(W * H * 3, 255);
  const paint = (x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.fill(v, (y * W + x) * 3, (y * W + x) * 3 + 3);
  };
  paint(40, 145, 360, 155, 0);
  paint(20, 20, 60, 60, 0);
  paint(300, 200, 380, 280, 128);
  return sharp(data, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
};

const gray = async (img: Buffer) => {
  const { data, info } = await sharp(img).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, at: (x: number, y: number) => data[y * info.width + x]! };
};

const identity = { rotationDeg: 0, scale: 1, shiftPx: { x: 0, y: 0 }, blurSigma: 0, noiseSigma: 0, jpegQuality: null } as const;

describe("degrade", () => {
  it("is deterministic and returns the parameters it applied, drawn within the stated bounds", async () => {
    const png = await page();
    const a = (await degrade(png, { seed: 42 }))._unsafeUnwrap();
    const b = (await degrade(png, { seed: 42 }))._unsafeUnwrap();
    expect(Buffer.compare(a.image, b.image)).toBe(0);
    expect(a.params).toEqual(b.params);
    for (let seed = 0; seed < 12; seed++) {
      const { params: p, width, height, format, image } = (await degrade(png, { seed }))._unsafeUnwrap();
      expect(Math.abs(p.rotationDeg)).toBeLessThanOrEqual(3);
      expect(p.scale).toBeGreaterThanOrEqual(0.95);
      expect(p.scale).toBeLessThanOrEqual(1.05);
      expect(Math.abs(p.shiftPx.x)).toBeLessThanOrEqual(20);
      expect(Math.abs(p.shiftPx.y)).toBeLessThanOrEqual(20);
      expect(p.blurSigma === 0 || (p.blurSigma >= 0.3 && p.blurSigma <= 1.2)).toBe(true);
      expect(p.jpegQuality).not.toBeNull();
      // The output size follows the scale, and the bytes are a JPEG of that size.
      expect(width).toBe(Math.round(W * p.scale));
      expect(height).toBe(Math.round(H * p.scale));
      expect(format).toBe("jpeg");
      const meta = await sharp(image).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", width, height]);
    }
  });

  it("with every parameter neutral and PNG output, returns the page unchanged", async () => {
    const png = await page();
    const out = (await degrade(png, { seed: 1, ...identity }))._unsafeUnwrap();
    const [a, b] = await Promise.all([gray(png), gray(out.image)]);
    expect([b.width, b.height]).toEqual([W, H]);
    expect(Buffer.compare(a.data, b.data)).toBe(0);
  });

  it("shifts the content by exactly shiftPx", async () => {
    const png = await page();
    const out = (await degrade(png, { seed: 1, ...identity, shiftPx: { x: 15, y: -7 } }))._unsafeUnwrap();
    const [a, b] = await Promise.all([gray(png), gray(out.image)]);
    for (let y = 20; y < H - 20; y += 3) for (let x = 20; x < W - 20; x += 3) expect(b.at(x + 15, y - 7)).toBe(a.at(x, y));
  });

  it("rotates the content (the bar slopes by tan θ) on a white background", async () => {
    const png = await page();
    const out = (await degrade(png, { seed: 1, ...identity, rotationDeg: 3 }))._unsafeUnwrap();
    const g = await gray(out.image);
    const barCentre = (x: number) => {
      let sum = 0;
      let n = 0;
      for (let y = 0; y < g.height; y++) if (g.at(x, y) < 100) (sum += y), n++;
      return sum / n;
    };
    const slope = (barCentre(320) - barCentre(80)) / 240;
    expect(slope).toBeCloseTo(Math.tan((3 * Math.PI) / 180), 2);
    // The corners uncovered by the rotation are white, not black.
    expect(g.at(1, g.height - 2)).toBeGreaterThan(240);
  });

  it("scales the content with the page", async () => {
    const png = await page();
    const out = (await degrade(png, { seed: 1, ...identity, scale: 0.95 }))._unsafeUnwrap();
    const g = await gray(out.image);
    expect([g.width, g.height]).toEqual([Math.round(W * 0.95), Math.round(H * 0.95)]);
    let barLength = 0;
    const row = Math.round(g.height / 2);
    for (let x = 0; x < g.width; x++) if (g.at(x, row) < 100) barLength++;
    expect(Math.abs(barLength - 320 * 0.95)).toBeLessThanOrEqual(2);
  });

  it("adds gaussian noise of the requested sigma and blurs edges", async () => {
    const png = await page();
    const noisy = await sharp((await degrade(png, { seed: 3, ...identity, noiseSigma: 10 }))._unsafeUnwrap().image).raw().toBuffer({ resolveWithObject: true });
    // Noise is per channel (as sensor noise is): measure one channel over the flat grey square.
    const values: number[] = [];
    for (let y = 210; y < 270; y++) for (let x = 310; x < 370; x++) values.push(noisy.data[(y * noisy.info.width + x) * noisy.info.channels]!);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeGreaterThan(124);
    expect(mean).toBeLessThan(132);
    expect(sd).toBeGreaterThan(8);
    expect(sd).toBeLessThan(12);
    const blurred = await gray((await degrade(png, { seed: 3, ...identity, blurSigma: 2 }))._unsafeUnwrap().image);
    // Just above the bar the sharp edge (white) becomes grey.
    expect(blurred.at(200, 143)).toBeLessThan(230);
    expect(blurred.at(200, 143)).toBeGreaterThan(20);
  });

  it("rejects parameters outside the bounds as a value, without touching the image", async () => {
    const png = await page();
    for (const bad of [{ rotationDeg: 4 }, { scale: 1.2 }, { jpegQuality: 5 }, { noiseSigma: -1 }]) {
      const r = await degrade(png, { seed: 1, ...bad });
      expect(r.isErr() && r.error.reason).toBe("invalid-options");
    }
    const broken = await degrade(Buffer.from("not an image"), { seed: 1 });
    expect(broken.isErr() && broken.error.reason).toBe("image-failed");
  });
});
