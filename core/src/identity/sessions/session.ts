/** Who a session belongs to: a staff member or a resident, by account id. */
export interface SessionPrincipal {
  readonly kind: "staff" | "resident";
  readonly id: string;
}

/**
 * What a session grants. `pending` is a half-done login — the password passed, a second factor or
 * the TOTP enrolment is still due — and grants nothing but finishing that step.
 */
export type SessionStage =
  | { readonly kind: "active" }
  | { readonly kind: "pending"; readonly due: "second_factor" | "totp_enrolment" };

/**
 * A session as stored. The store keeps only `idHash` (SHA-256 of the id that is in the cookie), so a
 * copy of the sessions table lets nobody in. `expiresAt` is the absolute end fixed at login; the
 * idle end is `lastSeenAt + idle timeout` of the principal's {@link SessionPolicy}.
 */
export interface SessionRecord {
  readonly idHash: string;
  readonly principal: SessionPrincipal;
  readonly stage: SessionStage;
  /** Synchronizer token required on every state-changing request (not a credential by itself). */
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  /** When the person last re-proved their second factor in this session, or `null`. */
  readonly stepUpAt: Date | null;
  /** A login attempt id bound to a pending session (e.g. an emailed code's attempt), or `null`. */
  readonly attemptId: string | null;
}

/** Idle timeout, absolute lifetime and the life of a pending (half-done) login. */
export interface SessionPolicy {
  readonly idleTimeoutMs: number;
  readonly absoluteLifetimeMs: number;
  readonly pendingLifetimeMs: number;
}

/** Staff: 30 minutes idle, 12 hours at most (a working day), 10 minutes to finish a login. */
export const STAFF_SESSION_POLICY: SessionPolicy = { idleTimeoutMs: 30 * 60_000, absoluteLifetimeMs: 12 * 3_600_000, pendingLifetimeMs: 10 * 60_000 };
/** Residents: 60 minutes idle (forms take time to fill in), 24 hours at most, 10 minutes to finish a login. */
export const RESIDENT_SESSION_POLICY: SessionPolicy = { idleTimeoutMs: 60 * 60_000, absoluteLifetimeMs: 24 * 3_600_000, pendingLifetimeMs: 10 * 60_000 };

/** The policy of a principal's kind. */
export const sessionPolicyFor = (kind: SessionPrincipal["kind"]): SessionPolicy => (kind === "staff" ? STAFF_SESSION_POLICY : RESIDENT_SESSION_POLICY);

/** Whether a stored session is over at `now` (absolute end, idle end, or a pending login left too long). */
export const sessionExpired = (record: SessionRecord, now: Date, policy: SessionPolicy = sessionPolicyFor(record.principal.kind)): boolean => {
  const t = now.getTime();
  if (t >= record.expiresAt.getTime()) return true;
  if (t - record.lastSeenAt.getTime() >= policy.idleTimeoutMs) return true;
  return record.stage.kind === "pending" && t - record.createdAt.getTime() >= policy.pendingLifetimeMs;
};
