/**
 * The events the audit log records (issue 4, SECURITY.md "Audit log"). A closed list: adding one is a
 * deliberate change, so every consumer (filters, the staff viewer, reports) sees it.
 */
export const AUDIT_ACTIONS = [
  "staff.login",
  "staff.logout",
  "staff.passkey_added",
  "staff.passkey_removed",
  "staff.totp_enrolled",
  "staff.recovery_code_used",
  "staff.step_up",
  "staff.account_issued",
  "staff.account_unlocked",
  "staff.password_reset_started",
  "staff.password_set",
  "staff.account_disabled",
  "staff.account_enabled",
  "staff.notification_address_changed",
  "access.denied",
  "authorization.denied",
  "application.viewed",
  "application.listed",
  "application.exported",
  "applications.exported",
  "application.submitted",
  "application.status_changed",
  "application.withdrawn",
  "application.intake_corrected",
  "application.purged",
  "fee.changed",
  "settlement.viewed",
  "payment.reconciled",
  "payment.disagreement",
  "staff.reminders_sent",
  "configuration.changed",
  "audit.viewed",
  "audit.exported",
  "audit.checkpointed",
  "audit.segments_expired",
  "backup.created",
  "backup.failed",
  "security.alert",
  "staff_group.saved",
  "staff_group.deleted",
  "staff_group.member_added",
  "staff_group.member_removed",
  "staff_role.assigned",
  "staff_role.revoked",
  "resident.login",
  "resident.account_changed",
  "approval.requested",
  "approval.approved",
  "approval.rejected",
  "approval.used",
  "signing.handoff",
  "signing.session",
  "counter.scan_read",
  "counter.form_printed",
  "counter.document_stored",
  "counter.memo_changed",
  "counter.records_read",
  "counter.records_searched",
  "counter.record_viewed",
  "counter.document_viewed",
  "counter.record_purged",
  /** N9: an uploaded file held malware and was refused (details: the upload's kind, its size, the signature; never content). */
  "upload.malware_found",
] as const;

/** One audited event name, e.g. `application.viewed`. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who acted. Ids only, never names, addresses or emails. `anonymous` is an unauthenticated caller
 * (a failed login for an unknown login id, a request without a session); its `id` is null.
 */
export interface AuditActor {
  readonly kind: "staff" | "resident" | "system" | "anonymous";
  readonly id: string | null;
}

/** What was acted on, by id: `application` (its internal id), `staff_account`, `audit_log`, … */
export interface AuditTarget {
  readonly kind: "application" | "staff_account" | "staff_group" | "session" | "audit_log" | "configuration" | "fee" | "resident_account" | "approval_request" | "counter_record";
  readonly id: string;
}

/** How the event ended: done, failed (e.g. wrong password, storage failure), or refused by access control. */
export type AuditResult = "success" | "failure" | "denied";

/**
 * Extra facts about the event: ids, codes, counts, statuses — **never personal data** (no names,
 * addresses, emails, phone numbers, My Number, passwords, tokens or card data). Values are scalars so
 * that the canonical encoding is simple and the staff viewer can show them as they are.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** An event to record, before the log gives it a place in the chain. */
export interface AuditEntryDraft {
  /** When it happened (UTC; millisecond precision). */
  readonly at: Date;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly target: AuditTarget | null;
  readonly result: AuditResult;
  /** The client's IP address as the server saw it (after trusted proxies), or null for system events. */
  readonly sourceIp: string | null;
  readonly details: AuditDetails;
}

/**
 * An entry of the hash-chained log: the draft plus its position. `hash` is
 * `SHA-256(hash of seq-1 ‖ canonicalAuditEntry(entry))` (see `audit-chain.ts`).
 */
export interface AuditEntry extends AuditEntryDraft {
  /** 1, 2, 3, … without gaps for the life of the log (expired segments keep their numbers). */
  readonly seq: number;
  /** The segment (UTC month, `YYYY-MM`) the entry belongs to: the unit of retention. */
  readonly segment: string;
  /** Lower-case hex SHA-256 chaining this entry to its predecessor. */
  readonly hash: string;
}
