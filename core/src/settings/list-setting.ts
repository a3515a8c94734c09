import { errAsync, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { decodeSettingValue, type InvalidSettingValue, type SettingKey, type SettingValue } from "./municipality-setting.ts";
import type { SettingsStore } from "./settings-store.port.ts";

/** The keys whose value is a list that staff replace as a whole (the portal's notices, the counter's phrases). */
type ListSettingKey = { [K in SettingKey]: SettingValue<K> extends readonly unknown[] ? K : never }[SettingKey];

/** A list setting as stored, with the version a change expects (0: none yet). */
export interface StoredList<K extends ListSettingKey> {
  readonly items: SettingValue<K>;
  readonly version: number;
}

/** The list stored under `key` (empty until staff write one). */
export const listSetting = <K extends ListSettingKey>(settings: Pick<SettingsStore, "get">, key: K): ResultAsync<StoredList<K>, StorageError> =>
  settings.get(key).map((stored) => (stored === null ? { items: [] as unknown as SettingValue<K>, version: 0 } : { items: stored.value, version: stored.version }));

/**
 * Staff replace a whole list: decoded first (an invalid list writes nothing), written only if nobody changed it
 * since `expectedVersion` was read (`conflict` otherwise), and audited in the same transaction as
 * `configuration.changed` with the counts before and after — never the items, whose text is not the log's business.
 */
export const saveListSetting = <K extends ListSettingKey>(
  deps: { readonly settings: Pick<SettingsStore, "get" | "put">; readonly clock: Clock },
  key: K,
  input: { readonly items: unknown; readonly expectedVersion: number; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<StoredList<K>, InvalidSettingValue | StorageError> => {
  const decoded = decodeSettingValue(key, input.items);
  if (decoded.isErr()) return errAsync(decoded.error);
  const items = decoded.value as SettingValue<K> & readonly unknown[];
  return listSetting(deps.settings, key).andThen((current) => {
    const at = deps.clock.now();
    const audit: AuditEntryDraft = {
      at,
      actor: { kind: "staff", id: input.staffId },
      action: "configuration.changed",
      target: { kind: "configuration", id: key },
      result: "success",
      sourceIp: input.sourceIp,
      details: { fromCount: (current.items as readonly unknown[]).length, toCount: items.length },
    };
    return deps.settings.put(key, items, input.expectedVersion, at, [audit]).map((stored) => ({ items: stored.value, version: stored.version }));
  });
};
