import { resolve } from "node:path";
import { decodeProcedureCatalog, formatYen, type ProcedureCatalog } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";
import { defineCommand, type CommandReport } from "../command.ts";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";
import { readTextFile } from "../files/read-text-file.ts";

const OPERATION = "catalog check";

/** Where the server reads the catalog from unless `MADOGUCHI_CATALOG_FILE` says otherwise. */
export const DEFAULT_CATALOG_FILE = "config/procedures.json";

/**
 * `madoguchi catalog check [file]`: what a city's staff run after editing the procedure catalog. It
 * decodes the file exactly as the server does (core's `decodeProcedureCatalog`) and prints either a
 * summary table or every issue with its path, so that all mistakes are fixed in one round.
 */
export const catalogCheckCommand = defineCommand({
  words: ["catalog", "check"],
  summary: { ja: "手続カタログ（procedures.json）を検査する", en: "check the procedure catalog (procedures.json)" },
  positionals: [
    {
      name: "file",
      description: {
        ja: `カタログのファイル（既定は MADOGUCHI_CATALOG_FILE、なければ ${DEFAULT_CATALOG_FILE}）`,
        en: `catalog file (default: MADOGUCHI_CATALOG_FILE, else ${DEFAULT_CATALOG_FILE})`,
      },
    },
  ],
  strings: {},
  booleans: {},
  run: (input, context) => {
    const shown = input.positionals[0] ?? nonEmpty(context.env["MADOGUCHI_CATALOG_FILE"]) ?? DEFAULT_CATALOG_FILE;
    return readTextFile(OPERATION, resolve(context.cwd, shown), shown)
      .andThen((text) => parseJson(text, shown))
      .andThen((json) => checkCatalog(json, shown));
  },
});

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === "" ? undefined : value);

const parseJson = (text: string, shown: string): Result<unknown, CliError> => {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    // The catalog holds no personal data, so JSON.parse's message (position and token) may be shown.
    const detail = e instanceof SyntaxError ? e.message : "invalid JSON";
    return err(
      cliError(OPERATION, "invalid_input", "catalog.not_json", { ja: `JSON として読めません: ${shown}`, en: `not valid JSON: ${shown}` }, {
        details: [`  ${detail}`],
        data: { file: shown, issues: [{ path: "(file)", message: detail }] },
      }),
    );
  }
};

const checkCatalog = (json: unknown, shown: string): Result<CommandReport, CliError> => {
  const decoded = decodeProcedureCatalog(json);
  if (decoded.isErr()) {
    const { issues } = decoded.error;
    return err(
      cliError(
        OPERATION,
        "invalid_input",
        decoded.error.code,
        { ja: `カタログに ${issues.length} 件の問題があります: ${shown}`, en: `${issues.length} ${issues.length === 1 ? "issue" : "issues"} in the catalog: ${shown}` },
        { details: issues.map((i) => `  ${i.path}: ${i.message}`), data: { file: shown, issues } },
      ),
    );
  }
  return ok(report(decoded.value, shown));
};

const report = (catalog: ProcedureCatalog, shown: string): CommandReport => {
  const { municipality, procedures, deliveryMethods } = catalog;
  const disabled = { ja: "（停止中）", en: " (disabled)" };
  const human: Line[] = [
    {
      ja: `OK: ${municipality.name.ja}（${municipality.code}）の手続 ${procedures.length} 件、送付方法 ${deliveryMethods.length} 件 — ${shown}`,
      en: `OK: ${procedures.length} procedures, ${deliveryMethods.length} delivery methods of ${municipality.name.en} (${municipality.code}) — ${shown}`,
    },
    "",
    ...localizedTable({
      ja: [
        ["ID", "名称", "1通の手数料", "送付方法"],
        ...procedures.map((p) => [p.id, p.name.ja + (p.enabled ? "" : disabled.ja), formatYen(p.feePerCopy, "ja"), p.deliveryMethodIds.join(", ")]),
      ],
      en: [
        ["ID", "Name", "Fee per copy", "Delivery"],
        ...procedures.map((p) => [p.id, p.name.en + (p.enabled ? "" : disabled.en), formatYen(p.feePerCopy, "en"), p.deliveryMethodIds.join(", ")]),
      ],
    }),
    "",
    ...localizedTable({
      ja: [["送付方法 ID", "名称", "郵送料"], ...deliveryMethods.map((m) => [m.id, m.name.ja, formatYen(m.postage, "ja")])],
      en: [["Delivery ID", "Name", "Postage"], ...deliveryMethods.map((m) => [m.id, m.name.en, formatYen(m.postage, "en")])],
    }),
  ];
  return {
    human,
    json: {
      file: shown,
      municipality,
      procedures: procedures.map((p) => ({
        id: p.id,
        name: p.name,
        feePerCopy: p.feePerCopy,
        maxCopies: p.maxCopies,
        deliveryMethodIds: p.deliveryMethodIds,
        requiresSignature: p.requiresSignature,
        enabled: p.enabled,
      })),
      deliveryMethods,
    },
  };
};
