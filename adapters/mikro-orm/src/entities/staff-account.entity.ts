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
    /** Where security notices go (migration 0011); personal data, never logged. */
    notificationEmail: p.string().nullable(),
  },
});

/** A row of `staff_accounts`. */
export type StaffAccountRow = InferEntity<typeof StaffAccountEntity>;
