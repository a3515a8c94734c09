import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { SettingKey, SettingValue } from "./municipality-setting.ts";

/** Contract id of {@link SettingsStore}; conformance: `@madoguchi/conformance/settings-store`. */
export const SETTINGS_STORE_CONTRACT = "settings-store@1" as const;

/** A setting as stored: its value and the version that guards the next change. */
export interface StoredSetting<K extends SettingKey = SettingKey> {
  readonly key: K;
  readonly value: SettingValue<K>;
  /** 1 after the first write, one more after each change: what `put` expects back. */
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * Port: the municipality's settings changed at run time by administrators (today the audit retention).
 * Every change is a configuration change and so is audited **in the same transaction** as the write:
 * `put` appends its audit drafts to the audit log sharing the store's database, chained like any
 * append, or writes nothing at all. Values are decoded with core's schema on the way out
 * (`decodeSettingValue`): an unreadable or out-of-range stored value is `corrupt`, never used.
 */
export interface SettingsStore {
  readonly meta: AdapterMeta;
  /** The stored setting, or null when nobody set it (the caller then uses its default). */
  get<K extends SettingKey>(key: K): ResultAsync<StoredSetting<K> | null, StorageError>;
  /**
   * Stores `value` if the stored version is `expectedVersion` (0: not yet set) and appends `audit` in
   * the same transaction; returns the new version. `conflict` (nothing written, nothing appended) when
   * someone changed it meanwhile — so the "from" an audit entry names is the value really replaced.
   */
  put<K extends SettingKey>(
    key: K,
    value: SettingValue<K>,
    expectedVersion: number,
    at: Date,
    audit: readonly AuditEntryDraft[],
  ): ResultAsync<StoredSetting<K>, StorageError>;
  healthCheck(): ResultAsync<void, StorageError>;
}
