import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  createOcrEngine,
  loadTemplates,
  makeDocumentPostProcessor,
  SHIPPED_TEMPLATES_DIR,
  type DocumentResult,
  type OcrError,
  type Template,
} from "@madoguchi/ocr-engine";
import { errAsync, ResultAsync, type Result } from "neverthrow";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import type { OcrInput } from "./ocr-flags.ts";
import { ocrJson, ocrLines } from "./ocr-output.ts";

const OPERATION = "ocr";

/** The day in Japan (the checks compare dates of birth with it), as ISO `YYYY-MM-DD`. */
const japanDate = (now: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

const codeOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/** Reads the scan; the one place where its file-system exceptions become {@link CliError}s. */
const readImage = (path: string, shown: string): ResultAsync<Uint8Array, CliError> =>
  ResultAsync.fromPromise(
    readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    (e) => {
      const code = codeOf(e);
      return code === "ENOENT"
        ? cliError(OPERATION, "not_found", "file.not_found", { ja: `ファイルがありません: ${shown}`, en: `no such file: ${shown}` })
        : cliError(OPERATION, "invalid_input", "file.unreadable", { ja: `画像ファイルを読めません（${code ?? "error"}）: ${shown}`, en: `cannot read the image file (${code ?? "error"}): ${shown}` });
    },
  );

/** Engine errors as CLI errors. Their messages carry no recognised text, so they can be shown. */
const fromOcrError = (e: OcrError, shown: string, templateId: string, known: readonly string[]): CliError => {
  switch (e.reason) {
    case "template_not_found":
      return cliError(OPERATION, "not_found", "ocr.template_not_found", { ja: `テンプレートがありません: ${templateId}`, en: `no such template: ${templateId}` }, {
        details: [{ ja: "使えるテンプレート:", en: "templates:" }, ...known.map((id) => `  ${id}`)],
        data: { templates: known },
      });
    case "unsupported_format":
      return cliError(OPERATION, "invalid_input", "ocr.unsupported_format", { ja: `対応していない画像形式です（JPEG・PNG・TIFF のみ）: ${shown}`, en: `unsupported image format (JPEG, PNG, TIFF only): ${shown}` });
    case "corrupt_image":
      return cliError(OPERATION, "invalid_input", "ocr.corrupt_image", { ja: `画像が壊れています: ${shown}`, en: `the image does not decode: ${shown}` });
    case "too_large":
      return cliError(OPERATION, "invalid_input", "ocr.too_large", { ja: `画像が大きすぎます: ${shown}`, en: `the image is too large: ${shown}` });
    case "alignment_failed":
      return cliError(OPERATION, "invalid_input", "ocr.alignment_failed", { ja: `スキャンをテンプレートに位置合わせできません: ${shown}`, en: `the scan could not be aligned to the template: ${shown}` });
    case "unidentified":
      return cliError(OPERATION, "not_found", "ocr.unidentified", { ja: `どのテンプレートにも一致しません: ${shown}`, en: `no template matches the scan: ${shown}` });
    case "no_labels_found":
      return cliError(OPERATION, "invalid_input", "ocr.no_labels_found", { ja: `項目名（氏名・住所など）が見つかりません: ${shown}`, en: `none of the known labels (氏名, 住所 …) were found: ${shown}` });
    case "reference_missing":
    case "language_data_missing":
    case "invalid_input":
    case "recognizer_failed":
    case "pool_closed":
    case "not_implemented":
      return cliError(OPERATION, "unavailable", `ocr.${e.reason}`, { ja: `文字認識に失敗しました（${e.reason}）`, en: `recognition failed (${e.reason}): ${e.message}` });
  }
};

/** Loads the templates, recognises the image with the chosen one and reports every field. */
export const runOcr = (input: OcrInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const shown = input.positionals[0];
  if (shown === undefined) {
    return errAsync(usageError(OPERATION, "cli.missing_argument", { ja: "画像ファイルを指定してください", en: "no image file given" }, ["madoguchi ocr <image file> --template <template id>"]));
  }
  const templateId = requiredString(input.strings.template, "template");
  const dirShown = input.strings["templates-dir"];
  const dir = dirShown === undefined ? SHIPPED_TEMPLATES_DIR : resolve(context.cwd, dirShown);
  const templates = loadTemplates(dir).mapErr((e) =>
    cliError(OPERATION, "invalid_input", "ocr.templates_invalid", { ja: `テンプレートを読み込めません: ${dirShown ?? "(同梱)"}`, en: `cannot load the templates: ${dirShown ?? "(shipped)"}` }, {
      details: e.issues.map((i) => `  ${i.path}: ${i.message}`),
    }),
  );
  return ResultAsync.combine([templates, readImage(resolve(context.cwd, shown), shown)]).andThen(([list, image]) => {
    const known = list.map((t) => t.id).sort();
    const template: Template | undefined = list.find((t) => t.id === templateId);
    if (template === undefined) return errAsync(fromOcrError({ _tag: "OcrError", reason: "template_not_found", operation: "engine", retryable: false, message: "" }, shown, templateId, known));
    // Only the chosen template: one recognition needs no other layouts.
    return createOcrEngine({ templates: [template], postProcess: makeDocumentPostProcessor({ today: () => japanDate(context.now()) }) })
      .mapErr((e) => fromOcrError(e, shown, templateId, known))
      .andThen((engine) => {
        const recognised: Promise<Result<DocumentResult, OcrError>> = Promise.resolve(engine.recognize(image, { templateId })).then(async (r) => {
          await engine.close();
          return r;
        });
        return ResultAsync.fromSafePromise(recognised).andThen((r) => r.mapErr((e) => fromOcrError(e, shown, templateId, known)));
      })
      .map((doc: DocumentResult): CommandReport => ({ human: ocrLines(template, doc, shown), json: ocrJson(template, doc, shown) }));
  });
};
