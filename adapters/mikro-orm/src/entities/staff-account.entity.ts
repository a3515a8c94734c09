import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** Row of `staff_accounts`. */
export const StaffAccountEntity = defineEntity({
  name: "StaffAccountRow",
  tableName: "staff_accounts",
  properties: {
    id: p.string().primary(),
    loginId: p.string(),
    displayName: p.string(),
    passwordHash: p.string(),
    createdAt: p.datetime(),
    /**
     * Where security notices went in plaintext before migration 0015: emptied (sealed) when the store opens,
     * never written again.
     */
    notificationEmail: p.string().nullable(),
    /** The notification address (personal data), AES-256-GCM under the row's data key; null when none. */
    notificationSealed: p.uint8array().nullable(),
    notificationWrappedKey: p.uint8array().nullable(),
    notificationKeyVersion: p.integer().nullable(),
  },
});

/** A row of `staff_accounts`. */
export type StaffAccountRow = InferEntity<typeof StaffAccountEntity>;
