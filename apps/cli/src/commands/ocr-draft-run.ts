import { access, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { DocumentKindSchema, draftTemplate, formatDraftReport, isLocalGovernmentCode, type DocumentKind, type SampleDraft } from "@madoguchi/ocr-engine";
import { err, errAsync, ok, okAsync, ResultAsync } from "neverthrow";
import { cliError, usageError, type CliError } from "../cli.errors.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import { readBinaryFile } from "../files/read-binary-file.ts";
import type { OcrDraftInput } from "./ocr-draft-flags.ts";
import { fromOcrError } from "./ocr-errors.ts";

const OPERATION = "ocr draft";
const USAGE = ["madoguchi ocr draft <sample file> --kind <kind> --issuer <code> [--version <n>] [--out <file>]"];
const KINDS: readonly string[] = DocumentKindSchema.literals;

const isKind = (value: string): value is DocumentKind => KINDS.includes(value);

/** The file name the README asks for: `<kind>.<issuer>.v<version>.json`, `all` for nationwide formats. */
const defaultFileName = (kind: string, issuer: string, version: number) => `${kind}.${issuer === "*" ? "all" : issuer}.v${version}.json`;

const codeOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;

/** The reference image written beside a template file: `x.json` → `x.reference.png`. */
const referencePathOf = (templatePath: string): string => `${templatePath.replace(/\.json$/i, "")}.reference.png`;

/** Fails with `file.exists` when `path` exists: both files of a draft are checked before either is written. */
const ensureAbsent = (path: string, shown: string): ResultAsync<void, CliError> =>
  new ResultAsync(
    access(path).then(
      () => err<void, CliError>(cliError(OPERATION, "invalid_input", "file.exists", { ja: `ファイルが既にあります（上書きしません）: ${shown}`, en: `the file exists already (not overwritten): ${shown}` })),
      () => ok<void, CliError>(undefined),
    ),
  );

/** Writes a new file, never replacing one: a template in use is changed by a new version, not an edit. */
const writeNew = (path: string, shown: string, content: string | Uint8Array): ResultAsync<void, CliError> =>
  ResultAsync.fromPromise(writeFile(path, content, typeof content === "string" ? { encoding: "utf8", flag: "wx" } : { flag: "wx" }), (e) =>
    codeOf(e) === "EEXIST"
      ? cliError(OPERATION, "invalid_input", "file.exists", { ja: `ファイルが既にあります（上書きしません）: ${shown}`, en: `the file exists already (not overwritten): ${shown}` })
      : cliError(OPERATION, "unavailable", "file.unwritable", { ja: `ファイルに書き込めません（${codeOf(e) ?? "error"}）: ${shown}`, en: `cannot write the file (${codeOf(e) ?? "error"}): ${shown}` }),
  );

/** Checks the options, drafts the template from the sample and writes it with its report. */
export const runOcrDraft = (input: OcrDraftInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const shown = input.positionals[0];
  if (shown === undefined) return errAsync(usageError(OPERATION, "cli.missing_argument", { ja: "見本のスキャンを指定してください", en: "no sample file given" }, USAGE));
  const kind = requiredString(input.strings.kind, "kind");
  if (!isKind(kind)) {
    return errAsync(usageError(OPERATION, "cli.invalid_value", { ja: `--kind が不正です: ${kind}`, en: `invalid --kind: ${kind}` }, [{ ja: "使える種類:", en: "kinds:" }, ...KINDS.map((k) => `  ${k}`)]));
  }
  const issuer = requiredString(input.strings.issuer, "issuer");
  if (issuer !== "*" && !isLocalGovernmentCode(issuer)) {
    return errAsync(
      usageError(OPERATION, "cli.invalid_value", {
        ja: `--issuer は全国地方公共団体コード（6桁、検査数字が正しいもの）か * です: ${issuer}`,
        en: `--issuer must be a local government code (6 digits with a valid check digit) or *: ${issuer}`,
      }),
    );
  }
  const versionText = input.strings.version ?? "1";
  const version = Number(versionText);
  if (!/^\d+$/.test(versionText) || !Number.isSafeInteger(version) || version < 1) {
    return errAsync(usageError(OPERATION, "cli.invalid_value", { ja: `--version は1以上の整数です: ${versionText}`, en: `--version must be an integer ≥ 1: ${versionText}` }));
  }
  const outShown = input.strings.out ?? defaultFileName(kind, issuer, version);
  const referenceShown = referencePathOf(outShown);
  const outPath = resolve(context.cwd, outShown);
  const referencePath = resolve(context.cwd, referenceShown);
  return readBinaryFile(OPERATION, resolve(context.cwd, shown), shown)
    .andThen((sample) => draftTemplate(sample, { kind, issuer, version }).mapErr((e) => fromOcrError(OPERATION, e, shown)))
    .andThen((draft: SampleDraft) => {
      // The template names its reference by a path relative to the template file (loadTemplateCatalog).
      const template = { ...draft.template, referenceImage: basename(referencePath) };
      return ensureAbsent(outPath, outShown)
        .andThen(() => ensureAbsent(referencePath, referenceShown))
        .andThen(() => writeNew(outPath, outShown, `${JSON.stringify(template, null, 2)}\n`))
        .andThen(() => writeNew(referencePath, referenceShown, draft.reference))
        .andThen(() =>
          okAsync<CommandReport, CliError>({
            human: [
              ...formatDraftReport(draft.report).split("\n"),
              "",
              { ja: `下書きを書き出しました: ${outShown}（領域を見本と照らして調整してください）`, en: `draft written to ${outShown} (adjust the regions against the sample)` },
              { ja: `位置合わせ用の参照画像: ${referenceShown}（記載値を消した見本）`, en: `reference image for alignment: ${referenceShown} (the sample with its values blanked)` },
            ],
            json: { file: shown, out: outShown, reference: referenceShown, template, report: draft.report },
          }),
        );
    });
};
