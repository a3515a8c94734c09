import { errAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { decodeSettingValue, type InvalidSettingValue } from "../settings/municipality-setting.ts";
import type { SettingsStore } from "../settings/settings-store.port.ts";
import { serviceNoticesChangeAudit, type ServiceNotice } from "./service-notice.ts";

/** The setting key the notices are kept under (the settings store keeps any setting as JSON, audited on change). */
export const SERVICE_NOTICES_SETTING = "portal.notices" as const;

/** The notices as stored, with the version a change expects (0: none yet). */
export interface StoredNotices {
  readonly notices: readonly ServiceNotice[];
  readonly version: number;
}

/** The municipality's notices (none until staff write one). */
export const serviceNotices = (settings: SettingsStore): ResultAsync<StoredNotices, StorageError> =>
  settings.get(SERVICE_NOTICES_SETTING).map((stored) => (stored === null ? { notices: [], version: 0 } : { notices: stored.value, version: stored.version }));

/**
 * Staff replace the whole list of notices (R14): decoded first (an invalid list writes nothing), written only if
 * nobody changed it since `expectedVersion` was read (`conflict` otherwise), and audited in the same transaction.
 */
export const saveServiceNotices = (
  deps: { readonly settings: SettingsStore; readonly clock: Clock },
  input: { readonly notices: unknown; readonly expectedVersion: number; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<StoredNotices, InvalidSettingValue | StorageError> => {
  const decoded = decodeSettingValue(SERVICE_NOTICES_SETTING, input.notices);
  if (decoded.isErr()) return errAsync(decoded.error);
  return serviceNotices(deps.settings).andThen((current) => {
    const at = deps.clock.now();
    const audit = serviceNoticesChangeAudit({ staffId: input.staffId, sourceIp: input.sourceIp, at, from: current.notices.length, to: decoded.value.length });
    return deps.settings.put(SERVICE_NOTICES_SETTING, decoded.value, input.expectedVersion, at, [audit]).map((stored) => ({ notices: stored.value, version: stored.version }));
  });
};
