import { Schema } from "effect";
import { ApplicationRetentionMonthsSchema, AuditRetentionMonthsSchema } from "../settings/municipality-setting.ts";
import type { StaffPermission } from "../staff/staff-permission.ts";

/**
 * The actions that need a second person's approval (SECURITY.md "Access control": four eyes for bulk
 * exports and shortening the retention). A closed list: each kind names the permission its approver
 * must hold and the shape of what is approved.
 */
export const APPROVAL_KINDS = ["retention.shorten", "applications.retention.shorten", "applications.export", "audit.export", "fee.change"] as const;

/** One action needing two people, e.g. `retention.shorten`. */
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Whether a string names an approval kind. */
export const isApprovalKind = (s: string): s is ApprovalKind => (APPROVAL_KINDS as readonly string[]).includes(s);

/**
 * The permission the action itself needs — which both the requester and the approver must hold: an
 * approver vouches for an action they could judge, not merely for a colleague.
 */
export const APPROVAL_PERMISSION: Readonly<Record<ApprovalKind, StaffPermission>> = {
  "retention.shorten": "retention.manage",
  "applications.retention.shorten": "retention.manage",
  "applications.export": "applications.export",
  "audit.export": "audit.view",
  "fee.change": "fees.change",
};

/**
 * What exactly is approved: the new retention (`{ months }`) or an export's filter (`{ status, columns }` for
 * applications; `{ staffId, action, targetId, from, to }` for the audit log). Ids, codes and dates only,
 * never personal data: it is shown to the approver and written into the audit log. Carrying out needs
 * the same subject, so an approval of one filter never releases another.
 */
export type ApprovalSubject = Readonly<Record<string, string | number | null>>;

/** Schemas of each kind's subject, the boundary for HTTP bodies and stored rows. */
const OptionalText = Schema.NullOr(Schema.String.pipe(Schema.check(Schema.isMaxLength(200))));
export const APPROVAL_SUBJECT_SCHEMAS = {
  "retention.shorten": Schema.Struct({ months: AuditRetentionMonthsSchema }),
  // The applications' retention (S4) is its own kind: an approval to keep the audit log 24 months never shortens
  // how long applications are kept, though both subjects are `{ months }`.
  "applications.retention.shorten": Schema.Struct({ months: ApplicationRetentionMonthsSchema }),
  // The chosen columns too (S3, comma-joined ids): an approval of the default columns never releases the address.
  // Optional only for requests stored before columns could be chosen; the server always sends them now.
  "applications.export": Schema.Struct({ status: OptionalText, columns: Schema.optionalKey(OptionalText) }),
  "audit.export": Schema.Struct({ staffId: OptionalText, action: OptionalText, targetId: OptionalText, from: OptionalText, to: OptionalText }),
  // The application and the amounts before and after (ADR 26): an approval of 1,810 → 460 yen never releases
  // another amount, nor the same change once the fee has moved meanwhile. The reason is free text: not in the subject.
  "fee.change": Schema.Struct({
    applicationId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
    from: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
    to: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
  }),
} as const;

/**
 * Where a request stands as stored. `expired` is not stored: it is read off the clock
 * ({@link approvalStateAt}), so no background job is needed for a request to lapse.
 */
export type ApprovalStatus = "pending" | "approved" | "rejected" | "used";

/** Every stored status. */
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ["pending", "approved", "rejected", "used"];

/** Where a request stands at a given time: its stored status, or `expired` once its window passed. */
export type ApprovalState = ApprovalStatus | "expired";

/** A request for a second person's approval, and what became of it. */
export interface ApprovalRequest {
  readonly id: string;
  readonly kind: ApprovalKind;
  readonly subject: ApprovalSubject;
  /** The staff member who asked, and the only one who may carry it out. */
  readonly requestedBy: string;
  readonly requestedAt: Date;
  /** A pending request lapses at this time. */
  readonly expiresAt: Date;
  readonly status: ApprovalStatus;
  /** Who approved or rejected it, and when (null while pending). */
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  /** An approved request may be carried out until this time (null unless approved). */
  readonly usableUntil: Date | null;
  readonly usedAt: Date | null;
  /** 1 when created, one more per change: what a store's conditional update checks. */
  readonly version: number;
}

/** Canonical text of a subject (keys sorted): what "the same subject" means, and how it is audited. */
export const canonicalSubject = (subject: ApprovalSubject): string =>
  JSON.stringify(Object.fromEntries(Object.keys(subject).sort().map((k) => [k, subject[k] ?? null])));

/** Whether two subjects are the same (same keys and values, in any order). */
export const sameSubject = (a: ApprovalSubject, b: ApprovalSubject): boolean => canonicalSubject(a) === canonicalSubject(b);
