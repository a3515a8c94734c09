import {
  APPLICATION_RETENTION_SETTING,
  AUDIT_RETENTION_SETTING,
  MAX_APPLICATION_RETENTION_MONTHS,
  MAX_AUDIT_RETENTION_MONTHS,
  MIN_APPLICATION_RETENTION_MONTHS,
  MIN_AUDIT_RETENTION_MONTHS,
  retentionInForce,
  type ApprovalKind,
  type RetentionSettingKey,
  type StaffPermission,
} from "@madoguchi/core";
import type { ServerDeps } from "../http/server-deps.ts";

/** One retention period an administrator sets (S4: per kind of data). */
export interface RetentionSettingRoute {
  readonly path: string;
  readonly key: RetentionSettingKey;
  readonly minMonths: number;
  readonly maxMonths: number;
  /** The deployment's value, in force while nobody set one. */
  readonly defaultMonths: (deps: ServerDeps) => number;
  /** Who may read it besides `retention.manage`. */
  readonly readers: readonly [StaffPermission, ...StaffPermission[]];
  /** The two-person approval a shortening needs. */
  readonly shortening: ApprovalKind;
}

/** The retention periods set on the staff listener: the audit log's (ADR 21) and finished applications' (ADR 33). */
export const RETENTION_SETTING_ROUTES: readonly RetentionSettingRoute[] = [
  {
    path: "/api/staff/settings/audit-retention",
    key: AUDIT_RETENTION_SETTING,
    minMonths: MIN_AUDIT_RETENTION_MONTHS,
    maxMonths: MAX_AUDIT_RETENTION_MONTHS,
    defaultMonths: (deps) => deps.auditRetentionMonths,
    readers: ["audit.view", "retention.manage"],
    shortening: "retention.shorten",
  },
  {
    path: "/api/staff/settings/application-retention",
    key: APPLICATION_RETENTION_SETTING,
    minMonths: MIN_APPLICATION_RETENTION_MONTHS,
    maxMonths: MAX_APPLICATION_RETENTION_MONTHS,
    defaultMonths: (deps) => deps.applicationRetentionMonths,
    readers: ["retention.manage"],
    shortening: "applications.retention.shorten",
  },
];

/** The retention in force for a route: the administrator's value, else the deployment's. */
export const retentionOf = (deps: ServerDeps, route: RetentionSettingRoute) => retentionInForce(deps.settings, route.key, route.defaultMonths(deps));

