import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTemplateCatalog, postProcessDocument, SHIPPED_TEMPLATES_DIR, synthesizeScan, type DocumentResult, type FieldResult } from "@madoguchi/ocr-engine";

/** The shipped 転出証明書 layout the counter test scans (世田谷区, horizontal table). */
export const MOVING_OUT_TEMPLATE_ID = "tenshutsu-shomeisho/131121/v1";

/** A synthetic scan on disk and what the counter should read from it. */
export interface SyntheticCertificate {
  /** The scan as a JPEG file (the upload). */
  readonly path: string;
  /**
   * The generator's ground truth as the OCR's post-processing writes it (an ISO date, a canonical address): the
   * value a perfect reading would pre-fill, by the template's field key and per row of `members`.
   */
  readonly fields: Readonly<Record<string, string>>;
  readonly members: readonly Readonly<Record<string, string>>[];
  remove(): void;
}

const valueOf = (f: FieldResult): string => (f.value ?? f.raw).trim();
const asReadings = (values: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(values).map(([k, raw]) => [k, { raw, confidence: 99 }]));

/**
 * A 転出証明書 of a fake household (nothing real: `@madoguchi/ocr-engine`'s generator), rendered at a counter
 * scanner's 200 dpi and degraded like a careful scan (a little rotation, shift, noise, JPEG), written to a temp file.
 * The truth is passed through the engine's own post-processing, as the engine's integration test does, so that it
 * compares with what the OCR pre-fills.
 */
export const syntheticMovingOutCertificate = async (seed: number, today: string): Promise<SyntheticCertificate> => {
  const catalog = (await loadTemplateCatalog(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
  const template = catalog.templates.find((t) => t.id === MOVING_OUT_TEMPLATE_ID);
  if (template === undefined) throw new Error(`${MOVING_OUT_TEMPLATE_ID} is not among the shipped templates`);
  const synthetic = (
    await synthesizeScan(template, {
      seed,
      dpi: Math.round((template.page.dpi * 2) / 3),
      degrade: { rotationDeg: 0.8, scale: 0.99, shiftPx: { x: 12, y: -8 }, blurSigma: 0, noiseSigma: 3, jpegQuality: 92 },
    })
  )._unsafeUnwrap();
  if (synthetic.scan === null) throw new Error("the generator returned no degraded scan");
  const { truth } = synthetic.clean;
  const expected: DocumentResult = postProcessDocument(
    template,
    { fields: asReadings(truth.fields), groups: Object.fromEntries(Object.entries(truth.groups).map(([g, rows]) => [g, rows.map(asReadings)])) },
    { today },
  );
  const dir = mkdtempSync(join(tmpdir(), "madoguchi-counter-scan-"));
  const path = join(dir, `tenshutsu-shomeisho.${synthetic.scan.format === "jpeg" ? "jpg" : "png"}`);
  writeFileSync(path, synthetic.scan.image);
  return {
    path,
    fields: Object.fromEntries(expected.fields.map((f) => [f.key, valueOf(f)])),
    members: (expected.groups["members"] ?? []).map((row) => Object.fromEntries(row.map((f) => [f.key.replace(/^members\[\]\./, ""), valueOf(f)]))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
