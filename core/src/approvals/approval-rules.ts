import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { StaffPermission } from "../staff/staff-permission.ts";
import { approvalRefused, type ApprovalRefused } from "./approval.errors.ts";
import {
  APPROVAL_PERMISSION,
  APPROVAL_SUBJECT_SCHEMAS,
  sameSubject,
  type ApprovalKind,
  type ApprovalRequest,
  type ApprovalState,
  type ApprovalSubject,
} from "./approval-request.ts";

/** How long a request waits for a decision before it lapses: 7 days (a colleague may be away for a few days). */
export const APPROVAL_PENDING_MS = 7 * 24 * 60 * 60_000;
/** How long an approval may be carried out after it was given: 24 hours, so it is not kept as a standing licence. */
export const APPROVAL_USE_WINDOW_MS = 24 * 60 * 60_000;

/** Where `request` stands at `now`: a pending request past `expiresAt`, or an approval past `usableUntil`, is `expired`. */
export const approvalStateAt = (request: ApprovalRequest, now: Date): ApprovalState => {
  if (request.status === "pending" && now.getTime() >= request.expiresAt.getTime()) return "expired";
  if (request.status === "approved" && request.usableUntil !== null && now.getTime() >= request.usableUntil.getTime()) return "expired";
  return request.status;
};

/** The subject decoded against its kind's schema (unknown keys dropped), or `approval.invalid_subject`. */
export const decodeApprovalSubject = (kind: ApprovalKind, subject: unknown): Result<ApprovalSubject, ApprovalRefused> => {
  const decoded = Schema.decodeUnknownResult(APPROVAL_SUBJECT_SCHEMAS[kind] as Schema.Codec<ApprovalSubject, unknown>)(subject);
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(approvalRefused("approval.invalid_subject"));
};

/** A new request (already authorised: the requester holds the kind's permission). */
export interface NewApprovalRequest {
  readonly id: string;
  readonly kind: ApprovalKind;
  readonly subject: unknown;
  readonly requestedBy: string;
  readonly now: Date;
}

/** A pending request for `kind` and `subject`, lapsing after {@link APPROVAL_PENDING_MS}. */
export const newApprovalRequest = (input: NewApprovalRequest): Result<ApprovalRequest, ApprovalRefused> =>
  decodeApprovalSubject(input.kind, input.subject).map((subject) => ({
    id: input.id,
    kind: input.kind,
    subject,
    requestedBy: input.requestedBy,
    requestedAt: input.now,
    expiresAt: new Date(input.now.getTime() + APPROVAL_PENDING_MS),
    status: "pending",
    decidedBy: null,
    decidedAt: null,
    usableUntil: null,
    usedAt: null,
    version: 1,
  }));

/** The staff member deciding, as the server found them at the time of the decision. */
export interface Approver {
  readonly staffId: string;
  /** False when the account is unknown or disabled: such an approver cannot decide. */
  readonly active: boolean;
  /** Their effective permissions (roles read fresh). */
  readonly permissions: ReadonlySet<StaffPermission>;
}

/** Whether `approver` may decide `request` at all (the same rule lists what each member is shown). */
export const mayDecide = (request: ApprovalRequest, approver: Approver): Result<void, ApprovalRefused> => {
  if (approver.staffId === request.requestedBy) return err(approvalRefused("approval.self_approval"));
  if (!approver.active) return err(approvalRefused("approval.approver_inactive"));
  if (!approver.permissions.has(APPROVAL_PERMISSION[request.kind])) return err(approvalRefused("approval.not_permitted"));
  return ok(undefined);
};

/**
 * Approves or rejects a pending request: only **another**, active staff member holding the permission
 * the action needs, only once, only before it lapses. An approval opens a window of
 * {@link APPROVAL_USE_WINDOW_MS} for the requester to carry it out.
 */
export const decideApproval = (request: ApprovalRequest, approver: Approver, decision: "approve" | "reject", now: Date): Result<ApprovalRequest, ApprovalRefused> =>
  mayDecide(request, approver).andThen(() => {
    const state = approvalStateAt(request, now);
    if (state === "expired") return err(approvalRefused("approval.expired"));
    if (state !== "pending") return err(approvalRefused("approval.not_pending"));
    return ok({
      ...request,
      status: decision === "approve" ? ("approved" as const) : ("rejected" as const),
      decidedBy: approver.staffId,
      decidedAt: now,
      usableUntil: decision === "approve" ? new Date(now.getTime() + APPROVAL_USE_WINDOW_MS) : null,
      version: request.version + 1,
    });
  });

/** What the requester is about to do with an approval: the kind and the subject must be the approved ones. */
export interface ApprovalUse {
  readonly staffId: string;
  readonly kind: ApprovalKind;
  readonly subject: ApprovalSubject;
  readonly now: Date;
}

/**
 * Carries out an approval: by the requester, for exactly the approved kind and subject, within the
 * window, **once** (the result is `used`; the store's versioned update makes two racing uses one).
 */
export const useApproval = (request: ApprovalRequest, use: ApprovalUse): Result<ApprovalRequest, ApprovalRefused> => {
  if (use.staffId !== request.requestedBy) return err(approvalRefused("approval.not_requester"));
  if (use.kind !== request.kind || !sameSubject(use.subject, request.subject)) return err(approvalRefused("approval.subject_mismatch"));
  const state = approvalStateAt(request, use.now);
  if (state === "used") return err(approvalRefused("approval.already_used"));
  if (state === "expired") return err(approvalRefused("approval.expired"));
  if (state !== "approved") return err(approvalRefused("approval.not_approved"));
  return ok({ ...request, status: "used", usedAt: use.now, version: request.version + 1 });
};
