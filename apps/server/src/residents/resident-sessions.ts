import { randomBytes } from "node:crypto";

/** A login waiting for its second step (bound to this browser by the session cookie). */
export interface PendingResidentLogin {
  readonly accountId: string;
  readonly step: "totp" | "email_code";
  /** The email code's attempt id (never sent to the browser). */
  readonly attemptId: string | null;
  readonly startedAt: number;
}

/** A resident's server-side session: pending (second step to come) or logged in. */
export interface ResidentSession {
  readonly id: string;
  readonly accountId: string | null;
  readonly pending: PendingResidentLogin | null;
  /** Synchronizer token required on every state-changing request of a logged-in resident. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

/** Residents: 30 minutes idle, 12 hours at most; a pending second step lives 10 minutes (the email code's life). */
export const RESIDENT_SESSION_IDLE_MS = 30 * 60_000;
export const RESIDENT_SESSION_MAX_MS = 12 * 3_600_000;
export const PENDING_LOGIN_MS = 10 * 60_000;

/**
 * Server-side resident sessions with 256-bit random ids, in memory — the interim until the shared
 * SessionStore (`requireResidentSession`) is wired. A new id is drawn at each step of a login (no
 * fixation); logout destroys the session server-side.
 */
export const createResidentSessions = (now: () => number) => {
  const sessions = new Map<string, ResidentSession>();
  const make = (accountId: string | null, pending: PendingResidentLogin | null): ResidentSession => {
    const session: ResidentSession = {
      id: randomBytes(32).toString("base64url"),
      accountId,
      pending,
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: now(),
      lastSeenAt: now(),
    };
    sessions.set(session.id, session);
    return session;
  };
  return {
    /** A session waiting for the second step. */
    pending: (login: Omit<PendingResidentLogin, "startedAt">): ResidentSession => make(null, { ...login, startedAt: now() }),
    /** A logged-in session (replacing `previousId`, if any). */
    loggedIn: (accountId: string, previousId?: string): ResidentSession => {
      if (previousId !== undefined) sessions.delete(previousId);
      return make(accountId, null);
    },
    /** The live session for an id, or null when unknown or expired (then it is removed). */
    get: (id: string | undefined): ResidentSession | null => {
      if (id === undefined) return null;
      const s = sessions.get(id);
      if (s === undefined) return null;
      const t = now();
      const expired =
        s.pending !== null ? t - s.pending.startedAt > PENDING_LOGIN_MS : t - s.lastSeenAt > RESIDENT_SESSION_IDLE_MS || t - s.createdAt > RESIDENT_SESSION_MAX_MS;
      if (expired) {
        sessions.delete(id);
        return null;
      }
      s.lastSeenAt = t;
      return s;
    },
    destroy: (id: string): void => {
      sessions.delete(id);
    },
    /** Ends every session of an account (after a password reset or change of address elsewhere). */
    destroyAccount: (accountId: string, exceptId?: string): void => {
      for (const [id, s] of sessions) if ((s.accountId === accountId || s.pending?.accountId === accountId) && id !== exceptId) sessions.delete(id);
    },
  };
};

/** The resident session registry. */
export type ResidentSessions = ReturnType<typeof createResidentSessions>;
