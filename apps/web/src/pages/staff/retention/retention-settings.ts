import type { ApprovalKind } from "../approvals/approvals-api.ts";

/**
 * The retention periods staff may change, by the approval kind that shortening each one needs (ADR 24), with the
 * setting's endpoint (`GET` shows it, `PUT { months, approvalId? }` changes it). One table, so the form that asks
 * and the approvals page that carries the approved change out cannot send a kind's months to another setting.
 */
export const RETENTION_SETTING_PATHS = {
  "retention.shorten": "/api/staff/settings/audit-retention",
  "applications.retention.shorten": "/api/staff/settings/application-retention",
} as const satisfies Partial<Record<ApprovalKind, string>>;

/** An approval kind that shortens a retention period. */
export type RetentionShortening = keyof typeof RETENTION_SETTING_PATHS;

export const isRetentionShortening = (kind: ApprovalKind): kind is RetentionShortening => Object.hasOwn(RETENTION_SETTING_PATHS, kind);

/** `GET/PUT` of a retention setting. */
export interface RetentionView {
  readonly months: number;
  readonly source: "setting" | "default";
  readonly defaultMonths: number;
  readonly minMonths: number;
  readonly maxMonths: number;
  readonly canChange: boolean;
}
