import type { Request, RequestHandler, Response } from "express";
import type { StaffSession, StaffSessions } from "../staff/staff-sessions.ts";
import { requireStaffSession, staffSessionOf } from "./sessions/require-staff-session.ts";
import { clearedSessionCookie, readCookie, sessionCookie, STAFF_COOKIE } from "./sessions/session-cookies.ts";

/*
 * The staff routers' original names, kept as thin wrappers over `http/sessions/` so that routes
 * written against them keep working. New code uses `requireStaffSession` / `staffSessionOf`.
 */
export { readCookie, STAFF_COOKIE };

export const staffCookie = (sessionId: string): string => sessionCookie(STAFF_COOKIE, sessionId);
export const clearedStaffCookie = (): string => clearedSessionCookie(STAFF_COOKIE);

/** The request's staff session, set by {@link requireStaff}. */
export const staffSession = (res: Response): StaffSession => staffSessionOf(res);

/** = `requireStaffSession`: a fully logged-in staff session and, on changes, the CSRF token. */
export const requireStaff = (
  sessions: StaffSessions,
  onDenied: (req: Request, reason: "unauthenticated" | "csrf", staffId: string | null) => Promise<void> | void = () => undefined,
): RequestHandler => requireStaffSession(sessions, onDenied);
