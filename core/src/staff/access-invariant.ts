import type { StaffAccessSnapshot } from "./staff-access.ts";
import { staffHolding } from "./access-change.ts";

/**
 * A rule the access configuration must keep across one write of the `StaffAccessStore`. The store checks
 * it inside the write's transaction, on the configuration before and after the write, so that no
 * concurrent write can slip between the check and the change (docs/adr/0016-staff-authorization.md).
 */
export interface AccessInvariant {
  /** Stable code carried by {@link AccessInvariantViolated}, e.g. `keeps_an_administrator`. */
  readonly code: string;
  /** Whether the write from `before` to `after` is allowed. Pure: the store may call it in a transaction. */
  readonly holds: (before: StaffAccessSnapshot, after: StaffAccessSnapshot) => boolean;
}

/** A write refused because it would break an {@link AccessInvariant}: nothing was written, nothing audited. */
export interface AccessInvariantViolated {
  readonly _tag: "AccessInvariantViolated";
  readonly code: "staff_access.invariant_violated";
  /** The {@link AccessInvariant.code} that the write would have broken. */
  readonly invariant: string;
  /** Port method that refused, e.g. `"staff-access-store.revokeRole"`. */
  readonly operation: string;
}

export const accessInvariantViolated = (invariant: AccessInvariant, operation: string): AccessInvariantViolated => ({
  _tag: "AccessInvariantViolated",
  code: "staff_access.invariant_violated",
  invariant: invariant.code,
  operation,
});

/** Whether someone (known to the configuration) can manage staff access: who counts as an administrator. */
export const hasAdministrator = (s: StaffAccessSnapshot): boolean => staffHolding(s, "staff.manage").length > 0;

/**
 * Nobody locks everyone out: a write may not take the last holder of `staff.manage` away. A
 * configuration that had no administrator (before the bootstrap, or repaired by hand) does not block
 * other writes — only losing the last one is refused, because nobody could undo it from the back office.
 */
export const keepsAnAdministrator: AccessInvariant = {
  code: "keeps_an_administrator",
  holds: (before, after) => !hasAdministrator(before) || hasAdministrator(after),
};

/**
 * What an adapter does after applying a write inside its transaction: null when `invariant` (if any)
 * holds, otherwise the error to return after rolling the transaction back.
 */
export const checkAccessInvariant = (
  invariant: AccessInvariant | undefined,
  operation: string,
  before: StaffAccessSnapshot,
  after: StaffAccessSnapshot,
): AccessInvariantViolated | null => (invariant === undefined || invariant.holds(before, after) ? null : accessInvariantViolated(invariant, operation));
