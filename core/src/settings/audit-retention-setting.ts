import type { ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { InvalidSettingValue } from "./municipality-setting.ts";
import {
  changeRetention,
  retentionChangeAudit,
  retentionInForce,
  type ChangeRetentionDeps,
  type ChangeRetentionInput,
  type RetentionChange,
  type RetentionInForce,
} from "./retention-setting.ts";
import type { SettingsStore } from "./settings-store.port.ts";

/** The setting key of the audit retention, also the id of the audit target of its changes. */
export const AUDIT_RETENTION_SETTING = "audit.retentionMonths" as const;

/** The audit retention in force and where it comes from. */
export type AuditRetentionInForce = RetentionInForce;
/** Ports of {@link changeAuditRetention}. */
export type ChangeAuditRetentionDeps = ChangeRetentionDeps;
/** A change request of the audit retention (whole months, 12..1200), already authorised. */
export type ChangeAuditRetentionInput = ChangeRetentionInput;
/** What a change of the audit retention did. */
export type AuditRetentionChange = RetentionChange;

/**
 * The audit retention in force: the administrator's setting, else `defaultMonths` (the deployment's
 * `MADOGUCHI_AUDIT_RETENTION_MONTHS`, itself 36 by default).
 */
export const auditRetentionInForce = (settings: SettingsStore, defaultMonths: number): ResultAsync<AuditRetentionInForce, StorageError> =>
  retentionInForce(settings, AUDIT_RETENTION_SETTING, defaultMonths);

/** The audit entry of an audit retention change: who, from, to. */
export const auditRetentionChangeAudit = (input: { staffId: string; sourceIp: string | null; at: Date; from: number; to: number }): AuditEntryDraft =>
  retentionChangeAudit(AUDIT_RETENTION_SETTING, input);

/** An administrator sets how long the audit log is kept ({@link changeRetention}). */
export const changeAuditRetention = (deps: ChangeAuditRetentionDeps, input: ChangeAuditRetentionInput): ResultAsync<AuditRetentionChange, InvalidSettingValue | StorageError> =>
  changeRetention(deps, AUDIT_RETENTION_SETTING, input);
