import type { Logger } from "pino";
import {
  detectSecurityAlerts,
  type AuditEntry,
  type AuditLogStore,
  type AuditQuery,
  type Clock,
  type Mailer,
  type SecurityAlert,
  type SecurityAlertRule,
  type SecurityAlertThresholds,
} from "@madoguchi/core";
import { recordAudit } from "../audit/record-audit.ts";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";

/** What the watcher needs. */
export interface SecurityAlertDeps {
  readonly auditLog: AuditLogStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The city's service name, for the mail's subject. */
  readonly serviceName: string;
}

/** Who is told and when. */
export interface SecurityAlertSettings {
  /** `MADOGUCHI_SECURITY_ALERT_EMAILS`: the security contacts; none = alerts go to the audit log and the log only. */
  readonly recipients: readonly string[];
  readonly thresholds: SecurityAlertThresholds;
}

const PAGE = 1000;
/** After a restart the watcher looks this far back for events it has not alerted yet. */
const CATCH_UP_MS = 3_600_000;

const RULE_TEXT: Readonly<Record<SecurityAlertRule, { readonly ja: string; readonly en: string }>> = {
  staff_account_locked: { ja: "職員アカウントがサインインの失敗でロックされました", en: "A staff account was locked by failed sign-ins" },
  login_failures_from_source: { ja: "同じ接続元からサインインの失敗が続いています", en: "Many failed sign-ins from one source address" },
  authorization_denied_burst: { ja: "同じ職員の権限のない操作が続いています", en: "Many refused requests of one staff member" },
  backup_failed: { ja: "データベースのバックアップが検証に失敗しました", en: "A database backup failed its check" },
  malware_found: { ja: "アップロードされたファイルからウイルスなどの不正なプログラムが見つかりました", en: "Malware was found in an uploaded file" },
};

/** Every entry matching the query after `afterSeq`, page by page. */
const readAll = async (auditLog: AuditLogStore, query: Omit<AuditQuery, "limit">): Promise<AuditEntry[] | null> => {
  const out: AuditEntry[] = [];
  let after = query.afterSeq;
  for (;;) {
    const page = await auditLog.read({ ...query, afterSeq: after, limit: PAGE });
    if (page.isErr()) return null;
    out.push(...page.value);
    if (page.value.length < PAGE) return out;
    after = page.value.at(-1)!.seq;
  }
};

/** The mail of one alert: what happened, when, and where in the audit log — no names, addresses or IP addresses. */
const alertMail = (serviceName: string, alert: SecurityAlert, to: string, recipient: number) => {
  const text = RULE_TEXT[alert.rule];
  return {
    // Stable per alert and recipient: a receiver deduplicating by id keeps one per contact.
    id: `security-alert-${alert.rule}-${alert.seq}-${recipient}`,
    to,
    subject: `【${serviceName}】セキュリティ警告 / Security alert: ${text.ja}`,
    text: [
      `${text.ja}（${alert.count} 件）`,
      `${text.en} (${alert.count})`,
      "",
      `日時 / At: ${alert.at.toISOString()}`,
      `監査ログ / Audit log: seq ${alert.seq} (security.alert, ${alert.rule})`,
      "",
      "詳細は職員画面の監査ログで確認してください。 / See the audit log on the staff screens for details.",
    ].join("\n"),
  };
};

/**
 * N5 "logs analysed and monitored; security events detected and alerted": every few minutes the audit log's new
 * entries are run through core's `detectSecurityAlerts` (locked staff accounts, bursts of failed sign-ins from one
 * source or of refused requests of one member, failed backups, malware found in an upload). Each alert is written to the audit log
 * (`security.alert`: rule, subject, count, the entry that raised it, the last entry looked at) and mailed to the
 * security contacts. The watcher resumes after the last entry the latest alert looked at, or, without one, an hour
 * back; the entries of two windows before serve as context, so bursts are counted across runs.
 */
export const createSecurityAlertJob = (deps: SecurityAlertDeps, settings: SecurityAlertSettings): PeriodicJob<readonly SecurityAlert[]> => {
  let throughSeq: number | null = null;

  const resumePoint = async (now: Date): Promise<number | null> => {
    const alerts = await readAll(deps.auditLog, { afterSeq: 0, from: new Date(now.getTime() - 7 * 86_400_000), actions: ["security.alert"] });
    if (alerts === null) return null;
    const lastAlert = alerts.at(-1);
    if (lastAlert !== undefined) return Number(lastAlert.details["throughSeq"] ?? lastAlert.seq);
    const sinceAnHour = await deps.auditLog.read({ afterSeq: 0, from: new Date(now.getTime() - CATCH_UP_MS), limit: 1 });
    const head = await deps.auditLog.head();
    if (sinceAnHour.isErr() || head.isErr()) return null;
    const first = sinceAnHour.value[0];
    return first === undefined ? (head.value?.seq ?? 0) : first.seq - 1;
  };

  return periodicJob(
    async () => {
      const now = deps.clock.now();
      throughSeq ??= await resumePoint(now);
      if (throughSeq === null) return [];
      const fresh = await readAll(deps.auditLog, { afterSeq: throughSeq });
      if (fresh === null || fresh.length === 0) return [];
      const contextFrom = new Date(fresh[0]!.at.getTime() - 2 * settings.thresholds.windowMs);
      const context = await readAll(deps.auditLog, { afterSeq: 0, from: contextFrom, to: fresh[0]!.at });
      if (context === null) return [];
      const lastSeen = fresh.at(-1)!.seq;
      const alerts = detectSecurityAlerts([...context.filter((e) => e.seq <= throughSeq!), ...fresh], throughSeq, settings.thresholds);
      for (const alert of alerts) {
        const delivered: boolean[] = [];
        for (const [i, to] of settings.recipients.entries()) delivered.push((await deps.mailer.send(alertMail(deps.serviceName, alert, to, i))).isOk());
        deps.logger.warn({ event: "security.alert", rule: alert.rule, count: alert.count, seq: alert.seq, mailed: delivered.filter(Boolean).length }, "security alert");
        await recordAudit(deps, [
          {
            at: now,
            actor: { kind: "system", id: null },
            action: "security.alert",
            target: null,
            result: "success",
            sourceIp: null,
            details: { rule: alert.rule, subject: alert.subject, count: alert.count, triggerSeq: alert.seq, throughSeq: lastSeen, mailed: delivered.filter(Boolean).length, recipients: settings.recipients.length },
          },
        ]);
      }
      throughSeq = lastSeen;
      return alerts;
    },
    deps.logger,
    "security_alert.job_failed",
  );
};
