import { err, ok, type Result } from "neverthrow";
import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { TotpSecret, totpTimeStep } from "@madoguchi/core";
import { exchange, type Exchange } from "./exchange.ts";
import { stepFailure, type StepFailure } from "./resident-client.ts";

/** A logged-in staff member of the back office. */
export interface StaffClient {
  /** `GET /api/staff/applications?limit=…&offset=…`: one page, every row decrypted by the server. */
  list(limit: number, offset?: number): Promise<Exchange>;
}

/** What the staff list says about the stored applications. */
export interface StoredApplications {
  readonly total: number;
  readonly receiptNumbers: ReadonlySet<string>;
}

const totp = createOtpauthAuthenticator();
const cookieOf = (res: Exchange): string => (res.headers?.get("set-cookie") ?? "").split(";")[0] ?? "";
const csrfOf = (res: Exchange): string => String((res.body as { csrfToken?: unknown } | null)?.csrfToken ?? "");

/**
 * Logs in as the demo staff account on the staff listener at `staffUrl`, as the browser does: the password, then
 * the TOTP enrolment the account asks for at its first login (S2: privileged accounts use MFA), with a code made
 * from the secret the server gives (cookie session; a list needs no CSRF token, a command would).
 */
export const staffLogin = async (staffUrl: string, password: string): Promise<Result<StaffClient, StepFailure>> => {
  const first = await exchange(`${staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password } });
  if (first.status !== 200 || cookieOf(first) === "") return err(stepFailure("staff-login", first));
  const pending = { cookie: cookieOf(first), "x-csrf-token": csrfOf(first) };
  if ((first.body as { next?: unknown } | null)?.next !== "totp_enrolment") return err(stepFailure("staff-login", first));
  const enrolment = await exchange(`${staffUrl}/api/staff/login/totp-enrolment`, { headers: pending, body: {} });
  const secret = (enrolment.body as { secret?: unknown } | null)?.secret;
  if (enrolment.status !== 200 || typeof secret !== "string") return err(stepFailure("staff-login", enrolment));
  const code = totp.codeAt(TotpSecret(secret), totpTimeStep(new Date()));
  if (code.isErr()) return err(stepFailure("staff-login", enrolment));
  const done = await exchange(`${staffUrl}/api/staff/login/totp-enrolment/confirm`, { headers: pending, body: { code: code.value } });
  if (done.status !== 200 || cookieOf(done) === "") return err(stepFailure("staff-login", done));
  const headers = { cookie: cookieOf(done) };
  return ok({
    list: (limit, offset = 0) => exchange(`${staffUrl}/api/staff/applications?limit=${limit}&offset=${offset}`, { headers }),
  });
};

const PAGE = 200; // the server's largest page

/** Reads every page of the staff list: the total the server reports and every receipt number it lists. */
export const storedApplications = async (staff: StaffClient): Promise<Result<StoredApplications, StepFailure>> => {
  const receiptNumbers = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await staff.list(PAGE, offset);
    const body = page.body as { items?: { receiptNumber?: unknown }[]; total?: unknown } | null;
    if (page.status !== 200 || body === null || !Array.isArray(body.items) || typeof body.total !== "number") {
      return err(stepFailure("staff-list", page));
    }
    for (const item of body.items) if (typeof item.receiptNumber === "string") receiptNumbers.add(item.receiptNumber);
    if (body.items.length < PAGE || offset + PAGE >= body.total) return ok({ total: body.total, receiptNumbers });
  }
};
