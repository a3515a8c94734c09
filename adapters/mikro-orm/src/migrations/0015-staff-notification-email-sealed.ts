import type { Dialect } from "./dialect.ts";

/**
 * The staff member's notification address encrypted at rest (staff-store@3 unchanged): AES-256-GCM under the
 * row's own data key, wrapped by the KeyStore, as residents' addresses are. `notification_email` stays for rows
 * written before; opening the store seals them and empties it (`sealLegacyStaffEmails`).
 */
export const staffNotificationEmailSealedMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      "alter table staff_accounts add column notification_key_version integer null",
      "alter table staff_accounts add column notification_wrapped_key blob null",
      "alter table staff_accounts add column notification_sealed blob null",
    ],
    down: [
      "alter table staff_accounts drop column notification_sealed",
      "alter table staff_accounts drop column notification_wrapped_key",
      "alter table staff_accounts drop column notification_key_version",
    ],
  },
  postgresql: {
    up: [
      "alter table staff_accounts add column notification_key_version integer null",
      "alter table staff_accounts add column notification_wrapped_key bytea null",
      "alter table staff_accounts add column notification_sealed bytea null",
    ],
    down: [
      "alter table staff_accounts drop column notification_sealed",
      "alter table staff_accounts drop column notification_wrapped_key",
      "alter table staff_accounts drop column notification_key_version",
    ],
  },
};
