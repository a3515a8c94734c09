import type { StoredApplications } from "./staff-client.ts";

/** What the staff list showed after a peak: did every submission that got a receipt land, exactly once? */
export interface StoredApplicationsCheck {
  readonly totalBefore: number;
  readonly totalAfter: number;
  /** `totalAfter - totalBefore`: must equal the number of submissions. */
  readonly created: number;
  /** Distinct receipts given to residents. */
  readonly receiptsGiven: number;
  /** Receipts given but not in the staff list: must be 0. */
  readonly receiptsMissing: number;
  /** Exactly `expected` new applications, one receipt each, every one listed. */
  readonly ok: boolean;
}

/** Compares the staff list before and after a peak of `expected` submissions with the receipts given. */
export const checkStoredApplications = (
  before: StoredApplications,
  after: StoredApplications,
  receipts: readonly string[],
  expected: number,
): StoredApplicationsCheck => {
  const given = new Set(receipts);
  const receiptsMissing = [...given].filter((r) => !after.receiptNumbers.has(r)).length;
  const created = after.total - before.total;
  return {
    totalBefore: before.total,
    totalAfter: after.total,
    created,
    receiptsGiven: given.size,
    receiptsMissing,
    ok: created === expected && given.size === expected && receiptsMissing === 0,
  };
};
