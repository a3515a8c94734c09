import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcrEngine, type OcrEngine, type RawRecognition } from "../src/engine/index.ts";
import { postProcessDocument } from "../src/postprocess/post-process-document.ts";
import type { FieldType, Template, TemplateField } from "../src/templates/template.ts";
import { renderPage, type TextLine } from "./pipeline-fixtures.ts";

const W = 1000;
const H = 1400;
const band = (k: number) => 140 + 90 * k; // text top of ruled band k (bands every 90 px from y = 120)
const region = (x: number, k: number, width: number) => ({ x: x / W, y: (band(k) - 6) / H, width: width / W, height: 48 / H });

const field = (key: string, type: FieldType, x: number, k: number, width: number): TemplateField => ({
  key,
  label: { ja: key, en: key },
  region: region(x, k, width),
  type,
  hints: {},
  post: {},
  review: { minConfidence: 70, always: false },
  required: true,
});

const template: Template = {
  id: "test/tenshutsu/v1",
  kind: "tenshutsu-shomeisho",
  issuer: "131016",
  version: 1,
  name: { ja: "試験用転出証明書", en: "test moving-out certificate" },
  page: { widthMm: 210, heightMm: 297, dpi: 120 },
  referenceImage: "reference.png",
  tint: "v-otsu",
  anchors: [],
  fields: [
    field("address", "address", 290, 0, 660),
    field("birth", "date-wareki", 290, 1, 660),
    field("code", "number", 290, 2, 660),
    field("destination", "address", 290, 3, 660),
  ],
  repeatGroups: [
    {
      key: "members",
      step: { dx: 0, dy: 90 / H },
      maxCount: 4,
      presenceField: "member.name",
      fields: [field("member.name", "name", 290, 5, 300), field("member.relationship", "enum", 640, 5, 300)],
    },
  ],
};

const labels: TextLine[] = [
  { text: "転出証明書", x: 400, y: 60, size: 40 },
  ...["住所", "生年月日", "住民票コード", "転出先", "世帯員"].map((text, i) => ({ text, x: 60, y: band(i === 4 ? 4 : i), size: 30 })),
  ...[5, 6, 7, 8, 9, 10, 11].map((k) => ({ text: `${k - 4}`, x: 60, y: band(k), size: 30 })),
];
const values: TextLine[] = [
  { text: "東京都千代田区一丁目二番三号", x: 300, y: band(0), size: 36 },
  { text: "昭和五十年三月四日", x: 300, y: band(1), size: 36 },
  { text: "12345678901", x: 300, y: band(2), size: 36 },
  { text: "大阪府大阪市北区中之島", x: 300, y: band(3), size: 36 },
  { text: "山田太郎", x: 300, y: band(5), size: 36 },
  { text: "世帯主", x: 650, y: band(5), size: 36 },
  { text: "山田花子", x: 300, y: band(6), size: 36 },
  { text: "妻", x: 650, y: band(6), size: 36 },
];
const reference = renderPage(W, H, labels);
const filled = renderPage(W, H, [...labels, ...values]);

/** 1 − edit distance / length, ignoring the spaces tesseract's jpn model puts between words. */
const charAccuracy = (expected: string, actual: string): number => {
  const a = [...expected];
  const b = [...actual.replace(/\s+/g, "")];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[b.length]! / a.length;
};

describe("createOcrEngine", () => {
  let engine: OcrEngine<RawRecognition>;
  let scan: Uint8Array;

  beforeAll(async () => {
    // Scanner distortion: 1.5° rotation, 97 % scale, a shift, JPEG.
    scan = new Uint8Array(
      await sharp(filled.raster.data, { raw: { width: W, height: H, channels: 4 } })
        .rotate(1.5, { background: "#ffffff" })
        .resize({ width: Math.round(W * 0.97) })
        .extend({ top: 30, left: 18, background: "#ffffff" })
        .jpeg({ quality: 88 })
        .toBuffer(),
    );
    engine = (await createOcrEngine({ templates: [template], references: { [template.id]: reference.png }, workers: 2 }))._unsafeUnwrap();
  });
  afterAll(async () => {
    await engine.close();
  });

  it("decodes, aligns, removes the tint, crops and reads page fields and member rows up to the first empty row", async () => {
    const result = (await engine.recognize(scan, { templateId: template.id }))._unsafeUnwrap();
    expect(result.alignment).not.toBeNull();
    expect(result.page).toEqual({ width: W, height: H });
    const f = result.readings.fields;
    expect(f["code"]!.raw.replace(/\s/g, "")).toBe("12345678901");
    const members = result.readings.groups["members"]!;
    expect(members).toHaveLength(2); // rows 3 and 4 are blank: the group ends there
    const pairs: [string, string][] = [
      ["東京都千代田区一丁目二番三号", f["address"]!.raw],
      ["昭和五十年三月四日", f["birth"]!.raw],
      ["大阪府大阪市北区中之島", f["destination"]!.raw],
      ["山田太郎", members[0]!["member.name"]!.raw],
      ["世帯主", members[0]!["member.relationship"]!.raw],
      ["山田花子", members[1]!["member.name"]!.raw],
    ];
    for (const [expected, raw] of pairs) expect(charAccuracy(expected, raw)).toBeGreaterThanOrEqual(0.75);
    const chars = pairs.reduce((n, [e]) => n + e.length, 0);
    const accuracy = pairs.reduce((sum, [e, raw]) => sum + charAccuracy(e, raw) * e.length, 0) / chars;
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    // Every reading keeps where it was read, for display; row regions are the first row's moved by the step.
    const second = result.fields.find((r) => r.group === "members" && r.row === 1 && r.key === "member.name")!;
    expect(second.region.y).toBeCloseTo(template.repeatGroups[0]!.fields[0]!.region.y + 90 / H, 9);
    expect(second.pixels.top).toBeGreaterThan(0);
    expect(result.fields.filter((r) => r.group === "members")).toHaveLength(4);
  });

  it("hands the raw readings to the postProcess seam and returns what it returns", async () => {
    const withPost = (
      await createOcrEngine({
        templates: [{ ...template, referenceImage: null, id: "test/plain/v1" }],
        workers: 1,
        postProcess: (raw, t) => ({ id: t.id, count: raw.fields.length, code: raw.readings.fields["code"]?.raw ?? null }),
      })
    )._unsafeUnwrap();
    try {
      // Without a reference image the page is read as is: feed the undistorted page.
      const out = (await withPost.recognize(filled.raster, { templateId: "test/plain/v1" }))._unsafeUnwrap();
      expect(out.id).toBe("test/plain/v1");
      expect(out.code?.replace(/\s/g, "")).toBe("12345678901");
      expect(out.count).toBe(4 + 2 * 2);
    } finally {
      await withPost.close();
    }
  });

  it("plugs into the real post-processing: 和暦 to ISO, digits kept, names always flagged", async () => {
    const typed = (
      await createOcrEngine({
        templates: [template],
        references: { [template.id]: reference.png },
        workers: 1,
        postProcess: (raw, t) => postProcessDocument(t, raw.readings, { today: "2026-11-23" }),
      })
    )._unsafeUnwrap();
    try {
      const doc = (await typed.recognize(scan, { templateId: template.id }))._unsafeUnwrap();
      const byKey = new Map(doc.fields.map((f) => [f.key, f]));
      expect(byKey.get("birth")?.value).toBe("1975-03-04");
      expect(byKey.get("code")?.value).toBe("12345678901");
      const firstMember = doc.groups["members"]![0]!.find((f) => f.key === "member.name")!;
      expect(firstMember.reasons).toContain("name_always_confirmed");
      expect(doc.groups["members"]).toHaveLength(2);
    } finally {
      await typed.close();
    }
  });

  it("returns typed errors: unknown template, missing reference, weak alignment, a blank page unidentified", async () => {
    expect((await engine.recognize(scan, { templateId: "nope" }))._unsafeUnwrapErr().reason).toBe("template_not_found");
    // A sheet of plain paper has nothing to register: never read fields from an unaligned page.
    const plain = { width: W, height: H, data: new Uint8Array(W * H * 4).fill(255) };
    expect((await engine.identify(plain))._unsafeUnwrapErr()).toMatchObject({ reason: "unidentified", operation: "identify" });
    expect((await engine.recognize(plain, { templateId: template.id }))._unsafeUnwrapErr().reason).toBe("alignment_failed");
    const noRef = (await createOcrEngine({ templates: [template], workers: 1 }))._unsafeUnwrap();
    try {
      expect((await noRef.recognize(scan, { templateId: template.id }))._unsafeUnwrapErr().reason).toBe("reference_missing");
    } finally {
      await noRef.close();
    }
    // A truncated PDF is corrupt; a GIF is a format the engine does not read.
    expect((await engine.recognize(new TextEncoder().encode("%PDF-1.7"), { templateId: template.id }))._unsafeUnwrapErr().reason).toBe("corrupt_image");
    expect((await engine.recognize(new TextEncoder().encode("GIF89a\x01\x00"), { templateId: template.id }))._unsafeUnwrapErr().reason).toBe("unsupported_format");
  });
});
