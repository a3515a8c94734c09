import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DocumentKindSchema, draftTemplate, formatDraftReport, isLocalGovernmentCode, type Draft, type DocumentKind } from "@madoguchi/ocr-engine";
import { errAsync, ResultAsync } from "neverthrow";
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

/** Writes the draft without ever replacing a file: a template in use is changed by a new version, not an edit. */
const writeNew = (path: string, shown: string, text: string): ResultAsync<void, CliError> =>
  ResultAsync.fromPromise(writeFile(path, text, { encoding: "utf8", flag: "wx" }), (e) =>
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
  return readBinaryFile(OPERATION, resolve(context.cwd, shown), shown)
    .andThen((sample) => draftTemplate(sample, { kind, issuer, version }).mapErr((e) => fromOcrError(OPERATION, e, shown)))
    .andThen((draft: Draft) =>
      writeNew(resolve(context.cwd, outShown), outShown, `${JSON.stringify(draft.template, null, 2)}\n`).map(
        (): CommandReport => ({
          human: [
            ...formatDraftReport(draft.report).split("\n"),
            "",
            { ja: `下書きを書き出しました: ${outShown}（領域を見本と照らして調整してください）`, en: `draft written to ${outShown} (adjust the regions against the sample)` },
          ],
          json: { file: shown, out: outShown, template: draft.template, report: draft.report },
        }),
      ),
    );
};
