import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import {
  decodeSettingValue,
  SETTINGS_STORE_CONTRACT,
  storageError,
  type SettingKey,
  type SettingsStore,
  type StorageError,
  type StoredSetting,
} from "@madoguchi/core";
import { appendAudit } from "./memory-audit-log-store.ts";
import { closedError } from "./memory-errors.ts";
import { copy, type MemoryState } from "./memory-state.ts";

/** A stored row: the value kept as JSON text, as a database keeps it, and decoded on the way out. */
interface SettingRow {
  readonly json: string;
  readonly version: number;
  readonly updatedAt: Date;
}

/** The memory settings store and its raw rows (for the conformance suite's raw-write hook). */
export interface MemorySettingsStore extends SettingsStore {
  /** Replaces the stored JSON of `key` behind the port's back, as a hand-edited database would. */
  writeRaw(key: string, json: string): void;
}

/**
 * The reference {@link SettingsStore}: settings beside the shared memory state, whose audit log `put`
 * appends to. JavaScript runs a `put` without interleaving, so the version check, the audit append and
 * the write are one atomic step; the audit drafts are sealed before anything changes, so a draft that
 * cannot be appended leaves both the setting and the log as they were.
 */
export const memorySettingsStore = (state: MemoryState): MemorySettingsStore => {
  const rows = new Map<string, SettingRow>();
  const guard = <T>(operation: string, f: () => ResultAsync<T, StorageError>): ResultAsync<T, StorageError> =>
    state.closed ? errAsync(closedError(operation)) : f();
  const read = <K extends SettingKey>(operation: string, key: K): StoredSetting<K> | null | StorageError => {
    const row = rows.get(key);
    if (row === undefined) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.json);
    } catch {
      return storageError(operation, "corrupt", "a stored setting is unreadable");
    }
    const value = decodeSettingValue(key, parsed);
    if (value.isErr()) return storageError(operation, "corrupt", `the stored ${key} is not a valid value`);
    return { key, value: value.value, version: row.version, updatedAt: new Date(row.updatedAt) };
  };
  const isError = (v: unknown): v is StorageError => typeof v === "object" && v !== null && (v as { _tag?: unknown })._tag === "StorageError";

  return {
    meta: { contract: SETTINGS_STORE_CONTRACT, name: "memory", capabilities: new Set() },
    get: (key) =>
      guard("settings-store.get", () => {
        const found = read("settings-store.get", key);
        return isError(found) ? errAsync(found) : okAsync(found);
      }),
    put: (key, value, expectedVersion, at, audit) =>
      guard("settings-store.put", () => {
        const current = rows.get(key)?.version ?? 0;
        if (current !== expectedVersion) return errAsync(storageError("settings-store.put", "conflict", "the setting was changed meanwhile"));
        try {
          appendAudit(state, audit);
        } catch (e) {
          return errAsync(storageError("settings-store.put", "unknown", "the audit entries could not be appended", e));
        }
        const row: SettingRow = { json: JSON.stringify(value), version: current + 1, updatedAt: new Date(at) };
        rows.set(key, row);
        return okAsync({ key, value: copy(value), version: row.version, updatedAt: new Date(at) });
      }),
    healthCheck: () => guard("settings-store.healthCheck", () => okAsync(undefined)),
    writeRaw: (key, json) => {
      const row = rows.get(key);
      rows.set(key, { json, version: row?.version ?? 1, updatedAt: row?.updatedAt ?? new Date(0) });
    },
  };
};
