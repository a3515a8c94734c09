import type { Authorization } from "./payment-gateway.port.ts";

/** How far an authorisation has gone; money only moves forward (captured and voided both end it). */
const RANK: Readonly<Record<Authorization["status"], number>> = { challenge_required: 0, authorized: 1, captured: 2, voided: 2 };

/**
 * The more advanced of two reports of the same authorisation (webhook snapshots, lookups). It is
 * commutative, associative and idempotent, so folding webhook events in any order, with duplicates,
 * gives the same state (ADR 0027): a later status wins, and between two captured snapshots the one
 * with more refunded (refunds only add up). Different authorisations are a programmer error.
 */
export const mergeAuthorizationState = (a: Authorization, b: Authorization): Authorization => {
  if (a.id !== b.id) throw new RangeError("mergeAuthorizationState: two different authorisations");
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] > RANK[b.status] ? a : b;
  // Captured and voided exclude each other; should a gateway ever report both, prefer the one holding money.
  if (a.status !== b.status) return a.status === "captured" ? a : b;
  if (a.refundedAmount !== b.refundedAmount) return a.refundedAmount > b.refundedAmount ? a : b;
  return a.capturedAmount >= b.capturedAmount ? a : b;
};
