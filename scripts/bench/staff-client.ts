import { err, ok, type Result } from "neverthrow";
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

/** Logs in as the demo staff account on the staff listener at `staffUrl` (cookie session; a list needs no CSRF token, a command would). */
export const staffLogin = async (staffUrl: string, password: string): Promise<Result<StaffClient, StepFailure>> => {
  const res = await exchange(`${staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password } });
  const cookie = (res.headers?.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (res.status !== 200 || cookie === "") return err(stepFailure("staff-login", res));
  const headers = { cookie };
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
