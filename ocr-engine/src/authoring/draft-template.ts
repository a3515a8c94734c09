/**
 * Template authoring: from one sample scan, a draft template that staff then adjust. The page is read
 * whole (with character boxes), the known label words of the document kind are found, and each value
 * region is placed beside its label (right, or below when the label sits above its value); household
 * members become a repeat group (table rows, repeated entries, or columns). The draft is validated
 * like any template file, and a report says what was found and what was not.
 */
import { err, okAsync, type Result, ResultAsync } from "neverthrow";
import { DEFAULT_DECODE_LIMITS, decodeImage, type DecodeLimits } from "../pipeline/decode-image.ts";
import { ocrError, type OcrError } from "../pipeline/ocr-error.ts";
import type { GreyRaster, RgbaRaster } from "../pipeline/raster.ts";
import { DEFAULT_INK_BIAS, thresholdChannel, tintChannel } from "../pipeline/remove-tint.ts";
import { isLocalGovernmentCode } from "../templates/issuer-code.ts";
import type { DocumentKind, Region, RepeatGroup, Template, TemplateField, TintMethod } from "../templates/template.ts";
import { decodeTemplate } from "../templates/template.schema.ts";
import type { DraftedField, DraftReport } from "./draft-report.ts";
import { draftReferenceImage } from "./draft-reference.ts";
import { straightenSample } from "./straighten-sample.ts";
import { findLabels, pageSegments, unionBox, type LabelHit, type Segment } from "./find-labels.ts";
import { groupOfKey, KIND_DEFAULTS, LABEL_VOCABULARY, type LabelEntry } from "./label-vocabulary.ts";
import { layoutMembers, type MembersLayout } from "./members-layout.ts";
import { createPageReader, type PageReader, type PageReaderOptions, type PageWords, type PixelBox } from "./page-words.ts";
import { rereadLabels } from "./reread-labels.ts";
import { valueCell, type PageGeometry } from "./value-cells.ts";

/** A scan: encoded bytes (JPEG, PNG, TIFF) or a decoded RGBA raster (the engine's `ScanInput`). */
export type SampleInput = Uint8Array | RgbaRaster;

/** What the draft is of: the template's identity. */
export interface DraftSpec {
  readonly kind: DocumentKind;
  /** 全国地方公共団体コード (six digits with a valid check digit), or `"*"` for nationwide formats. */
  readonly issuer: string;
  /** Default 1. */
  readonly version?: number;
  /** Default the kind's title with （下書き） / (draft). */
  readonly name?: { readonly ja: string; readonly en: string };
}

/** Options of {@link draftTemplate}. */
export interface DraftOptions extends DraftSpec {
  /** A running page reader to reuse (it is not closed); default one is started for the call and closed. */
  readonly reader?: PageReader;
  /** Options of the page reader started when `reader` is not given. */
  readonly readerOptions?: PageReaderOptions;
  readonly decodeLimits?: DecodeLimits;
  /** Tint threshold bias (see `removeTint`); default {@link DEFAULT_INK_BIAS}. */
  readonly inkBias?: number;
}

/** A draft template and its report. */
export interface Draft {
  readonly template: Template;
  readonly report: DraftReport;
}

/**
 * A draft made from a sample scan: also its reference image (a 1-bit PNG of the form without its
 * values, see `draft-reference.ts`), which the template names in `referenceImage` — write it beside
 * the template file so that the engine aligns and identifies scans with the draft at once.
 */
export interface SampleDraft extends Draft {
  readonly reference: Uint8Array;
}

/** The reference file name a draft gives itself: `<kind>.<issuer or all>.v<version>.reference.png`. */
export const draftReferenceFileName = (template: Pick<Template, "kind" | "issuer" | "version">): string =>
  `${template.kind}.${template.issuer === "*" ? "all" : template.issuer}.v${template.version}.reference.png`;


/** Which pipeline step reports errors: authoring (`draft`) or the label-anchored fallback (`fallback`). */
export type DraftOperation = "draft" | "fallback";

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/** Paper and card sizes a sample can be (mm, portrait first); the draft takes the closest aspect ratio. */
const PAGE_SIZES: readonly { readonly widthMm: number; readonly heightMm: number; readonly card: boolean }[] = [
  { widthMm: 210, heightMm: 297, card: false },
  { widthMm: 148, heightMm: 210, card: false },
  { widthMm: 182, heightMm: 257, card: false },
  { widthMm: 297, heightMm: 210, card: false },
  { widthMm: 210, heightMm: 148, card: false },
  { widthMm: 85.6, heightMm: 54, card: true },
  { widthMm: 54, heightMm: 85.6, card: true },
];

/** The tint method of a kind: cards are printed on grey or dark patterns, certificates on pale tints. */
export const tintFor = (kind: DocumentKind): TintMethod => (KIND_DEFAULTS[kind].card ? "gray-otsu" : "v-otsu");

const pageOf = (kind: DocumentKind, width: number, height: number): Template["page"] => {
  const card = KIND_DEFAULTS[kind].card;
  const sizes = PAGE_SIZES.filter((s) => s.card === card);
  const aspect = width / height;
  const size = [...sizes].sort((a, b) => Math.abs(a.widthMm / a.heightMm - aspect) - Math.abs(b.widthMm / b.heightMm - aspect))[0]!;
  return { widthMm: size.widthMm, heightMm: size.heightMm, dpi: Math.round(width / (size.widthMm / 25.4)) };
};

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** A pixel box as a normalised region, clamped inside the page. */
const regionOf = (b: PixelBox, width: number, height: number): Region => {
  const x = round4(Math.max(0, b.x0 / width));
  const y = round4(Math.max(0, b.y0 / height));
  const x1 = Math.floor(Math.min(1, b.x1 / width) * 10_000) / 10_000;
  const y1 = Math.floor(Math.min(1, b.y1 / height) * 10_000) / 10_000;
  return { x, y, width: round4(Math.max(0.0001, x1 - x)), height: round4(Math.max(0.0001, y1 - y)) };
};

const fieldOf = (entry: LabelEntry, word: string, region: Region): TemplateField => ({
  key: entry.key,
  label: { ja: word, en: entry.en },
  region,
  type: entry.type,
  hints: entry.hints,
  post: entry.post,
  review: entry.review,
  required: entry.required,
});

const inside = (b: PixelBox, zone: PixelBox): boolean => {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return cx >= zone.x0 && cx <= zone.x1 && cy >= zone.y0 && cy <= zone.y1;
};

/** The segments that are not labels, with the value part of a label segment that runs on into its value. */
const valueSegments = (segments: readonly Segment[], hits: readonly LabelHit[]): Segment[] => {
  const labelChars = new Set(hits.flatMap((h) => h.segment.chars.filter((c) => inside(c.box, h.box))));
  return segments.flatMap((s) => {
    const rest = s.chars.filter((c) => !labelChars.has(c));
    if (rest.length === 0) return [];
    if (rest.length === s.chars.length && !hits.some((h) => h.segment === s || inside(s.box, h.segment.box))) return [s];
    const own = hits.find((h) => h.segment === s || inside(s.box, h.segment.box));
    const merged = own !== undefined && own.segment.text.length > own.word.length;
    return merged ? [{ text: rest.map((c) => c.text).join(""), chars: rest, box: unionBox(rest.map((c) => c.box)) }] : [];
  });
};

/**
 * True when a label word is the value of an enum label just left of it on the same line: 世帯主 in the
 * cell after 続柄 is a relationship, not the label of the household's head.
 */
const isEnumValue = (hit: LabelHit, hits: readonly LabelHit[], glyph: number): boolean =>
  hits.some(
    (o) =>
      o !== hit &&
      o.entry.type === "enum" &&
      (o.entry.post.values ?? []).includes(hit.word) &&
      o.box.x1 <= hit.box.x0 &&
      Math.abs((o.box.y0 + o.box.y1) / 2 - (hit.box.y0 + hit.box.y1) / 2) < 0.6 * glyph,
  );

/**
 * Drafts a template from a page already binarised and read (`words` from a {@link PageReader}): the
 * layout step of {@link draftTemplate}, without recognition. `no_labels_found` when none of the
 * kind's label words is on the page; `invalid_input` for a bad issuer or version.
 */
export const draftFromWords = (page: GreyRaster, words: PageWords, spec: DraftSpec, operation: DraftOperation = "draft"): Result<Draft, OcrError> => {
  const version = spec.version ?? 1;
  if (!Number.isInteger(version) || version < 1) return err(ocrError("invalid_input", operation, "version must be an integer of 1 or more"));
  if (spec.issuer !== "*" && !isLocalGovernmentCode(spec.issuer)) {
    return err(ocrError("invalid_input", operation, 'issuer must be a 全国地方公共団体コード (six digits with a valid check digit) or "*"'));
  }
  const vocabulary = LABEL_VOCABULARY[spec.kind];
  const lines = pageSegments(words);
  const hits = findLabels(lines, vocabulary);
  if (hits.length === 0) {
    return err(ocrError("no_labels_found", operation, `none of the label words of ${spec.kind} (${vocabulary.slice(0, 4).map((e) => e.words[0]).join(", ")} …) was found on the page`));
  }
  const segments = lines.flat();
  // Character height from every character on the page: a label's box is sometimes taller than its
  // text (tesseract merges a stroke of the cell border into a symbol), single characters rarely are.
  const heights = segments.flatMap((s) => s.chars.map((c) => c.box.y1 - c.box.y0)).sort((a, b) => a - b);
  const glyph = median(heights);
  const em = Math.max(glyph, heights[Math.floor(heights.length * 0.9)] ?? glyph);
  const g: PageGeometry = {
    page,
    glyph,
    em,
    rightMargin: Math.min(page.width - 1, Math.max(...segments.map((s) => s.box.x1)) + 0.3 * glyph),
    labels: hits.filter((h) => !isEnumValue(h, hits, glyph)).map((h) => h.box),
    values: valueSegments(segments, hits),
  };
  const members: MembersLayout | null = layoutMembers(g, hits);
  const zone = members?.zone ?? [];
  // A label word inside a member's value cell is a value (続柄 世帯主), not the label of a page field.
  const pageHits = hits
    .filter((h) => groupOfKey(h.entry.key) === null && !zone.some((z) => inside(h.box, z)) && !isEnumValue(h, hits, glyph))
    .sort((a, b) => a.edits - b.edits || a.box.y0 - b.box.y0);
  const chosen = new Map<string, LabelHit>();
  for (const h of pageHits) if (!chosen.has(h.entry.key)) chosen.set(h.entry.key, h);
  const ordered = [...chosen.values()].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);

  const W = page.width;
  const H = page.height;
  const found: DraftedField[] = [];
  const fields: TemplateField[] = ordered.map((h) => {
    const cell = valueCell(g, h.box, h.segment.text.length > h.word.length);
    found.push({ key: h.entry.key, label: h.word, edits: h.edits, placement: cell.placement, seen: cell.seen });
    return fieldOf(h.entry, h.word, regionOf(cell.box, W, H));
  });
  const repeatGroups: RepeatGroup[] = [];
  const notes: string[] = [];
  if (members !== null) {
    const groupFields = members.cells.map((c) => fieldOf(c.hit.entry, c.hit.word, regionOf(c.box, W, H)));
    const step = { dx: round4(members.step.dx / W), dy: round4(members.step.dy / H) };
    let maxCount = Math.max(1, members.maxCount);
    const far = (f: TemplateField, n: number) => f.region.x + f.region.width + (n - 1) * step.dx > 1 + 1e-9 || f.region.y + f.region.height + (n - 1) * step.dy > 1 + 1e-9;
    while (maxCount > 1 && groupFields.some((f) => far(f, maxCount))) maxCount--;
    if (step.dx === 0 && step.dy === 0) maxCount = 1;
    const presence = groupFields.find((f) => f.key === "members[].name") ?? groupFields[0]!;
    repeatGroups.push({ key: members.group, step, maxCount, fields: groupFields, presenceField: presence.key });
    for (const c of members.cells) {
      found.push({ key: c.hit.entry.key, label: c.hit.word, edits: c.hit.edits, placement: members.layout === "columns" ? "member-column" : members.layout === "table" ? "table-column" : "right", seen: true });
    }
    if (members.rowsFrom === "single-row") notes.push("世帯員の行間隔が分からないため1行のみ / member row step unknown: one row only");
    if (presence.key !== "members[].name") notes.push("氏名の列が見つからず、行の終わりは別の項目で判定 / no name column: the group ends on another field");
  } else if (vocabulary.some((e) => groupOfKey(e.key) !== null)) {
    notes.push("世帯員の欄が見つかりません / no member rows found");
  }
  const foundKeys = new Set(found.map((f) => f.key));
  const missing = [...new Set(vocabulary.map((e) => e.key))].filter((k) => !foundKeys.has(k));
  const anchors = [...ordered, ...(members?.cells.map((c) => c.hit) ?? [])].map((h) => ({ text: h.word, region: regionOf(h.box, W, H) }));
  const kindName = KIND_DEFAULTS[spec.kind];
  const id = `${spec.kind}/${spec.issuer}/v${version}`;
  const template: Template = {
    id,
    kind: spec.kind,
    issuer: spec.issuer,
    version,
    name: spec.name ?? { ja: `${kindName.ja}（下書き）`, en: `${kindName.en} (draft)` },
    page: pageOf(spec.kind, W, H),
    referenceImage: null,
    tint: tintFor(spec.kind),
    anchors,
    fields,
    repeatGroups,
  };
  return decodeTemplate(template, id)
    .mapErr((e) => ocrError("invalid_input", operation, `the draft does not validate: ${e.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`))
    .map((t): Draft => ({ template: t, report: { templateId: id, found, missing, members: members === null ? null : { layout: members.layout, maxCount: repeatGroups[0]?.maxCount ?? 1, rowsFrom: members.rowsFrom }, notes } }));
};

/** Binarises a sample as the engine would for the kind (V-Otsu for certificates, grey Otsu for cards). */
export const binarisedSample = (image: SampleInput, kind: DocumentKind, options: { readonly decodeLimits?: DecodeLimits; readonly inkBias?: number } = {}): ResultAsync<GreyRaster, OcrError> =>
  (image instanceof Uint8Array ? decodeImage(image, options.decodeLimits ?? DEFAULT_DECODE_LIMITS) : okAsync(image)).map(
    (raster) => thresholdChannel(tintChannel(raster, tintFor(kind)), tintFor(kind), options.inkBias ?? DEFAULT_INK_BIAS).image,
  );

/** Runs `use` with the given reader, or with a reader started for the call and closed afterwards. */
export const withPageReader = <T>(
  reader: PageReader | undefined,
  options: PageReaderOptions | undefined,
  use: (reader: PageReader) => ResultAsync<T, OcrError>,
): ResultAsync<T, OcrError> => {
  if (reader !== undefined) return use(reader);
  return createPageReader(options).andThen(
    (own) =>
      new ResultAsync(
        (async () => {
          const result = await use(own);
          await own.close();
          return result;
        })(),
      ),
  );
};

/**
 * Drafts a template from one sample scan of a form: see the module comment. Errors: decoding errors,
 * `no_labels_found`, `invalid_input` (issuer, version), and the page reader's (`language_data_missing` …).
 */
export const draftTemplate = (image: SampleInput, options: DraftOptions): ResultAsync<SampleDraft, OcrError> =>
  (image instanceof Uint8Array ? decodeImage(image, options.decodeLimits ?? DEFAULT_DECODE_LIMITS) : okAsync(image)).andThen((raster) => {
    // A scanner leaves the sample a degree or two askew; fields are axis-aligned boxes, so the draft is
    // made on the straightened page, and that page (values blanked) becomes the reference new scans
    // are aligned to.
    const { page, skewDeg } = straightenSample(tintChannel(raster, tintFor(options.kind)), tintFor(options.kind), options.inkBias ?? DEFAULT_INK_BIAS);
    return withPageReader(options.reader, options.readerOptions, (reader) =>
      reader
        .read(page)
        .andThen((words) => rereadLabels(page, words, LABEL_VOCABULARY[options.kind], reader))
        .andThen((words) => draftFromWords(page, words, options, "draft")),
    ).andThen((draft) =>
      draftReferenceImage(page, draft.template).map(
        (reference): SampleDraft => ({
          template: { ...draft.template, referenceImage: draftReferenceFileName(draft.template) },
          report:
            skewDeg !== 0
              ? { ...draft.report, notes: [...draft.report.notes, `見本の傾き ${skewDeg.toFixed(1)}° を補正して作成 / drafted on the sample straightened by ${skewDeg.toFixed(1)}°`] }
              : draft.report,
          reference,
        }),
      ),
    );
  });
