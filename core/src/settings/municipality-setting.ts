import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { ServiceNoticesSchema } from "../notices/service-notice.ts";
import { CounterPhrasesSchema } from "../counter/counter-phrases.ts";
import { CatalogListsSchema, ProcedureDefinitionsSchema } from "../procedures/procedure-definitions.schema.ts";

/**
 * The shortest audit retention an administrator may set: 12 months. Issue 4 and seed B keep access logs
 * 3 years by default; a municipality may shorten that, but a log kept less than a year could not answer
 * the yearly questions of a personal-information audit (who opened whose data in the last fiscal year).
 */
export const MIN_AUDIT_RETENTION_MONTHS = 12;
/** The longest: 100 years (effectively "keep"), and what the environment variable already allowed. */
export const MAX_AUDIT_RETENTION_MONTHS = 1200;

/** Schema of the audit retention period: whole months, 12..1200. */
export const AuditRetentionMonthsSchema = Schema.Number.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: MIN_AUDIT_RETENTION_MONTHS, maximum: MAX_AUDIT_RETENTION_MONTHS }),
);

/**
 * The shortest retention of finished applications (S4): 6 months. A card payment can be disputed for about
 * 120–180 days after it was charged, and the settlement of a month is matched in the next; an application
 * deleted before then could not be shown to answer either.
 */
export const MIN_APPLICATION_RETENTION_MONTHS = 6;
/** The longest: 10 years, beyond what a municipality's document rules keep a request form (1–5 years). */
export const MAX_APPLICATION_RETENTION_MONTHS = 120;

/** Schema of the retention of finished applications: whole months, 6..120. */
export const ApplicationRetentionMonthsSchema = Schema.Number.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: MIN_APPLICATION_RETENTION_MONTHS, maximum: MAX_APPLICATION_RETENTION_MONTHS }),
);

/**
 * The settings a municipality's administrators change at run time, with the schema of each value.
 * A closed list, as audit actions are: adding a setting is a deliberate change that every store keeps
 * without a migration (values are stored as JSON under the key).
 */
export const MUNICIPALITY_SETTINGS = {
  /** How long audit log segments are kept after their month ends (docs/adr/0021-municipality-settings-and-retention.md). */
  "audit.retentionMonths": AuditRetentionMonthsSchema,
  /** How long an application is kept after it finished (完了・不受理・取下げ), then deleted (S4; docs/adr/0033-application-retention.md). */
  "applications.retentionMonths": ApplicationRetentionMonthsSchema,
  /** The notices to residents shown on the portal (R14; core/src/notices/). Public content, no personal data. */
  "portal.notices": ServiceNoticesSchema,
  /** The procedures staff build in the back office (S6; core/src/procedures/procedure-definitions.ts): public content. */
  "procedures.definitions": ProcedureDefinitionsSchema,
  /** The delivery methods with their postage, the categories and the life events, once staff changed them (S6). */
  "procedures.lists": CatalogListsSchema,
  /**
   * S9 file integration: the end (exclusive, ISO 8601) of the submission times already written to the export
   * directory for the back-office systems; the next run exports what was submitted from there on.
   */
  "integration.exportedUntil": Schema.String.check(Schema.isMaxLength(40)),
  /** The counter's registered phrases (C6 語句登録; core/src/counter/counter-phrases.ts). */
  "counter.phrases": CounterPhrasesSchema,
} as const;

/** The key of one municipality setting, e.g. `audit.retentionMonths`. */
export type SettingKey = keyof typeof MUNICIPALITY_SETTINGS;

/** The value type of each setting. */
export type SettingValue<K extends SettingKey> = (typeof MUNICIPALITY_SETTINGS)[K]["Type"];

/** Every setting key. */
export const SETTING_KEYS = Object.keys(MUNICIPALITY_SETTINGS) as readonly SettingKey[];

/** Whether a string names a known setting. */
export const isSettingKey = (s: string): s is SettingKey => (SETTING_KEYS as readonly string[]).includes(s);

/** A value refused by its setting's schema (the value itself is not repeated: it came from outside). */
export interface InvalidSettingValue {
  readonly _tag: "InvalidSettingValue";
  readonly code: "settings.invalid_value";
  readonly key: SettingKey;
  /** The rule it broke, in English, without the value. */
  readonly message: string;
}

/**
 * Decodes a value for `key` against its schema: the boundary for values from an HTTP body and for
 * values read back from storage (a hand-edited row must not shorten the retention to 0).
 */
export const decodeSettingValue = <K extends SettingKey>(key: K, value: unknown): Result<SettingValue<K>, InvalidSettingValue> => {
  const decoded = Schema.decodeUnknownResult(MUNICIPALITY_SETTINGS[key] as Schema.Codec<SettingValue<K>, unknown>)(value);
  if (EffectResult.isSuccess(decoded)) return ok(decoded.success);
  return err({ _tag: "InvalidSettingValue", code: "settings.invalid_value", key, message: `not a valid value for ${key}` });
};
