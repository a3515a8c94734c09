import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Region, Template } from "../src/templates/template.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import { degrade } from "../src/synthetic/degrade.ts";
import { fakeValuesFor } from "../src/synthetic/fake-values.ts";
import { loadSyntheticFonts } from "../src/synthetic/fonts.ts";
import { generateTenshutsuLayouts } from "../src/synthetic/layout-families.ts";
import { renderDocument } from "../src/synthetic/render-document.ts";

interface Raster { readonly data: Buffer; readonly width: number; readonly height: number; readonly channels: number }

const decode = async (png: Buffer): Promise<Raster> => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
};

const pixel = (r: Raster, x: number, y: number) => {
  const i = (y * r.width + x) * r.channels;
  return [r.data[i]!, r.data[i + 1]!, r.data[i + 2]!] as const;
};
const V = (p: readonly [number, number, number]) => Math.max(p[0], p[1], p[2]);

/** Otsu's threshold over V = max(R,G,B): the tint-removal rule the engine uses, written out small. */
const otsuV = (r: Raster): number => {
  const hist = new Array<number>(256).fill(0);
  for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) hist[V(pixel(r, x, y))]!++;
  const total = r.width * r.height;
  let sumAll = 0;
  hist.forEach((n, v) => (sumAll += n * v));
  let best = 0;
  let bestVar = -1;
  let wB = 0;
  let sumB = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0 || wB === total) continue;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / (total - wB);
    const between = wB * (total - wB) * (mB - mF) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
};

const box = (reg: Region, r: Raster, grow = 0) => ({
  x0: Math.max(0, Math.floor((reg.x - grow) * r.width)),
  y0: Math.max(0, Math.floor((reg.y - grow) * r.height)),
  x1: Math.min(r.width, Math.ceil((reg.x + reg.width + grow) * r.width)),
  y1: Math.min(r.height, Math.ceil((reg.y + reg.height + grow) * r.height)),
});

const countIn = (r: Raster, reg: Region, test: (p: readonly [number, number, number]) => boolean) => {
  const b = box(reg, r);
  let n = 0;
  for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) if (test(pixel(r, x, y))) n++;
  return n;
};

/** Drawn value regions of a rendered page (top-level fields and the rows actually drawn). */
const drawnRegions = (t: Template, truth: { fields: Record<string, string>; groups: Record<string, readonly Record<string, string>[]> }) => [
  ...t.fields.filter((f) => truth.fields[f.key] !== undefined).map((f) => ({ key: f.key, region: f.region })),
  ...t.repeatGroups.flatMap((g) =>
    (truth.groups[g.key] ?? []).flatMap((row, i) =>
      g.fields.filter((f) => row[f.key] !== undefined).map((f) => ({
        key: `${f.key}#${i}`,
        region: { ...f.region, x: f.region.x + i * g.step.dx, y: f.region.y + i * g.step.dy },
      })),
    ),
  ),
];

/** Everything printed on purpose (labels, every row's cells with their rules, the seal), grown a little; the rest is tint. */
const printedMask = (t: Template, seal: Region | null, r: Raster): Uint8Array => {
  const mask = new Uint8Array(r.width * r.height);
  const printed = [
    ...t.anchors.map((a) => a.region),
    ...t.fields.map((f) => f.region),
    ...t.repeatGroups.flatMap((g) => Array.from({ length: g.maxCount }, (_, i) => g.fields.map((f) => ({ ...f.region, x: f.region.x + i * g.step.dx, y: f.region.y + i * g.step.dy })))).flat(),
    ...(seal === null ? [] : [seal]),
  ];
  for (const reg of printed) {
    const b = box(reg, r, 0.012);
    for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) mask[y * r.width + x] = 1;
  }
  return mask;
};

const [template] = generateTenshutsuLayouts(11, 1);
if (template === undefined) throw new Error("no layout");
const values = fakeValuesFor(template, 4);

describe("renderDocument", () => {
  it("is deterministic: same template, values and seed give identical PNG bytes", () => {
    const a = renderDocument(template, values, { dpi: 100, seed: 1 })._unsafeUnwrap();
    const b = renderDocument(template, values, { dpi: 100, seed: 1 })._unsafeUnwrap();
    expect(Buffer.compare(a.png, b.png)).toBe(0);
    const c = renderDocument(template, values, { dpi: 100, seed: 2 })._unsafeUnwrap();
    expect(Buffer.compare(a.png, c.png)).not.toBe(0);
  });

  it("rejects options out of range as a value", () => {
    const r = renderDocument(template, values, { dpi: 5, seed: 1 });
    expect(r.isErr() && r.error.reason).toBe("invalid-options");
  });

  it("returns as truth exactly the values drawn, at the page size of the dpi", () => {
    const page = renderDocument(template, values, { dpi: 120, seed: 3 })._unsafeUnwrap();
    expect(page.width).toBe(Math.round((210 / 25.4) * 120));
    expect(page.height).toBe(Math.round((297 / 25.4) * 120));
    expect(page.truth.fields).toEqual(values.fields);
    expect(page.truth.groups["members"]).toEqual(values.groups["members"]);
    expect(Object.keys(page.truth.fields)).toHaveLength(6);
    expect((page.truth.groups["members"] ?? []).length).toBeGreaterThanOrEqual(1);
  });

  it("puts dark ink in every field region, keeps the rest light, and V-Otsu leaves the tint white and the text dark", async () => {
    const page = renderDocument(template, values, { dpi: 120, seed: 3 })._unsafeUnwrap();
    const r = await decode(page.png);
    const regions = drawnRegions(template, page.truth);
    for (const { key, region } of regions) {
      const dark = countIn(r, region, (p) => V(p) < 100);
      const b = box(region, r);
      // Real ink, not a stray rule: a twentieth of one character cell (男 in thin mincho is ~0.1).
      expect(dark, key).toBeGreaterThan(0.05 * (b.y1 - b.y0) ** 2);
    }
    const mask = printedMask(template, page.seal, r);
    const threshold = otsuV(r);
    expect(threshold).toBeGreaterThan(60);
    expect(threshold).toBeLessThan(200);
    let background = 0;
    let tinted = 0;
    let darkBackground = 0;
    let blackAfterOtsu = 0;
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        if (mask[y * r.width + x] === 1) continue;
        const p = pixel(r, x, y);
        background++;
        if (Math.min(...p) < 235) tinted++;
        if (V(p) < 100) darkBackground++;
        if (V(p) <= threshold) blackAfterOtsu++;
      }
    }
    // The tint is really there (not plain white paper) ...
    expect(tinted / background).toBeGreaterThan(0.02);
    // ... the unprinted area is light ...
    expect(darkBackground / background).toBeLessThan(0.002);
    // ... and V-Otsu turns the tint white while the values stay dark.
    expect(blackAfterOtsu / background).toBeLessThan(0.002);
    for (const { key, region } of regions) expect(countIn(r, region, (p) => V(p) <= threshold), key).toBeGreaterThan(10);
  });

  it("stays separable by V-Otsu after scanner noise, blur and JPEG (geometry kept so regions still apply)", async () => {
    const page = renderDocument(template, values, { dpi: 120, seed: 3 })._unsafeUnwrap();
    const scan = (await degrade(page.png, { seed: 9, rotationDeg: 0, scale: 1, shiftPx: { x: 0, y: 0 }, blurSigma: 0.8, noiseSigma: 10, jpegQuality: 75 }))._unsafeUnwrap();
    const r = await decode(scan.image);
    const threshold = otsuV(r);
    const regions = drawnRegions(template, page.truth);
    const mask = printedMask(template, page.seal, r);
    let background = 0;
    let black = 0;
    for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) {
      if (mask[y * r.width + x] === 1) continue;
      background++;
      if (V(pixel(r, x, y)) <= threshold) black++;
    }
    expect(black / background).toBeLessThan(0.002);
    for (const { key, region } of regions) expect(countIn(r, region, (p) => V(p) <= threshold), key).toBeGreaterThan(10);
  });

  it("stamps a red seal (R high, G and B low) that V-Otsu removes", async () => {
    const page = renderDocument(template, values, { dpi: 120, seed: 5 })._unsafeUnwrap();
    expect(page.seal).not.toBeNull();
    const r = await decode(page.png);
    const seal = page.seal!;
    const b = box(seal, r);
    const area = (b.x1 - b.x0) * (b.y1 - b.y0);
    const red = countIn(r, seal, ([R, G, B]) => R > 180 && G < 110 && B < 120);
    expect(red).toBeGreaterThan(0.08 * area);
    // Red ink has a high V: only what is black under the seal (the issuer line) survives the threshold.
    const threshold = otsuV(r);
    expect(countIn(r, seal, ([R, G, B]) => R > 180 && G < 110 && B < 120 && Math.max(R, G, B) <= threshold)).toBe(0);
  });

  it("with tint: false and seal: false prints on white paper with no red (a blank form for a reference image)", async () => {
    const blank = renderDocument(template, { fields: {}, groups: {} }, { dpi: 100, seed: 3, tint: false, seal: false })._unsafeUnwrap();
    expect([blank.tint, blank.seal]).toEqual([null, null]);
    const r = await decode(blank.png);
    let paper = 0;
    let red = 0;
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        const [R, G, B] = pixel(r, x, y);
        if (R === 255 && G === 255 && B === 255) paper++;
        if (R > 150 && G < 100 && B < 100) red++;
      }
    }
    expect(paper / (r.width * r.height)).toBeGreaterThan(0.8);
    expect(red).toBe(0);
    // The default still draws tint and seal.
    const tinted = renderDocument(template, { fields: {}, groups: {} }, { dpi: 100, seed: 3 })._unsafeUnwrap();
    expect(tinted.tint).not.toBeNull();
    expect(tinted.seal).not.toBeNull();
  });

  it("renders every shipped template (cards, 戸籍, 情報確認書) with a value in every field", async () => {
    const templates = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) {
      const v = fakeValuesFor(t, 8);
      // Cards are small: render them at a scanner's card resolution, pages at the quick test one.
      const page = renderDocument(t, v, { dpi: t.page.widthMm < 120 ? 300 : 100, seed: 8 })._unsafeUnwrap();
      expect(Object.keys(page.truth.fields).sort(), t.id).toEqual(t.fields.map((f) => f.key).sort());
      for (const f of t.fields) expect(page.truth.fields[f.key], `${t.id} ${f.key}`).not.toBe("");
      const r = await decode(page.png);
      for (const { key, region } of drawnRegions(t, page.truth)) {
        expect(countIn(r, region, (p) => V(p) < 110), `${t.id} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("prints a long value of a block field (PSM 6: the マイナンバーカード's two-line address box) on two lines, not one shrunk line", async () => {
    const templates = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
    const card = templates.find((t) => t.kind === "mynumber-card");
    const field = card?.fields.find((f) => f.key === "person.address");
    if (card === undefined || field === undefined) throw new Error("no マイナンバーカード address");
    expect(field.hints.psm).toBe(6);
    /** The runs of inked rows in the address region of the card with `address` printed on plain paper. */
    const inkBands = async (address: string) => {
      const page = renderDocument(card, { fields: { "person.address": address }, groups: {} }, { dpi: 300, seed: 1, tint: false })._unsafeUnwrap();
      const r = await decode(page.png);
      const b = box(field.region, r);
      const bands: { from: number; to: number }[] = [];
      for (let y = b.y0; y < b.y1; y++) {
        let inked = false;
        for (let x = b.x0; x < b.x1 && !inked; x++) inked = V(pixel(r, x, y)) < 110;
        const last = bands.at(-1);
        if (inked && last !== undefined && last.to === y - 1) last.to = y;
        else if (inked) bands.push({ from: y, to: y });
      }
      return bands.map((band) => band.to - band.from + 1);
    };
    // A short address fits on one line at full size.
    expect(await inkBands("みほん県みほん市中央1-2-3")).toHaveLength(1);
    // A 37-character one goes onto more lines (here three) …
    const lines = await inkBands("ためし県ひがしみほん市緑ケ丘三丁目二十六番十一号　メゾン見本308号室");
    expect(lines.length).toBeGreaterThan(1);
    // … each taller than the one shrunk line that had to hold it all (~1.2 mm, ~14 px at 300 dpi).
    for (const height of lines) expect(height).toBeGreaterThan(20);
    // A shorter one with a building breaks before the building (方書 on its own line, as cards print it).
    expect(await inkBands("みほん県みほん市中央一丁目2番3号　コーポ101号室")).toHaveLength(2);
  });

  it("fails with an error naming the Debian font packages when no mincho font exists", () => {
    const r = loadSyntheticFonts({ mincho: [["/nonexistent/ipamjm.ttf", "Nope"]], gothic: [] });
    expect(r.isErr() && r.error.reason).toBe("font-missing");
    expect(r.isErr() && r.error.message).toContain("fonts-ipamj-mincho");
    expect(r.isErr() && r.error.message).toContain("fonts-ipaexfont-mincho");
  });

  it("uses IPAmj明朝 when installed, so 𠮷 is a real glyph", async () => {
    const fonts = loadSyntheticFonts()._unsafeUnwrap();
    const { createCanvas } = await import("@napi-rs/canvas");
    const draw = (s: string) => {
      const c = createCanvas(64, 64);
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, 64, 64);
      ctx.fillStyle = "#000";
      ctx.font = `48px ${fonts.mincho}`;
      ctx.fillText(s, 8, 52);
      return Buffer.from(ctx.getImageData(0, 0, 64, 64).data);
    };
    if (!fonts.hasIpamj) return expect(fonts.mincho).not.toContain("SynthMjMincho");
    // 𠮷 (U+20BB7) and 吉 differ in IPAmj; a missing glyph would draw the same box as another missing one.
    expect(Buffer.compare(draw("𠮷"), draw("吉"))).not.toBe(0);
    expect(Buffer.compare(draw("𠮷"), draw("\u{10FFFD}"))).not.toBe(0);
  });
});
