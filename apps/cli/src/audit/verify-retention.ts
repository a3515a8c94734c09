import { err, ok, okAsync, type Result, type ResultAsync } from "neverthrow";
import { AUDIT_RETENTION_SETTING, DEFAULT_AUDIT_RETENTION_MONTHS, type SettingsStore } from "@madoguchi/core";
import { usageError, type CliError } from "../cli.errors.ts";
import type { Line } from "../output/line.ts";

/** The bounds the server puts on `MADOGUCHI_AUDIT_RETENTION_MONTHS`: a period it could have been run with. */
const MIN_MONTHS = 1;
const MAX_MONTHS = 1200;
const ENV = "MADOGUCHI_AUDIT_RETENTION_MONTHS";

/** Where the period `audit verify` checks against came from. */
export type VerifyRetentionSource = "flag" | "environment" | "default";

/** The retention `audit verify` checks the missing segments against, and where it came from. */
export interface VerifyRetention {
  readonly months: number;
  readonly source: VerifyRetentionSource;
}

const SOURCE_LABELS: Readonly<Record<VerifyRetentionSource, { ja: string; en: string }>> = {
  flag: { ja: "--retention-months", en: "--retention-months" },
  environment: { ja: ENV, en: ENV },
  default: { ja: `既定値（${ENV} 未設定）`, en: `built-in default (${ENV} not set)` },
};

/**
 * The period to verify against: `--retention-months`, else the deployment's variable, else 36. Never the
 * value stored in the database being verified (ADR 21): whoever can write that database could shorten it
 * and then delete segments that have not expired, and verification is what must catch that.
 */
export const verifyRetention = (operation: string, flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Result<VerifyRetention, CliError> => {
  const fromEnv = env[ENV] === "" ? undefined : env[ENV];
  const [text, source]: [string | undefined, VerifyRetentionSource] = flag !== undefined ? [flag, "flag"] : fromEnv !== undefined ? [fromEnv, "environment"] : [undefined, "default"];
  if (text === undefined) return ok({ months: DEFAULT_AUDIT_RETENTION_MONTHS, source });
  const months = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (Number.isInteger(months) && months >= MIN_MONTHS && months <= MAX_MONTHS) return ok({ months, source });
  const name = SOURCE_LABELS[source].en;
  const shown = JSON.stringify(text.slice(0, 40));
  return err(
    usageError(operation, "cli.invalid_value", {
      ja: `${name} は ${MIN_MONTHS}〜${MAX_MONTHS} の整数（月数）で指定してください: ${shown}`,
      en: `${name} must be a whole number of months from ${MIN_MONTHS} to ${MAX_MONTHS}: ${shown}`,
    }),
  );
};

/** The retention an administrator stored in the database: `null` when nobody set it, `unreadable` when it cannot be read. */
export type StoredRetention = { readonly months: number } | null | "unreadable";

/**
 * Reads the stored retention for the report only. A database from before the settings table, or a
 * corrupt row, does not stop verification: the chain is what is being checked.
 */
export const storedRetention = (settings: SettingsStore): ResultAsync<StoredRetention, never> =>
  settings
    .get(AUDIT_RETENTION_SETTING)
    .map((stored): StoredRetention => (stored === null ? null : { months: stored.value }))
    .orElse(() => okAsync<StoredRetention, never>("unreadable"));

/** The report's line naming the period used and its source. */
export const retentionUsedLine = (used: VerifyRetention): Line => ({
  ja: `保存期間 ${used.months} か月で検証しました（${SOURCE_LABELS[used.source].ja}）`,
  en: `retention checked against: ${used.months} months (from ${SOURCE_LABELS[used.source].en})`,
});

/**
 * When the database holds a different period than the one used, says so and what to do: an
 * administrator's genuine change is confirmed by a person (the audit page, the log's
 * `configuration.changed`) and then passed with the flag; verify does not take it on the database's word.
 */
export const storedRetentionLines = (used: VerifyRetention, stored: StoredRetention): Line[] => {
  if (stored === "unreadable") {
    return [{ ja: "データベースの保存期間の設定は読めませんでした（検証には使いません）", en: "the retention stored in the database could not be read (verify does not use it)" }];
  }
  if (stored === null || stored.months === used.months) return [];
  return [
    {
      ja: `データベースには管理者が設定した保存期間 ${stored.months} か月があります。検証はこの値を検証対象のデータベースから取りません。変更が正当であること（監査ログの configuration.changed、監査ログ画面）を確認したうえで --retention-months ${stored.months} を指定してください`,
      en: `the database holds a retention of ${stored.months} months set by an administrator; verify does not take it from the database it checks. Once you have confirmed the change is genuine (configuration.changed in the log, the audit page), pass --retention-months ${stored.months}`,
    },
  ];
};
