import { err, ok, type Result } from "neverthrow";
import { decodeSettingValue, SETTINGS_STORE_CONTRACT, storageError, type SettingKey, type SettingsStore, type StorageError, type StoredSetting } from "@madoguchi/core";
import { appendAuditEntries } from "./append-audit-entries.ts";
import type { OpenedOrm } from "./open-orm.ts";
import { runStorageOp } from "./run-storage-op.ts";

/** A table name, qualified with the PostgreSQL schema when there is one (raw SQL gets no schema from the ORM). */
const table = (db: OpenedOrm, name: string): string => (db.schema === undefined ? name : `"${db.schema}".${name}`);

const affected = (r: unknown): number => Number((r as { affectedRows?: number }).affectedRows ?? 0);

interface SettingRow {
  readonly value_json: string;
  readonly version: number | string;
  readonly updated_at_ms: number | string;
}

/** A row as a setting: the JSON decoded with core's schema, so a hand-edited value fails closed as `corrupt`. */
const settingOf = <K extends SettingKey>(operation: string, key: K, row: SettingRow): Result<StoredSetting<K>, StorageError> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.value_json);
  } catch {
    return err(storageError(operation, "corrupt", "a stored setting is unreadable"));
  }
  const value = decodeSettingValue(key, parsed);
  if (value.isErr()) return err(storageError(operation, "corrupt", `the stored ${key} is not a valid value`));
  return ok({ key, value: value.value, version: Number(row.version), updatedAt: new Date(Number(row.updated_at_ms)) });
};

/**
 * {@link SettingsStore} on MikroORM (SQLite and PostgreSQL), migration 0007. `put` writes the row
 * conditionally on its version and appends the audit drafts with {@link appendAuditEntries} in the
 * same transaction: if the append fails, the write is rolled back with it.
 */
export const mikroOrmSettingsStore = (db: OpenedOrm): SettingsStore => {
  const settings = table(db, "municipality_settings");
  return {
    meta: { contract: SETTINGS_STORE_CONTRACT, name: `mikro-orm-${db.dialect}`, capabilities: new Set() },

    get: <K extends SettingKey>(key: K) =>
      runStorageOp("settings-store.get", async (): Promise<Result<StoredSetting<K> | null, StorageError>> => {
        const rows = await db.em().execute<SettingRow[]>(`select value_json, version, updated_at_ms from ${settings} where setting_key = ?`, [key]);
        const row = rows[0];
        return row === undefined ? ok(null) : settingOf("settings-store.get", key, row);
      }),

    put: <K extends SettingKey>(key: K, value: StoredSetting<K>["value"], expectedVersion: number, at: Date, audit: Parameters<SettingsStore["put"]>[4]) =>
      runStorageOp("settings-store.put", () =>
        db.em().transactional(async (tx): Promise<Result<StoredSetting<K>, StorageError>> => {
          const json = JSON.stringify(value);
          const written =
            expectedVersion === 0
              ? await tx.execute(`insert into ${settings} (setting_key, value_json, version, updated_at_ms) values (?, ?, 1, ?) on conflict do nothing`, [key, json, at.getTime()], "run")
              : await tx.execute(`update ${settings} set value_json = ?, version = version + 1, updated_at_ms = ? where setting_key = ? and version = ?`, [json, at.getTime(), key, expectedVersion], "run");
          if (affected(written) === 0) return err(storageError("settings-store.put", "conflict", "the setting was changed meanwhile"));
          // After the row: on PostgreSQL the audit lock is always taken after the data's own lock, as the application store does.
          await appendAuditEntries(tx, db.dialect, audit);
          return ok({ key, value, version: expectedVersion + 1, updatedAt: new Date(at.getTime()) });
        }),
      ),

    healthCheck: () =>
      runStorageOp("settings-store.healthCheck", async (): Promise<Result<void, StorageError>> => {
        await db.em().execute(`select 1 from ${settings} where 1 = 0`);
        return ok(undefined);
      }),
  };
};
