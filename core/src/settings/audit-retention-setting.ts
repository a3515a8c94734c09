import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { decodeSettingValue, type InvalidSettingValue } from "./municipality-setting.ts";
import type { SettingsStore } from "./settings-store.port.ts";

/** The setting key of the audit retention, also the id of the audit target of its changes. */
export const AUDIT_RETENTION_SETTING = "audit.retentionMonths" as const;

/** The retention in force and where it comes from. */
export interface AuditRetentionInForce {
  readonly months: number;
  /** `setting`: set by an administrator; `default`: nobody did, the deployment's default applies. */
  readonly source: "setting" | "default";
  /** The stored version (0 when not set): what a change expects. */
  readonly version: number;
}

/**
 * The audit retention in force: the administrator's setting, else `defaultMonths` (the deployment's
 * `MADOGUCHI_AUDIT_RETENTION_MONTHS`, itself 36 by default). Read on every maintenance run, so a change
 * counts from the next run without a restart.
 */
export const auditRetentionInForce = (settings: SettingsStore, defaultMonths: number): ResultAsync<AuditRetentionInForce, StorageError> =>
  settings
    .get(AUDIT_RETENTION_SETTING)
    .map((stored) => (stored === null ? { months: defaultMonths, source: "default", version: 0 } : { months: stored.value, source: "setting", version: stored.version }));

/** Ports of {@link changeAuditRetention}. */
export interface ChangeAuditRetentionDeps {
  readonly settings: SettingsStore;
  readonly clock: Clock;
}

/** A change request, already authorised (permission `retention.manage` and a recent step-up). */
export interface ChangeAuditRetentionInput {
  /** The new period, as received: decoded here (whole months, 12..1200). */
  readonly months: unknown;
  readonly defaultMonths: number;
  readonly staffId: string;
  readonly sourceIp: string | null;
}

/** What a change did: `changed` is false when the value was already in force (nothing written or audited). */
export interface AuditRetentionChange {
  readonly from: number;
  readonly to: number;
  readonly changed: boolean;
  readonly inForce: AuditRetentionInForce;
}

/** The audit entry of a retention change: who, from, to — written in the change's transaction. */
export const auditRetentionChangeAudit = (input: { staffId: string; sourceIp: string | null; at: Date; from: number; to: number }): AuditEntryDraft => ({
  at: input.at,
  actor: { kind: "staff", id: input.staffId },
  action: "configuration.changed",
  target: { kind: "configuration", id: AUDIT_RETENTION_SETTING },
  result: "success",
  sourceIp: input.sourceIp,
  details: { from: input.from, to: input.to },
});

/**
 * An administrator sets how long the audit log is kept. The value is decoded first (an invalid one
 * writes nothing); the write is conditional on the version just read, so the audited "from" is the
 * value actually replaced (a concurrent change makes this one a `conflict`). Shortening it makes the
 * next maintenance run delete the segments past the new period — which is why the entry is never lost.
 */
export const changeAuditRetention = (
  deps: ChangeAuditRetentionDeps,
  input: ChangeAuditRetentionInput,
): ResultAsync<AuditRetentionChange, InvalidSettingValue | StorageError> => {
  const decoded = decodeSettingValue(AUDIT_RETENTION_SETTING, input.months);
  if (decoded.isErr()) return errAsync(decoded.error);
  const to = decoded.value;
  return auditRetentionInForce(deps.settings, input.defaultMonths).andThen((current) => {
    if (current.months === to) return okAsync<AuditRetentionChange, StorageError>({ from: current.months, to, changed: false, inForce: current });
    const at = deps.clock.now();
    const audit = auditRetentionChangeAudit({ staffId: input.staffId, sourceIp: input.sourceIp, at, from: current.months, to });
    return deps.settings
      .put(AUDIT_RETENTION_SETTING, to, current.version, at, [audit])
      .map((stored) => ({ from: current.months, to, changed: true, inForce: { months: stored.value, source: "setting" as const, version: stored.version } }));
  });
};
