import { randomBytes } from "node:crypto";
import type { StaffAccount } from "@madoguchi/core";

/** A logged-in staff member's server-side session. */
export interface StaffSession {
  readonly id: string;
  readonly staff: Pick<StaffAccount, "id" | "loginId" | "displayName">;
  /** Synchronizer token required on every state-changing staff request. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

/** Inactivity timeout (30 min) and absolute lifetime (12 h) of staff sessions. */
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000;
export const STAFF_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

/**
 * Server-side staff sessions with 256-bit random ids. In memory for the walking skeleton; identity
 * (issue 4) moves them behind a SessionStore port so several app instances can share them.
 */
export const createStaffSessions = (now: () => number) => {
  const sessions = new Map<string, StaffSession>();
  return {
    create(staff: StaffSession["staff"]): StaffSession {
      const session: StaffSession = {
        id: randomBytes(32).toString("base64url"),
        staff,
        csrfToken: randomBytes(32).toString("base64url"),
        createdAt: now(),
        lastSeenAt: now(),
      };
      sessions.set(session.id, session);
      return session;
    },
    /** The live session for an id, or null when unknown, idle too long or too old (then it is removed). */
    get(id: string | undefined): StaffSession | null {
      if (id === undefined) return null;
      const s = sessions.get(id);
      if (s === undefined) return null;
      const t = now();
      if (t - s.lastSeenAt > STAFF_SESSION_IDLE_MS || t - s.createdAt > STAFF_SESSION_MAX_MS) {
        sessions.delete(id);
        return null;
      }
      s.lastSeenAt = t;
      return s;
    },
    destroy(id: string): void {
      sessions.delete(id);
    },
  };
};

export type StaffSessions = ReturnType<typeof createStaffSessions>;
