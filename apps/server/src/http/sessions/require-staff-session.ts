import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { steppedUpWithin, type Clock } from "@madoguchi/core";
import type { StaffSession, StaffSessions } from "../../staff/staff-sessions.ts";
import { readCookie, STAFF_COOKIE } from "./session-cookies.ts";

/** Why a staff request was refused (the audit log records each). */
export type StaffDenialReason = "unauthenticated" | "csrf" | "step_up_required";
type OnDenied = (req: Request, reason: "unauthenticated" | "csrf", staffId: string | null) => Promise<void> | void;
type OnStepUpDenied = (req: Request, reason: "step_up_required", staffId: string) => Promise<void> | void;

/** Compares a presented token with the session's in constant time. */
const sameToken = (presented: string | undefined, expected: string): boolean => {
  const a = Buffer.from(presented ?? "", "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
};

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/** The request's staff session, set by {@link requireStaffSession} (or {@link requirePendingStaffSession}). */
export const staffSessionOf = (res: Response): StaffSession => res.locals["staffSession"] as StaffSession;

const unavailable = (res: Response) =>
  res.status(503).json({ error: { code: "storage.unavailable", message: "しばらくしてからもう一度お試しください / Please try again later" } });

const guard =
  (sessions: StaffSessions, onDenied: OnDenied, accept: (s: StaffSession) => boolean): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      let session: StaffSession | null;
      try {
        session = await sessions.get(readCookie(req, STAFF_COOKIE));
      } catch {
        unavailable(res);
        return;
      }
      if (session === null || !accept(session)) {
        // The refusal is recorded before it is answered.
        await Promise.resolve(onDenied(req, "unauthenticated", session?.staff.id ?? null)).catch(() => undefined);
        res.status(401).json({ error: { code: "staff.unauthenticated", message: "ログインしてください / Please log in" } });
        return;
      }
      if (!SAFE_METHODS.includes(req.method) && !sameToken(req.get("x-csrf-token"), session.csrfToken)) {
        await Promise.resolve(onDenied(req, "csrf", session.staff.id)).catch(() => undefined);
        res.status(403).json({ error: { code: "staff.csrf", message: "画面を再読み込みしてください / Reload the page" } });
        return;
      }
      res.locals["staffSession"] = session;
      next();
    })();
  };

/**
 * Requires a fully logged-in staff session (a pending, half-done login grants nothing here), and on
 * every state-changing method the session's CSRF token in `X-CSRF-Token` (synchronizer token;
 * SameSite=Strict is the second layer). `onDenied` is told of every refusal.
 */
export const requireStaffSession = (sessions: StaffSessions, onDenied: OnDenied = () => undefined): RequestHandler =>
  guard(sessions, onDenied, (s) => s.stage.kind === "active");

/** Requires a pending staff login (password passed, second factor or TOTP enrolment due): only the login routes use it. */
export const requirePendingStaffSession = (sessions: StaffSessions, onDenied: OnDenied = () => undefined): RequestHandler =>
  guard(sessions, onDenied, (s) => s.stage.kind === "pending");

/**
 * For sensitive actions, after {@link requireStaffSession}: the second factor must have been re-proved
 * (step-up, `POST /api/staff/step-up`) within `maxAgeMs`; otherwise 403 `staff.step_up_required`, and the
 * page asks for a TOTP code and retries.
 */
export const requireStepUp =
  (clock: Clock, maxAgeMs: number, onDenied: OnStepUpDenied = () => undefined): RequestHandler =>
  (req, res, next) => {
    const session = staffSessionOf(res);
    if (steppedUpWithin(session.live.record, clock.now(), maxAgeMs)) {
      next();
      return;
    }
    void Promise.resolve(onDenied(req, "step_up_required", session.staff.id))
      .catch(() => undefined)
      .finally(() =>
        res.status(403).json({
          error: { code: "staff.step_up_required", message: "この操作の前に確認コードを入力してください / Enter your authenticator code to continue" },
        }),
      );
  };
