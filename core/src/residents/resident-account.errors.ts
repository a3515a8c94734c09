import type { ResidentTokenRejection } from "./resident-email-token.ts";

/** The address typed is not an email address. */
export interface ResidentEmailInvalid {
  readonly _tag: "ResidentEmailInvalid";
  readonly code: "resident.email_invalid";
}
/** The single {@link ResidentEmailInvalid} value. */
export const RESIDENT_EMAIL_INVALID: ResidentEmailInvalid = Object.freeze({ _tag: "ResidentEmailInvalid", code: "resident.email_invalid" });

/**
 * An emailed link (verification, address change, reset) is unknown, used, expired or superseded.
 * One answer for all of them; the reason is for the audit log only.
 */
export interface ResidentLinkInvalid {
  readonly _tag: "ResidentLinkInvalid";
  readonly code: "resident.link_invalid";
  readonly reason: ResidentTokenRejection | "used" | "second_factor_required" | "raced";
}
/** Builds a {@link ResidentLinkInvalid}. */
export const residentLinkInvalid = (reason: ResidentLinkInvalid["reason"]): ResidentLinkInvalid => ({
  _tag: "ResidentLinkInvalid",
  code: "resident.link_invalid",
  reason,
});

/**
 * The password was right but the address was never verified. Safe to tell apart: only someone who
 * knows the password gets it.
 */
export interface ResidentEmailNotVerified {
  readonly _tag: "ResidentEmailNotVerified";
  readonly code: "resident.email_not_verified";
}

/** A second factor is required for this change and the one given was wrong (settings pages). */
export interface ResidentSecondFactorRejected {
  readonly _tag: "ResidentSecondFactorRejected";
  readonly code: "resident.second_factor_rejected";
}
/** The single {@link ResidentSecondFactorRejected} value. */
export const RESIDENT_SECOND_FACTOR_REJECTED: ResidentSecondFactorRejected = Object.freeze({
  _tag: "ResidentSecondFactorRejected",
  code: "resident.second_factor_rejected",
});

/** The session's account no longer exists, or changed concurrently: reload and try again. */
export interface ResidentAccountGone {
  readonly _tag: "ResidentAccountGone";
  readonly code: "resident.account_gone";
}
/** The single {@link ResidentAccountGone} value. */
export const RESIDENT_ACCOUNT_GONE: ResidentAccountGone = Object.freeze({ _tag: "ResidentAccountGone", code: "resident.account_gone" });

/**
 * A passkey is offered as the phishing-resistant way through the login's *second* step: an account
 * without a second step (`none`) has no step for it to stand in for, so it must choose one first.
 */
export interface ResidentPasskeyNeedsSecondFactor {
  readonly _tag: "ResidentPasskeyNeedsSecondFactor";
  readonly code: "resident.passkey_needs_second_factor";
}
/** The single {@link ResidentPasskeyNeedsSecondFactor} value. */
export const RESIDENT_PASSKEY_NEEDS_SECOND_FACTOR: ResidentPasskeyNeedsSecondFactor = Object.freeze({
  _tag: "ResidentPasskeyNeedsSecondFactor",
  code: "resident.passkey_needs_second_factor",
});
