/**
 * Why an approval step was refused. Closed: the server maps each code to a status and a Japanese and
 * English message with an exhaustive switch.
 */
export type ApprovalRefusalCode =
  /** No such request. */
  | "approval.not_found"
  /** The subject does not fit the kind (e.g. months not a whole number). */
  | "approval.invalid_subject"
  /** The approver is the requester: four eyes means two people. */
  | "approval.self_approval"
  /** The approver's account is unknown or disabled. */
  | "approval.approver_inactive"
  /** The approver does not hold the permission the action needs. */
  | "approval.not_permitted"
  /** Already approved, rejected or used: a decision is made once. */
  | "approval.not_pending"
  /** The pending request or the approval's window has passed. */
  | "approval.expired"
  /** Only the requester carries out what they asked for. */
  | "approval.not_requester"
  /** Not approved (pending or rejected). */
  | "approval.not_approved"
  /** Already carried out once. */
  | "approval.already_used"
  /** The approval is for another action or another subject (another filter, another period). */
  | "approval.subject_mismatch";

/** A refused approval step (a domain error: nothing was changed). */
export interface ApprovalRefused {
  readonly _tag: "ApprovalRefused";
  readonly code: ApprovalRefusalCode;
}

/** The refusal with `code`. */
export const approvalRefused = (code: ApprovalRefusalCode): ApprovalRefused => ({ _tag: "ApprovalRefused", code });
