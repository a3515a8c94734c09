import type { Dialect } from "./dialect.ts";

/**
 * The staff member's notification address (staff-store@3): where security notices go after a password
 * is set or a second factor changes. Nullable: accounts issued before it was kept have none (no notice).
 */
export const staffNotificationEmailMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: ["alter table staff_accounts add column notification_email text null"],
    down: ["alter table staff_accounts drop column notification_email"],
  },
  postgresql: {
    up: ["alter table staff_accounts add column notification_email text null"],
    down: ["alter table staff_accounts drop column notification_email"],
  },
};
