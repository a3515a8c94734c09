import type { Request } from "express";
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
