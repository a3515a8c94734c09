import { stepFailure } from "./resident-client.ts";
import { N1_TARGET_MS, sequentially, type Measurement } from "./measurement.ts";
import type { StaffClient } from "./staff-client.ts";

/** The page size the back office asks for. */
export const STAFF_PAGE = 50;

/**
 * Phase 3: the staff list with the applications of the run stored (`?limit=50`). Each row is
 * decrypted with its own data key before it is listed, so this is the costliest read staff make.
 * A page must be full (50 rows, or all of them when fewer are stored) to count as an answer.
 */
export const measureStaffList = async (staff: StaffClient, n: number): Promise<Measurement> => {
  const run = await sequentially(n, async () => {
    const r = await staff.list(STAFF_PAGE);
    const body = r.body as { items?: unknown[]; total?: unknown } | null;
    const full =
      r.status === 200 &&
      body !== null &&
      Array.isArray(body.items) &&
      typeof body.total === "number" &&
      body.items.length === Math.min(STAFF_PAGE, body.total);
    return { ms: r.ms, failure: full ? null : stepFailure("staff-list", r) };
  });
  return { name: `GET /api/staff/applications?limit=${STAFF_PAGE}`, phase: "staff", ...run, targetMs: N1_TARGET_MS };
};
