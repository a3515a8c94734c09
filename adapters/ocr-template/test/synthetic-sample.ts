import sharp from "sharp";
import type { OcrSample } from "@madoguchi/conformance/ocr-engine";
import { degrade, postProcessDocument, synthesizeScan, type Template } from "@madoguchi/ocr-engine";

/** Today as the tests pass it to the engine. */
export const TODAY = "2026-11-25";

const asReadings = (values: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(values).map(([k, raw]) => [k, { raw, confidence: 99 }]));

/**
 * A generated scan of `template` (fake residents, tint, a 200 dpi copy of a 300 dpi form rotated 1.5° like a
 * careless scan), with its expected reading: the drawn values through the engine's own post-processing, as
 * if read perfectly.
 */
export const syntheticSample = async (template: Template, seed: number): Promise<OcrSample> => {
  const s = (await synthesizeScan(template, { seed, dpi: Math.round(template.page.dpi * (2 / 3)), degrade: { rotationDeg: 1.5, scale: 0.98, blurSigma: 0, noiseSigma: 3, jpegQuality: 92 } }))._unsafeUnwrap();
  const truth = s.clean.truth;
  const expected = postProcessDocument(
    template,
    { fields: asReadings(truth.fields), groups: Object.fromEntries(Object.entries(truth.groups).map(([g, rows]) => [g, rows.map(asReadings)])) },
    { today: TODAY },
  );
  const values = (fields: readonly { readonly key: string; readonly value: string | null }[]) => Object.fromEntries(fields.map((f) => [f.key, f.value]));
  return {
    scan: { bytes: new Uint8Array(s.scan!.image) },
    templateId: template.id,
    expected: { fields: values(expected.fields), groups: Object.fromEntries(Object.entries(expected.groups).map(([g, rows]) => [g, rows.map(values)])) },
    nameKeys: [...template.fields, ...template.repeatGroups.flatMap((g) => g.fields)].filter((f) => f.type === "name" || f.type === "roman-name").map((f) => f.key),
  };
};

/** White paper with a scanner's noise, the size of an A4 page at 200 dpi: no document on it. */
export const blankPage = async (): Promise<Uint8Array> => {
  const white = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: { r: 250, g: 250, b: 248 } } }).png().toBuffer();
  return new Uint8Array((await degrade(white, { seed: 3, rotationDeg: 0, scale: 1, blurSigma: 0, noiseSigma: 4, jpegQuality: 90 }))._unsafeUnwrap().image);
};
