import { errAsync, type ResultAsync } from "neverthrow";
import {
  OCR_ENGINE_CONTRACT,
  isCounterDocumentKind,
  type OcrEngine,
  type OcrReadError,
  type OcrReviewReason,
  type ReadDocument,
  type ReadField,
  type ReadOptions,
  type ScanImage,
} from "@madoguchi/core";
import {
  REVIEW_REASON_LABELS,
  createFileIndexCache,
  createOcrEngine,
  decodeImage,
  loadTemplateCatalog,
  makeDocumentPostProcessor,
  SHIPPED_TEMPLATES_DIR,
  type DocumentResult,
  type FieldResult,
  type OcrEngine as TemplateEngine,
  type RgbaRaster,
  type Template,
  type TemplateCatalog,
  type Vocabularies,
} from "@madoguchi/ocr-engine";
import { toReadError } from "./map-ocr-error.ts";

export interface TemplateOcrEngineOptions {
  /** The templates and their reference images (`loadTemplateCatalog` of a directory). */
  readonly catalog: TemplateCatalog;
  /** The deployment's place names and named lists, for the address checks. */
  readonly vocabularies?: Vocabularies;
  /** Recogniser workers; default one per core. */
  readonly workers?: number;
  /** Where the identification index of the reference images is cached between starts; null: not cached. */
  readonly indexCacheDir?: string | null;
}

/**
 * The core's {@link OcrEngine} on `@madoguchi/ocr-engine` (tesseract.js + opencv-wasm, template based). The
 * recogniser workers start at the first read, not at construction: a server that never reads a scan never
 * pays for them.
 */
export const createTemplateOcrEngine = (options: TemplateOcrEngineOptions): OcrEngine => {
  const { catalog } = options;
  const byId = new Map(catalog.templates.map((t) => [t.id, t]));
  // The day the post-processor checks dates of birth against: set by each read (the port passes it per call;
  // the engine's post-processor reads it when the page is done).
  let today = "1970-01-01";
  let started: ResultAsync<TemplateEngine<DocumentResult>, OcrReadError> | null = null;
  let closed = false;
  const engine = (): ResultAsync<TemplateEngine<DocumentResult>, OcrReadError> => {
    if (closed) return errAsync({ code: "ocr.engine_failed", message: "the OCR engine is closed", retryable: false });
    started ??= createOcrEngine({
      templates: catalog.templates,
      references: catalog.references,
      postProcess: makeDocumentPostProcessor({ today: () => today, ...(options.vocabularies === undefined ? {} : { vocabularies: options.vocabularies }) }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.indexCacheDir == null ? {} : { indexCache: createFileIndexCache(options.indexCacheDir) }),
    }).mapErr((e) => {
      started = null; // a failed start (missing language data) is tried again at the next read
      return toReadError(e, undefined);
    });
    return started;
  };

  const read = (scan: ScanImage, readOptions: ReadOptions): ResultAsync<ReadDocument, OcrReadError> => {
    today = readOptions.today;
    const { templateId, fallbackKind } = readOptions;
    if (templateId !== undefined && !byId.has(templateId)) return errAsync({ code: "ocr.unknown_template", templateId });
    return decodeImage(scan.bytes, undefined, { page: scan.page ?? 1 })
      .mapErr((e) => toReadError(e, templateId))
      .andThen((raster: RgbaRaster) =>
        engine().andThen((ocr) => {
          if (templateId !== undefined) return ocr.recognize(raster, { templateId }).map((doc) => toReadDocument(doc, byId.get(templateId)!, "template")).mapErr((e) => toReadError(e, templateId));
          return ocr
            .identify(raster)
            .andThen((found) => ocr.recognize(raster, { templateId: found.templateId }).map((doc) => toReadDocument(doc, byId.get(found.templateId)!, "identification")))
            .orElse((e) =>
              e.reason === "unidentified" && fallbackKind !== undefined
                ? ocr.readByLabels(raster, { kind: fallbackKind, today: readOptions.today }).map((r) => toReadDocument(r.document, r.template, "labels"))
                : errAsync(e),
            )
            .mapErr((e) => toReadError(e, undefined));
        }),
      );
  };

  return {
    meta: { contract: OCR_ENGINE_CONTRACT, name: "template-ocr-tesseract", capabilities: new Set() },
    templates: () => catalog.templates.flatMap((t) => (isCounterDocumentKind(t.kind) ? [{ id: t.id, kind: t.kind, name: t.name }] : [])),
    reasonLabels: REVIEW_REASON_LABELS,
    read,
    close: async () => {
      closed = true;
      const running = started;
      started = null;
      if (running !== null) await running.match((ocr) => ocr.close(), () => undefined);
    },
  };
};

const toField = (f: FieldResult): ReadField => ({
  key: f.key,
  value: f.value,
  raw: f.raw,
  confidence: f.confidence,
  region: f.region,
  reasons: f.reasons as readonly OcrReviewReason[],
});

const toReadDocument = (doc: DocumentResult, template: Template, readBy: ReadDocument["readBy"]): ReadDocument => ({
  templateId: doc.templateId,
  kind: template.kind,
  readBy,
  fields: doc.fields.map(toField),
  groups: Object.fromEntries(Object.entries(doc.groups).map(([key, rows]) => [key, rows.map((row) => row.map(toField))])),
  reasons: doc.reasons as readonly OcrReviewReason[],
});

/**
 * {@link createTemplateOcrEngine} over the templates of a directory (default: those `@madoguchi/ocr-engine`
 * ships), checked as they load: every problem of every file is in the error's message.
 */
export const openTemplateOcrEngine = (
  options: Omit<TemplateOcrEngineOptions, "catalog"> & { readonly templatesDir?: string },
): ResultAsync<OcrEngine, { readonly message: string }> =>
  loadTemplateCatalog(options.templatesDir ?? SHIPPED_TEMPLATES_DIR)
    .map((catalog) => createTemplateOcrEngine({ ...options, catalog }))
    .mapErr((e) => ({ message: `cannot load the OCR templates in ${options.templatesDir ?? SHIPPED_TEMPLATES_DIR}: ${e.message}` }));
