import type { StaffId } from "../shared/ids.ts";

/** A staff account (the full identity model with groups and roles comes with identity/). */
export interface StaffAccount {
  readonly id: StaffId;
  readonly loginId: string;
  readonly displayName: string;
  /** Self-describing password hash (algorithm and parameters included). */
  readonly passwordHash: string;
  readonly createdAt: Date;
}
