import type { ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { InvalidSettingValue } from "../settings/municipality-setting.ts";
import type { SettingsStore } from "../settings/settings-store.port.ts";
import { listSetting, saveListSetting } from "../settings/list-setting.ts";
import type { ServiceNotice } from "./service-notice.ts";

/** The setting key the notices are kept under (the settings store keeps any setting as JSON, audited on change). */
export const SERVICE_NOTICES_SETTING = "portal.notices" as const;

/** The notices as stored, with the version a change expects (0: none yet). */
export interface StoredNotices {
  readonly notices: readonly ServiceNotice[];
  readonly version: number;
}

/** The municipality's notices (none until staff write one). */
export const serviceNotices = (settings: SettingsStore): ResultAsync<StoredNotices, StorageError> =>
  listSetting(settings, SERVICE_NOTICES_SETTING).map((stored) => ({ notices: stored.items, version: stored.version }));

/**
 * Staff replace the whole list of notices (R14): decoded first (an invalid list writes nothing), written only if
 * nobody changed it since `expectedVersion` was read (`conflict` otherwise), and audited in the same transaction.
 */
export const saveServiceNotices = (
  deps: { readonly settings: SettingsStore; readonly clock: Clock },
  input: { readonly notices: unknown; readonly expectedVersion: number; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<StoredNotices, InvalidSettingValue | StorageError> =>
  saveListSetting(deps, SERVICE_NOTICES_SETTING, { ...input, items: input.notices }).map((stored) => ({ notices: stored.items, version: stored.version }));
