import type { AuditEntry } from "../audit/audit-entry.ts";

/** The security events the audit log is watched for (N5 "security events detected and alerted"). A closed list. */
export type SecurityAlertRule =
  /** A staff account was locked by failed sign-ins. */
  | "staff_account_locked"
  /** Many failed sign-ins (staff or resident) from one source address in a short time: guessing or credential stuffing. */
  | "login_failures_from_source"
  /** Many refusals of one staff member's requests in a short time: an account probing what it may not do. */
  | "authorization_denied_burst"
  /** A backup of the database failed its check. */
  | "backup_failed"
  /** N9: the malware scanner found something in an uploaded file (the subject is the staff member who uploaded it). */
  | "malware_found";

/** One alert: the rule, what it is about (a staff id or a source address), and the entry that set it off. */
export interface SecurityAlert {
  readonly rule: SecurityAlertRule;
  /** The staff account id or source address the events share; empty for single events. */
  readonly subject: string;
  /** How many events the window held when the alert was raised (1 for single events). */
  readonly count: number;
  /** The audit entry that raised it. */
  readonly seq: number;
  readonly at: Date;
}

/** Thresholds of the burst rules. */
export interface SecurityAlertThresholds {
  /** Failed sign-ins from one source within `windowMs` (default 20). */
  readonly loginFailuresPerSource: number;
  /** Authorization refusals of one staff member within `windowMs` (default 10). */
  readonly deniedPerStaff: number;
  readonly windowMs: number;
}

export const DEFAULT_SECURITY_ALERT_THRESHOLDS: SecurityAlertThresholds = { loginFailuresPerSource: 20, deniedPerStaff: 10, windowMs: 10 * 60_000 };

/** What a burst rule counts: the key an entry shares with others, or null when it does not count. */
const BURSTS: readonly { readonly rule: SecurityAlertRule; readonly threshold: (t: SecurityAlertThresholds) => number; readonly key: (e: AuditEntry) => string | null }[] = [
  {
    rule: "login_failures_from_source",
    threshold: (t) => t.loginFailuresPerSource,
    key: (e) => ((e.action === "staff.login" || e.action === "resident.login") && e.result === "failure" && e.sourceIp !== null ? e.sourceIp : null),
  },
  {
    rule: "authorization_denied_burst",
    threshold: (t) => t.deniedPerStaff,
    key: (e) => (e.action === "authorization.denied" && e.actor.kind === "staff" && e.actor.id !== null ? e.actor.id : null),
  },
];

/** A single event that is an alert by itself, and its subject. */
const singleEvent = (e: AuditEntry): { rule: SecurityAlertRule; subject: string } | null => {
  if (e.action === "staff.login" && e.result === "failure" && typeof e.details["lockedUntil"] === "string") return { rule: "staff_account_locked", subject: e.actor.id ?? "" };
  if (e.action === "backup.failed") return { rule: "backup_failed", subject: "" };
  if (e.action === "upload.malware_found") return { rule: "malware_found", subject: e.actor.id ?? "" };
  return null;
};

/**
 * The alerts the audit entries raise, in order. Pure and deterministic: given the entries of a window before
 * `afterSeq` as context, it decides exactly as the run that saw them did, so a watcher keeps no state beyond the
 * last sequence number it alerted through — and returns only the alerts raised after it.
 *
 * A burst rule raises one alert when its key reaches the threshold within the window, then stays quiet for that key
 * until a whole window has passed since the alert (a sustained attack is one alert per window, not one per attempt).
 */
export const detectSecurityAlerts = (entries: readonly AuditEntry[], afterSeq: number, thresholds: SecurityAlertThresholds = DEFAULT_SECURITY_ALERT_THRESHOLDS): SecurityAlert[] => {
  const alerts: SecurityAlert[] = [];
  const recent = new Map<string, number[]>();
  const lastAlert = new Map<string, number>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const at = e.at.getTime();
    const single = singleEvent(e);
    if (single !== null) alerts.push({ ...single, count: 1, seq: e.seq, at: e.at });
    for (const burst of BURSTS) {
      const key = burst.key(e);
      if (key === null) continue;
      const id = `${burst.rule}|${key}`;
      const times = (recent.get(id) ?? []).filter((t) => t > at - thresholds.windowMs);
      times.push(at);
      recent.set(id, times);
      const quietSince = lastAlert.get(id);
      if (times.length >= burst.threshold(thresholds) && (quietSince === undefined || at - quietSince >= thresholds.windowMs)) {
        lastAlert.set(id, at);
        alerts.push({ rule: burst.rule, subject: key, count: times.length, seq: e.seq, at: e.at });
      }
    }
  }
  return alerts.filter((a) => a.seq > afterSeq);
};
