import { randomBytes, randomUUID } from "node:crypto";
import { okAsync, ResultAsync } from "neverthrow";
import { StaffId, type StaffStore, type StorageError } from "@madoguchi/core";
import { hashPassword } from "./password-hash.ts";

/** Login id of the demo staff account created on first start of an empty database. */
export const DEMO_STAFF_LOGIN_ID = "demo-staff";

/**
 * On first start (no staff account at all) creates the demo staff account with a random password and
 * returns the credentials so that the caller prints them once; afterwards returns null. The password
 * is never stored or logged in clear.
 */
export const ensureDemoStaff = (
  staff: StaffStore,
  now: Date,
  password: string = randomBytes(12).toString("base64url"),
): ResultAsync<{ loginId: string; password: string } | null, StorageError> =>
  staff.count().andThen((n) => {
    if (n > 0) return okAsync(null);
    return ResultAsync.fromSafePromise(hashPassword(password))
      .andThen((passwordHash) =>
        staff.insert({
          id: StaffId(randomUUID()),
          loginId: DEMO_STAFF_LOGIN_ID,
          displayName: "窓口 職員（デモ）",
          passwordHash,
          createdAt: now,
        }),
      )
      .map(() => ({ loginId: DEMO_STAFF_LOGIN_ID, password }));
  });
