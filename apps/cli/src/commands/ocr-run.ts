import { resolve } from "node:path";
import {
  createOcrEngine,
  decodeImage,
  DocumentKindSchema,
  loadTemplateCatalog,
  makeDocumentPostProcessor,
  SHIPPED_TEMPLATES_DIR,
  type DocumentKind,
  type DocumentResult,
  type Identification,
  type OcrEngine,
  type OcrError,
  type RgbaRaster,
  type Template,
  type TemplateCatalog,
} from "@madoguchi/ocr-engine";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import type { CliContext, CommandReport } from "../command.ts";
import { readBinaryFile } from "../files/read-binary-file.ts";
import type { OcrInput } from "./ocr-flags.ts";
import { fromOcrError } from "./ocr-errors.ts";
import { identifyWithCachedIndex, indexCacheDir } from "./ocr-identify.ts";
import { readVocabularies } from "./ocr-vocabularies.ts";
import { fallbackLines, identificationLines, ocrJson, ocrLines } from "./ocr-output.ts";

const OPERATION = "ocr";
const USAGE = ["madoguchi ocr <image file> [--template <template id>] [--kind <kind>] [--page <n>] [--templates-dir <dir>] [--vocabularies <file>]"];
const KINDS: readonly string[] = DocumentKindSchema.literals;

/** The day in Japan (the checks compare dates of birth with it), as ISO `YYYY-MM-DD`. */
const japanDate = (now: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** How the scan is to be read: with a named template, or by identification (and labels when that fails). */
type Plan = { readonly by: "template"; readonly templateId: string } | { readonly by: "identify"; readonly fallbackKind: DocumentKind | null };

const planOf = (input: OcrInput): Plan | CliError => {
  const templateId = input.strings.template;
  const kind = input.strings.kind;
  if (templateId !== undefined && kind !== undefined) {
    return usageError(OPERATION, "cli.conflicting_options", { ja: "--template と --kind は同時に指定できません", en: "--template and --kind cannot be combined" }, USAGE);
  }
  if (templateId !== undefined) return { by: "template", templateId };
  if (kind === undefined) return { by: "identify", fallbackKind: null };
  if (!KINDS.includes(kind)) {
    return usageError(OPERATION, "cli.invalid_value", { ja: `--kind が不正です: ${kind}`, en: `invalid --kind: ${kind}` }, [{ ja: "使える種類:", en: "kinds:" }, ...KINDS.map((k) => `  ${k}`)]);
  }
  return { by: "identify", fallbackKind: kind as DocumentKind };
};

const pageOf = (text: string | undefined): number | CliError => {
  if (text === undefined) return 1;
  const page = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(page) && page >= 1
    ? page
    : usageError(OPERATION, "cli.invalid_value", { ja: `--page は1以上の整数です: ${text}`, en: `--page must be an integer ≥ 1: ${text}` });
};

/** Runs `use` with an engine and closes it afterwards, whatever the outcome. */
const withEngine = <T>(start: ResultAsync<OcrEngine<DocumentResult>, OcrError>, use: (engine: OcrEngine<DocumentResult>) => ResultAsync<T, CliError>, onStartError: (e: OcrError) => CliError): ResultAsync<T, CliError> =>
  start.mapErr(onStartError).andThen(
    (engine) =>
      new ResultAsync(
        (async () => {
          const result = await use(engine);
          await engine.close();
          return result;
        })(),
      ),
  );

const unidentified = (e: OcrError, shown: string): CliError => {
  const base = fromOcrError(OPERATION, e, shown);
  return {
    ...base,
    details: [
      `  ${e.message}`,
      { ja: "  項目名から読み取るには書類の種類を指定してください: --kind <種類>（全項目が要確認になります）", en: "  to read it by its labels, give the document kind: --kind <kind> (every field is then flagged for review)" },
    ],
  };
};

/**
 * Loads the templates, reads the image with the named template — or identifies the template among all
 * of them, and when none matches and `--kind` is given, reads the page by its labels (every field
 * flagged) — and reports every field.
 */
export const runOcr = (input: OcrInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const shown = input.positionals[0];
  if (shown === undefined) return errAsync(usageError(OPERATION, "cli.missing_argument", { ja: "画像ファイルを指定してください", en: "no image file given" }, USAGE));
  const plan = planOf(input);
  if ("_tag" in plan) return errAsync(plan);
  const page = pageOf(input.strings.page);
  if (typeof page !== "number") return errAsync(page);
  const dirShown = input.strings["templates-dir"];
  const dir = dirShown === undefined ? SHIPPED_TEMPLATES_DIR : resolve(context.cwd, dirShown);
  const catalog = loadTemplateCatalog(dir).mapErr((e) =>
    cliError(OPERATION, "invalid_input", "ocr.templates_invalid", { ja: `テンプレートを読み込めません: ${dirShown ?? "(同梱)"}`, en: `cannot load the templates: ${dirShown ?? "(shipped)"}` }, {
      details: e.issues.map((i) => `  ${i.path}: ${i.message}`),
    }),
  );
  const today = japanDate(context.now());
  const vocabularies = readVocabularies(OPERATION, context.cwd, input.strings.vocabularies);
  const scan = readBinaryFile(OPERATION, resolve(context.cwd, shown), shown).andThen((bytes) => decodeImage(bytes, undefined, { page }).mapErr((e) => fromOcrError(OPERATION, e, shown)));
  return ResultAsync.combine([catalog, scan, vocabularies]).andThen(([cat, raster, vocab]) => {
    const postProcess = makeDocumentPostProcessor({ today: () => today, vocabularies: vocab });
    return plan.by === "template"
      ? readWithTemplate(cat, raster, plan.templateId, shown, postProcess)
      : readByIdentification(cat, raster, plan.fallbackKind, shown, today, indexCacheDir(context.env), postProcess);
  });
};

/** What the engine makes of a page's readings: the checked document, with the deployment's vocabularies. */
type DocumentPostProcess = ReturnType<typeof makeDocumentPostProcessor>;

const readWithTemplate = (catalog: TemplateCatalog, raster: RgbaRaster, templateId: string, shown: string, postProcess: DocumentPostProcess): ResultAsync<CommandReport, CliError> => {
  const known = catalog.templates.map((t) => t.id).sort();
  const template: Template | undefined = catalog.templates.find((t) => t.id === templateId);
  if (template === undefined) return errAsync(fromOcrError(OPERATION, { _tag: "OcrError", reason: "template_not_found", operation: "engine", retryable: false, message: "" }, shown, templateId, known));
  // Only the chosen template (and its reference image for alignment): one recognition needs no other layouts.
  const reference = catalog.references[template.id];
  const start = createOcrEngine({ templates: [template], references: reference === undefined ? {} : { [template.id]: reference }, postProcess });
  return withEngine(
    start,
    (engine) => engine.recognize(raster, { templateId }).mapErr((e) => fromOcrError(OPERATION, e, shown, templateId, known)),
    (e) => fromOcrError(OPERATION, e, shown, templateId, known),
  ).map((doc): CommandReport => ({ human: ocrLines(template, doc, shown), json: ocrJson(template, doc, shown) }));
};

const readByIdentification = (
  catalog: TemplateCatalog,
  raster: RgbaRaster,
  fallbackKind: DocumentKind | null,
  shown: string,
  today: string,
  cacheDir: string | null,
  postProcess: DocumentPostProcess,
): ResultAsync<CommandReport, CliError> => {
  const start = createOcrEngine({ templates: catalog.templates, references: catalog.references, postProcess });
  return withEngine(
    start,
    (engine) =>
      // The index cached between runs (engine.identify would build it again in every process).
      identifyWithCachedIndex(catalog, raster, cacheDir)
        .map((found): { readonly found: Identification | null; readonly error: OcrError | null } => ({ found, error: null }))
        .orElse((e) => (e.reason === "unidentified" ? okAsync({ found: null, error: e }) : errAsync(e)))
        .mapErr((e) => fromOcrError(OPERATION, e, shown))
        .andThen(({ found, error }): ResultAsync<CommandReport, CliError> => {
          if (found !== null) {
            const template = catalog.templates.find((t) => t.id === found.templateId)!;
            return engine
              .recognize(raster, { templateId: found.templateId })
              .mapErr((e) => fromOcrError(OPERATION, e, shown))
              .map((doc) => ({
                human: [...identificationLines(found), ...ocrLines(template, doc, shown)],
                json: { ...ocrJson(template, doc, shown), identification: { templateId: found.templateId, coverage: found.coverage, score: found.score, runnerUp: found.runnerUp } },
              }));
          }
          if (fallbackKind === null) return errAsync(unidentified(error!, shown));
          return engine
            .readByLabels(raster, { kind: fallbackKind, today })
            .mapErr((e) => fromOcrError(OPERATION, e, shown))
            .map((reading) => ({
              human: [...fallbackLines(error!, reading.report), ...ocrLines(reading.template, reading.document, shown)],
              json: { ...ocrJson(reading.template, reading.document, shown), identification: null, labelAnchored: { reason: error!.message, report: reading.report } },
            }));
        }),
    (e) => fromOcrError(OPERATION, e, shown),
  );
};
