import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { StaffSession, StaffSessions } from "../staff/staff-sessions.ts";

/**
 * Name of the staff session cookie. The `__Host-` prefix makes browsers refuse it unless it is Secure,
 * host-only and path `/` (browsers treat http://localhost as secure, so this holds in development too).
 */
export const STAFF_COOKIE = "__Host-madoguchi-staff";

export const staffCookie = (sessionId: string): string =>
  `${STAFF_COOKIE}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=Strict`;

export const clearedStaffCookie = (): string => `${STAFF_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;

/** Reads one cookie from the Cookie header without a parser dependency. */
export const readCookie = (req: Request, name: string): string | undefined => {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

/** Compares a presented token with the session's in constant time. */
const sameToken = (presented: string | undefined, expected: string): boolean => {
  const a = Buffer.from(presented ?? "", "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The request's staff session, set by {@link requireStaff}. */
export const staffSession = (res: Response): StaffSession => res.locals["staffSession"] as StaffSession;

/**
 * Requires a live staff session, and on every state-changing method the session's CSRF token in
 * `X-CSRF-Token` (synchronizer token; SameSite=Strict is the second layer). `onDenied` is told of
 * every refusal (the audit log records them).
 */
export const requireStaff =
  (
    sessions: StaffSessions,
    onDenied: (req: Request, reason: "unauthenticated" | "csrf", staffId: string | null) => Promise<void> | void = () => undefined,
  ): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    const session = sessions.get(readCookie(req, STAFF_COOKIE));
    if (session === null) {
      // The refusal is recorded before it is answered.
      void Promise.resolve(onDenied(req, "unauthenticated", null)).finally(() =>
        res.status(401).json({ error: { code: "staff.unauthenticated", message: "ログインしてください / Please log in" } }),
      );
      return;
    }
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !sameToken(req.get("x-csrf-token"), session.csrfToken)) {
      void Promise.resolve(onDenied(req, "csrf", session.staff.id)).finally(() =>
        res.status(403).json({ error: { code: "staff.csrf", message: "画面を再読み込みしてください / Reload the page" } }),
      );
      return;
    }
    res.locals["staffSession"] = session;
    next();
  };
