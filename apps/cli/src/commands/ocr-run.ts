import { resolve } from "node:path";
import {
  createOcrEngine,
  loadTemplateCatalog,
  makeDocumentPostProcessor,
  SHIPPED_TEMPLATES_DIR,
  type DocumentResult,
  type OcrError,
  type Template,
} from "@madoguchi/ocr-engine";
import { errAsync, ResultAsync, type Result } from "neverthrow";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import { readBinaryFile } from "../files/read-binary-file.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import type { OcrInput } from "./ocr-flags.ts";
import { fromOcrError } from "./ocr-errors.ts";
import { ocrJson, ocrLines } from "./ocr-output.ts";

const OPERATION = "ocr";

/** The day in Japan (the checks compare dates of birth with it), as ISO `YYYY-MM-DD`. */
const japanDate = (now: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** Loads the templates, recognises the image with the chosen one and reports every field. */
export const runOcr = (input: OcrInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const shown = input.positionals[0];
  if (shown === undefined) {
    return errAsync(usageError(OPERATION, "cli.missing_argument", { ja: "画像ファイルを指定してください", en: "no image file given" }, ["madoguchi ocr <image file> --template <template id>"]));
  }
  const templateId = requiredString(input.strings.template, "template");
  const dirShown = input.strings["templates-dir"];
  const dir = dirShown === undefined ? SHIPPED_TEMPLATES_DIR : resolve(context.cwd, dirShown);
  const catalog = loadTemplateCatalog(dir).mapErr((e) =>
    cliError(OPERATION, "invalid_input", "ocr.templates_invalid", { ja: `テンプレートを読み込めません: ${dirShown ?? "(同梱)"}`, en: `cannot load the templates: ${dirShown ?? "(shipped)"}` }, {
      details: e.issues.map((i) => `  ${i.path}: ${i.message}`),
    }),
  );
  return ResultAsync.combine([catalog, readBinaryFile(OPERATION, resolve(context.cwd, shown), shown)]).andThen(([{ templates: list, references }, image]) => {
    const known = list.map((t) => t.id).sort();
    const template: Template | undefined = list.find((t) => t.id === templateId);
    if (template === undefined) return errAsync(fromOcrError(OPERATION, { _tag: "OcrError", reason: "template_not_found", operation: "engine", retryable: false, message: "" }, shown, templateId, known));
    // Only the chosen template (and its reference image for alignment): one recognition needs no other layouts.
    const reference = references[template.id];
    return createOcrEngine({ templates: [template], references: reference === undefined ? {} : { [template.id]: reference }, postProcess: makeDocumentPostProcessor({ today: () => japanDate(context.now()) }) })
      .mapErr((e) => fromOcrError(OPERATION, e, shown, templateId, known))
      .andThen((engine) => {
        const recognised: Promise<Result<DocumentResult, OcrError>> = Promise.resolve(engine.recognize(image, { templateId })).then(async (r) => {
          await engine.close();
          return r;
        });
        return ResultAsync.fromSafePromise(recognised).andThen((r) => r.mapErr((e) => fromOcrError(OPERATION, e, shown, templateId, known)));
      })
      .map((doc: DocumentResult): CommandReport => ({ human: ocrLines(template, doc, shown), json: ocrJson(template, doc, shown) }));
  });
};
