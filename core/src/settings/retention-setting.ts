import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { decodeSettingValue, type InvalidSettingValue } from "./municipality-setting.ts";
import type { SettingsStore } from "./settings-store.port.ts";

/** The settings that are a retention period in whole months (S4: one per data kind). */
export type RetentionSettingKey = "audit.retentionMonths" | "applications.retentionMonths";

/** A retention period in force and where it comes from. */
export interface RetentionInForce {
  readonly months: number;
  /** `setting`: set by an administrator; `default`: nobody did, the deployment's default applies. */
  readonly source: "setting" | "default";
  /** The stored version (0 when not set): what a change expects. */
  readonly version: number;
}

/**
 * The retention in force for `key`: the administrator's setting, else the deployment's default. Read on every
 * maintenance run, so a change counts from the next run without a restart.
 */
export const retentionInForce = (settings: SettingsStore, key: RetentionSettingKey, defaultMonths: number): ResultAsync<RetentionInForce, StorageError> =>
  settings
    .get(key)
    .map((stored) => (stored === null ? { months: defaultMonths, source: "default", version: 0 } : { months: stored.value, source: "setting", version: stored.version }));

/** Ports of {@link changeRetention}. */
export interface ChangeRetentionDeps {
  readonly settings: SettingsStore;
  readonly clock: Clock;
}

/** A change request, already authorised (permission `retention.manage`, a recent step-up, an approval when shorter). */
export interface ChangeRetentionInput {
  /** The new period, as received: decoded here against the key's schema. */
  readonly months: unknown;
  readonly defaultMonths: number;
  readonly staffId: string;
  readonly sourceIp: string | null;
}

/** What a change did: `changed` is false when the value was already in force (nothing written or audited). */
export interface RetentionChange {
  readonly from: number;
  readonly to: number;
  readonly changed: boolean;
  readonly inForce: RetentionInForce;
}

/** The audit entry of a retention change: who, which setting, from, to — written in the change's transaction. */
export const retentionChangeAudit = (key: RetentionSettingKey, input: { staffId: string; sourceIp: string | null; at: Date; from: number; to: number }): AuditEntryDraft => ({
  at: input.at,
  actor: { kind: "staff", id: input.staffId },
  action: "configuration.changed",
  target: { kind: "configuration", id: key },
  result: "success",
  sourceIp: input.sourceIp,
  details: { from: input.from, to: input.to },
});

/**
 * An administrator sets how long one kind of data is kept. The value is decoded first (an invalid one writes
 * nothing); the write is conditional on the version just read, so the audited "from" is the value actually
 * replaced (a concurrent change makes this one a `conflict`). Shortening makes the next maintenance run delete
 * what is past the new period — which is why the entry is written with the change, never lost.
 */
export const changeRetention = (
  deps: ChangeRetentionDeps,
  key: RetentionSettingKey,
  input: ChangeRetentionInput,
): ResultAsync<RetentionChange, InvalidSettingValue | StorageError> => {
  const decoded = decodeSettingValue(key, input.months);
  if (decoded.isErr()) return errAsync(decoded.error);
  const to = decoded.value;
  return retentionInForce(deps.settings, key, input.defaultMonths).andThen((current) => {
    if (current.months === to) return okAsync<RetentionChange, StorageError>({ from: current.months, to, changed: false, inForce: current });
    const at = deps.clock.now();
    const audit = retentionChangeAudit(key, { staffId: input.staffId, sourceIp: input.sourceIp, at, from: current.months, to });
    return deps.settings
      .put(key, to, current.version, at, [audit])
      .map((stored) => ({ from: current.months, to, changed: true, inForce: { months: stored.value, source: "setting" as const, version: stored.version } }));
  });
};
