import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { ResidentSession, ResidentSessions } from "../residents/resident-sessions.ts";
import { requestLocale } from "./locale.ts";
import type { ServerDeps } from "./server-deps.ts";
import { readCookie } from "./staff-auth.ts";

/**
 * Name of the resident session cookie. `__Host-`: Secure, host-only, path `/` (browsers treat
 * http://localhost as secure, so this holds in development too).
 */
export const RESIDENT_COOKIE = "__Host-madoguchi-resident";

/**
 * The logged-in resident's account id for a request, or null (no cookie, unknown, expired or still
 * pending its second step). Used by the submission to link the application to the account (R8).
 */
export const residentAccountOf = async (deps: ServerDeps, req: Request): Promise<string | null> => {
  const session = await deps.residentAccounts.sessions.get(readCookie(req, RESIDENT_COOKIE));
  return session?.accountId ?? null;
};

/** The `Set-Cookie` value of a resident session. */
export const residentCookie = (id: string) => `${RESIDENT_COOKIE}=${id}; Path=/; Secure; HttpOnly; SameSite=Strict`;

const sameToken = (presented: string | undefined, expected: string): boolean => {
  const a = Buffer.from(presented ?? "", "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The logged-in resident's session, set by {@link requireResidentSession}. */
export const residentSessionOf = (res: Response): ResidentSession & { readonly accountId: string } =>
  res.locals["residentSession"] as ResidentSession & { readonly accountId: string };

/** Middleware: a logged-in resident; on state changes also the session's CSRF token in `X-CSRF-Token`. */
export const requireResidentSession = (sessions: ResidentSessions) => async (req: Request, res: Response, next: NextFunction) => {
  const session = await sessions.get(readCookie(req, RESIDENT_COOKIE));
  const locale = requestLocale(req);
  if (session === null || session.accountId === null) {
    res.status(401).json({ error: { code: "resident.unauthenticated", message: locale === "ja" ? "ログインしてください。" : "Please log in." } });
    return;
  }
  if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !sameToken(req.get("x-csrf-token"), session.csrfToken)) {
    res.status(403).json({ error: { code: "resident.csrf", message: locale === "ja" ? "画面を再読み込みしてください。" : "Reload the page." } });
    return;
  }
  res.locals["residentSession"] = session;
  next();
};

/** Ends a login step successfully: the session (the pending one rotated to a new id) and its CSRF token. */
export const completeResidentLogin = async (sessions: ResidentSessions, res: Response, accountId: string, previousId?: string) => {
  const session = await sessions.loggedIn(accountId, previousId);
  res.set("Set-Cookie", residentCookie(session.id));
  res.json({ step: "done", csrfToken: session.csrfToken });
};
