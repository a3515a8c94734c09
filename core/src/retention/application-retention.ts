import type { ResultAsync } from "neverthrow";
import type { Application } from "../applications/application.ts";
import { isTerminal } from "../applications/application-transitions.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { retentionInForce, type RetentionInForce } from "../settings/retention-setting.ts";
import type { SettingsStore } from "../settings/settings-store.port.ts";

/**
 * The deployment's default retention of finished applications: 12 months, the period most municipal document
 * rules give a certificate request (住民票の写し等交付請求書: 1 year); an administrator may set 6–120.
 */
export const DEFAULT_APPLICATION_RETENTION_MONTHS = 12;

/** The setting key of the retention of finished applications, also the id of the audit target of its changes. */
export const APPLICATION_RETENTION_SETTING = "applications.retentionMonths" as const;

/**
 * The retention of finished applications in force: the administrator's setting, else `defaultMonths` (the
 * deployment's `MADOGUCHI_APPLICATION_RETENTION_MONTHS`).
 */
export const applicationRetentionInForce = (settings: SettingsStore, defaultMonths: number): ResultAsync<RetentionInForce, StorageError> =>
  retentionInForce(settings, APPLICATION_RETENTION_SETTING, defaultMonths);

/**
 * When an application finished: the time it entered its terminal status (完了, 不受理 or 取下げ), or null while it
 * can still change. In-process applications never expire (seed A: even at service end they are exported, not
 * dropped). The history, not `updatedAt`, because a payment answer may still touch a finished application.
 */
export const applicationFinishedAt = (application: Application): Date | null => {
  if (!isTerminal(application.status)) return null;
  for (let i = application.history.length - 1; i >= 0; i--) {
    const change = application.history[i]!;
    if (change.to === application.status) return change.at;
  }
  return application.updatedAt;
};

/**
 * `instant` moved by whole calendar months in UTC (negative: back), the day clamped to the month's last
 * (31 March + 1 month = 30 April), so a period of N months is never shorter than N months.
 */
export const addCalendarMonths = (instant: Date, months: number): Date => {
  const d = new Date(instant.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
};

/** When a finished application's retention ends, or null while it is in process. */
export const applicationExpiresAt = (application: Application, months: number): Date | null => {
  const finished = applicationFinishedAt(application);
  return finished === null ? null : addCalendarMonths(finished, months);
};

/**
 * The finish time before which applications are past a retention of `months` at `now`: an application that
 * finished strictly before it has been kept at least `months` months.
 */
export const retentionCutoff = (now: Date, months: number): Date => addCalendarMonths(now, -months);
