import type { StaffId } from "../shared/ids.ts";

/** A staff account (the full identity model with groups and roles comes with identity/). */
export interface StaffAccount {
  readonly id: StaffId;
  readonly loginId: string;
  readonly displayName: string;
  /** Self-describing password hash (algorithm and parameters included). */
  readonly passwordHash: string;
  readonly createdAt: Date;
  /**
   * Where security notices go (password set, second factor changed): the address the administrator
   * gave at issue or at the last reset; `null` (or absent, for accounts from before it was kept): no
   * notice is mailed. Personal data: never logged.
   */
  readonly notificationEmail?: string | null;
}
