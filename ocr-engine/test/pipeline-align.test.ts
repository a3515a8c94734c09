import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { alignToReference, applyHomography, estimateAlignment, type AlignmentFit } from "../src/pipeline/align.ts";
import { renderDocument } from "../src/synthetic/render-document.ts";
import { synthesizeScan } from "../src/synthetic/synthesize-scan.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import { decodeImage } from "../src/pipeline/decode-image.ts";
import type { RgbaRaster } from "../src/pipeline/raster.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const W = 1000;
const H = 1400;
const LABELS = ["氏名", "住所", "生年月日", "転出先", "世帯主", "続柄", "本籍", "筆頭者", "転出予定日", "住民票コード", "国民健康保険", "介護保険", "備考"];
const VALUES = ["山田太郎", "東京都千代田区一丁目二番三号", "昭和五十年三月四日", "大阪府大阪市北区", "山田太郎", "世帯主", "東京都千代田区", "山田一郎", "令和八年十二月一日", "12345678901", "加入", "非該当", "なし"];
// One labelled row per ruled band (bands every 90 px from y = 120), as on a real certificate.
const lines = LABELS.map((label, i) => ({ text: `${label}　${VALUES[i]!}`, x: 80, y: 140 + 90 * i, size: 34 }));
const reference = renderPage(W, H, [{ text: "転出証明書", x: 380, y: 60, size: 40 }, ...lines.map((l) => ({ ...l, text: l.text.split("　")[0]! }))]);
const filled = renderPage(W, H, [{ text: "転出証明書", x: 380, y: 60, size: 40 }, ...lines]);

/** Centroid of dark pixels in a small window: the corner markers are symmetric squares. */
const markerCentre = (img: RgbaRaster, cx: number, cy: number, r = 18) => {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = cy - r; y <= cy + r; y++) {
    for (let x = cx - r; x <= cx + r; x++) {
      const j = (y * img.width + x) * 4;
      if (Math.max(img.data[j]!, img.data[j + 1]!, img.data[j + 2]!) < 100) {
        sx += x + 0.5; // pixel centres
        sy += y + 0.5;
        n++;
      }
    }
  }
  return { x: sx / n, y: sy / n, n };
};

/** A scanner's distortion: rotation, scale and a shift on white, then JPEG. */
const degrade = async (page: RgbaRaster, angle: number, scale: number): Promise<RgbaRaster> => {
  const bytes = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } })
    .rotate(angle, { background: "#ffffff" })
    .resize({ width: Math.round(page.width * scale) })
    .extend({ top: 37, left: 23, bottom: 5, right: 11, background: "#ffffff" })
    .jpeg({ quality: 85 })
    .toBuffer();
  return (await decodeImage(bytes))._unsafeUnwrap();
};

describe("alignToReference", () => {
  it("registers a rotated, scaled, shifted JPEG scan back onto the blank form within 1.5 px at the markers", async () => {
    const scan = await degrade(filled.raster, 2, 0.93);
    // Unaligned, the markers are far off: the test would notice an alignment that did nothing.
    const before = markerCentre(scan, reference.markers[3]!.x, reference.markers[3]!.y);
    expect(before.n === 0 || Math.hypot(before.x - reference.markers[3]!.x, before.y - reference.markers[3]!.y) > 5).toBe(true);
    const aligned = alignToReference(scan, reference.raster)._unsafeUnwrap();
    expect([aligned.image.width, aligned.image.height]).toEqual([W, H]);
    expect(aligned.fit.inliers).toBeGreaterThanOrEqual(25);
    // sharp's rotate grows the canvas before the resize: the page itself shrinks by 0.93 × W / (grown width).
    const rad = (2 * Math.PI) / 180;
    const pageScale = (0.93 * W) / Math.ceil(W * Math.cos(rad) + H * Math.sin(rad));
    expect(aligned.fit.scaleX).toBeCloseTo(1 / pageScale, 1);
    for (const m of reference.markers) {
      const c = markerCentre(aligned.image, m.x, m.y);
      expect(c.n).toBeGreaterThan(100);
      expect(Math.hypot(c.x - m.x, c.y - m.y)).toBeLessThan(1.5);
    }
  });

  it("rejects a fit whose scale is outside the accepted range, with the reason and the fit", async () => {
    // The page shrunk to 80 % inside a scan of the full size (a document lying in a corner of the glass).
    const small = await sharp(filled.raster.data, { raw: { width: W, height: H, channels: 4 } }).resize({ width: Math.round(W * 0.8) }).toBuffer({ resolveWithObject: true });
    const scan = (
      await decodeImage(
        await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 4 } })
          .extend({ top: 0, left: 0, right: W - small.info.width, bottom: H - small.info.height, background: "#ffffff" })
          .png()
          .toBuffer(),
      )
    )._unsafeUnwrap();
    const e = alignToReference(scan, reference.raster, { maxScale: 1.05 })._unsafeUnwrapErr();
    expect(e).toMatchObject({ _tag: "OcrError", reason: "alignment_failed", operation: "align" });
    expect(e.rejection?.rejection).toBe("scale_out_of_range");
    expect(e.rejection?.fit?.scaleX).toBeGreaterThan(1.2);
  });

  it("judges the scale relative to the images' sizes: the same page scanned at another resolution is accepted", async () => {
    // Half the reference's resolution: pixel scale ~2, relative scale ~1 (the dpi of a scan is not known).
    const scan = await degrade(filled.raster, 1, 0.5);
    const aligned = alignToReference(scan, reference.raster);
    expect(aligned.isOk() ? "ok" : aligned.error.message).toBe("ok");
    expect(aligned._unsafeUnwrap().fit.scaleX).toBeGreaterThan(1.8);
  });

  it("rejects a scan of something else (too few matches or inliers), never a silent warp", () => {
    const other = renderPage(W, H, [], { tint: false });
    // Noise without structure: a different document entirely.
    const noise = new Uint8Array(W * H * 4);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = i % 4 === 3 ? 255 : seed & 0xff;
    }
    const e = alignToReference({ width: W, height: H, data: noise }, other.raster)._unsafeUnwrapErr();
    expect(e.reason).toBe("alignment_failed");
    expect(["too_few_matches", "too_few_inliers", "no_homography", "scale_out_of_range", "shear", "perspective"]).toContain(e.rejection?.rejection);
  });
});

describe("estimateAlignment on synthetic scans, against the generator's known transform", () => {
  const templates = async () => (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
  /** The scan, the blank reference, and the farthest any of five points (corners inset by 8 %, centre) lands from where the generator put it. */
  const page = async (id: string, seed: number, dpi: number) => {
    const template = (await templates()).find((t) => t.id === id)!;
    const blank = renderDocument(template, { fields: {}, groups: {} }, { dpi, seed: Math.floor(seed / 1000) })._unsafeUnwrap();
    const synth = (await synthesizeScan(template, { seed, dpi }))._unsafeUnwrap();
    const scan = (await decodeImage(new Uint8Array(synth.scan!.image)))._unsafeUnwrap();
    const ref = (await decodeImage(new Uint8Array(blank.png)))._unsafeUnwrap();
    // degrade(): rotate about the centre (clockwise), scale, then shift the content by shiftPx; this is its inverse.
    const p = synth.scan!.params;
    const t = (p.rotationDeg * Math.PI) / 180;
    const truth = (x: number, y: number) => {
      const dx = (x - scan.width / 2 - p.shiftPx.x) / p.scale;
      const dy = (y - scan.height / 2 - p.shiftPx.y) / p.scale;
      return { x: ref.width / 2 + dx * Math.cos(t) + dy * Math.sin(t), y: ref.height / 2 - dx * Math.sin(t) + dy * Math.cos(t) };
    };
    const points = [[0.08, 0.08], [0.92, 0.08], [0.08, 0.92], [0.92, 0.92], [0.5, 0.5]].map(([u, v]) => [u! * scan.width, v! * scan.height] as const);
    const offBy = (fit: AlignmentFit) =>
      Math.max(...points.map(([x, y]) => Math.hypot(applyHomography(fit.homography, x, y).x - truth(x, y).x, applyHomography(fit.homography, x, y).y - truth(x, y).y)));
    return { scan, ref, offBy };
  };

  it("an affine fit lands a 200 dpi residence card within 1.5 px, where the homography of the same matches is 4 px off or more", async () => {
    const { scan, ref, offBy } = await page("zairyu-card/*/v1", 61450, 200);
    expect(offBy(estimateAlignment(scan, ref, { model: "affine" })._unsafeUnwrap())).toBeLessThan(1.5);
    const fit = estimateAlignment(scan, ref)._unsafeUnwrap();
    expect(fit.model).toBe("homography"); // the default keeps the homography: it reads better (see homographyElseAffine)
    expect(offBy(fit)).toBeGreaterThan(4);
  }, 60_000);

  it("fits a 戸籍附票 of many blank ruled rows by the affine fit when the homography is rejected (bench seed 60)", async () => {
    const { scan, ref, offBy } = await page("koseki-fuhyo/131016/v1", 60000, 200);
    expect(estimateAlignment(scan, ref, { model: "homography" })._unsafeUnwrapErr().rejection?.rejection).toBe("perspective");
    const fit = estimateAlignment(scan, ref)._unsafeUnwrap();
    expect(fit.model).toBe("affine");
    // Within 2 mm at 200 dpi: ambiguous matches of the blank rows still move the foot of this page most.
    expect(offBy(fit)).toBeLessThan(16);
  }, 60_000);
});
