import { resolve } from "node:path";
import { decodeProcedureCatalog, formatYen, type CatalogFile, type CatalogInForce, type ProcedureCatalog, type ProcedureCatalogJson } from "@madoguchi/core";
import { err, ok, okAsync, type Result } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";
import { defineCommand, type CommandReport } from "../command.ts";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";
import { readTextFile } from "../files/read-text-file.ts";
import { MIGRATE_FLAGS } from "../database/migrate-flags.ts";
import { lazy } from "../lazy.ts";

const OPERATION = "catalog check";

/** Where the server reads the catalog from unless `MADOGUCHI_CATALOG_FILE` says otherwise. */
export const DEFAULT_CATALOG_FILE = "config/procedures.json";

/**
 * `madoguchi catalog check [file]`: what a city's staff run after editing the procedure catalog. It
 * decodes the file exactly as the server does (core's `decodeProcedureCatalog`) and prints either a
 * summary table or every issue with its path, so that all mistakes are fixed in one round. With `--stored` it
 * also reads the procedures staff saved in the back office and checks them with the file, as the server's start does.
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
  strings: MIGRATE_FLAGS,
  booleans: {
    stored: {
      description: {
        ja: "管理画面（手続の管理）で保存された手続も、このファイルと合わせて検査する（データベースを開きます）",
        en: "also check the procedures saved in the back office (手続の管理) with this file (opens the database)",
      },
    },
  },
  run: (input, context) => {
    const shown = input.positionals[0] ?? nonEmpty(context.env["MADOGUCHI_CATALOG_FILE"]) ?? DEFAULT_CATALOG_FILE;
    return readTextFile(OPERATION, resolve(context.cwd, shown), shown)
      .andThen((text) => parseJson(text, shown))
      .andThen((json) => checkCatalog(json, shown))
      .andThen((file) =>
        input.booleans.stored
          ? lazy(() => import("../catalog/check-stored-procedures.ts"))
              .andThen((m) => m.checkStoredProcedures(OPERATION, file, input.strings, context, shown))
              .map((inForce) => report(inForce.catalog, shown, inForce))
          : okAsync(report(file.catalog, shown, null)),
      );
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

const checkCatalog = (json: unknown, shown: string): Result<CatalogFile, CliError> => {
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
  // Decoding succeeded, so the JSON has the file's shape.
  return ok({ json: json as ProcedureCatalogJson, catalog: decoded.value });
};

/** Where the procedures come from when `--stored` was given: the file's, or the back office's (and its version). */
const sourceLine = (inForce: CatalogInForce): Line =>
  inForce.source === "file"
    ? { ja: "管理画面で保存された手続はありません（ファイルの手続を使います）。", en: "No procedures saved in the back office (the file's are used)." }
    : {
        ja: `手続は管理画面で保存されたもの（版 ${inForce.version}）を使います。ファイルの手続は使いません。`,
        en: `The procedures saved in the back office (version ${inForce.version}) are used, not the file's.`,
      };

/** Where the delivery methods, categories and life events come from when `--stored` was given. */
const listsLine = (inForce: CatalogInForce): Line =>
  inForce.listsVersion === 0
    ? { ja: "配送方法・分類・ライフイベントはファイルのものを使います。", en: "The file's delivery methods, categories and life events are used." }
    : {
        ja: `配送方法・分類・ライフイベントは管理画面で保存されたもの（版 ${inForce.listsVersion}）を使います。`,
        en: `The delivery methods, categories and life events saved in the back office (version ${inForce.listsVersion}) are used.`,
      };

const report = (catalog: ProcedureCatalog, shown: string, inForce: CatalogInForce | null): CommandReport => {
  const { municipality, procedures, deliveryMethods } = catalog;
  const disabled = { ja: "（停止中）", en: " (disabled)" };
  const human: Line[] = [
    {
      ja: `OK: ${municipality.name.ja}（${municipality.code}）の手続 ${procedures.length} 件、送付方法 ${deliveryMethods.length} 件 — ${shown}`,
      en: `OK: ${procedures.length} procedures, ${deliveryMethods.length} delivery methods of ${municipality.name.en} (${municipality.code}) — ${shown}`,
    },
    ...(inForce === null ? [] : [sourceLine(inForce), listsLine(inForce)]),
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
      ...(inForce === null ? {} : { procedureSource: inForce.source, procedureVersion: inForce.version, listsVersion: inForce.listsVersion }),
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
