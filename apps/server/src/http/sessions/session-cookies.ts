import type { Request } from "express";

/**
 * Names of the session cookies. The `__Host-` prefix makes browsers refuse them unless Secure,
 * host-only and path `/` (browsers treat http://localhost as secure, so this holds in development too).
 */
export const STAFF_COOKIE = "__Host-madoguchi-staff";
export const RESIDENT_COOKIE = "__Host-madoguchi-resident";

/** A session cookie: HttpOnly, SameSite=Strict, no Max-Age (the server ends sessions, not the browser). */
export const sessionCookie = (name: string, sessionId: string): string => `${name}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=Strict`;
export const clearedSessionCookie = (name: string): string => `${name}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;

/** Reads one cookie from the Cookie header without a parser dependency. */
export const readCookie = (req: Request, name: string): string | undefined => {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};
