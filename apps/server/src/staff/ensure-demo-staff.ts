import { randomBytes, randomUUID } from "node:crypto";
import { okAsync, ResultAsync } from "neverthrow";
import {
  StaffGroupId,
  StaffId,
  StaffRoleId,
  storageError,
  type AuditAction,
  type AuditDetails,
  type AuditEntryDraft,
  type AuditTarget,
  type StaffAccessStore,
  type StaffStore,
  type StorageError,
} from "@madoguchi/core";
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

/** The group the first administrator is put in: it sees every application. */
export const INITIAL_GROUP = { id: StaffGroupId("all-applications"), name: "全申請（初期設定） / All applications (initial)", scope: { kind: "all" } } as const;

/**
 * While access control is unconfigured (no group, no role at all), makes the demo staff account an
 * administrator (directly) and a member of an all-scope group, so that a fresh installation can be
 * configured from the back office. Once anything is configured it does nothing: an administrator who
 * removed the demo account's rights keeps them removed. Answers whether it granted anything.
 *
 * These are configuration changes like an administrator's, so each write appends its audit entry in
 * its own transaction (the same actions as the back office's, with the system as actor and
 * `bootstrap: "initial_administrator"` to say why). A write that changed nothing appends nothing.
 */
export const ensureInitialAdministrator = (staff: StaffStore, access: StaffAccessStore, now: Date): ResultAsync<boolean, StorageError> =>
  access.snapshot().andThen((s) => {
    if (s.groups.length > 0 || s.assignments.length > 0) return okAsync(false);
    return staff.findByLoginId(DEMO_STAFF_LOGIN_ID).andThen((demo) => {
      if (demo === null) return okAsync(false);
      const entry = (action: AuditAction, target: AuditTarget, details: AuditDetails): AuditEntryDraft => ({
        at: now,
        actor: { kind: "system", id: null },
        action,
        target,
        result: "success",
        sourceIp: null,
        details: { ...details, bootstrap: "initial_administrator" },
      });
      const group: AuditTarget = { kind: "staff_group", id: INITIAL_GROUP.id };
      return access
        .saveGroup(INITIAL_GROUP, { audit: (created) => [entry("staff_group.saved", group, { created, scope: INITIAL_GROUP.scope.kind })] })
        .andThen(() => access.addMember(INITIAL_GROUP.id, demo.id, { audit: [entry("staff_group.member_added", group, { staffId: demo.id })] }))
        .andThen(() =>
          access.assignRole(
            { roleId: StaffRoleId("administrator"), holder: { kind: "staff", staffId: demo.id } },
            { audit: [entry("staff_role.assigned", { kind: "staff_account", id: demo.id }, { roleId: "administrator", holderKind: "staff", holderId: demo.id })] },
          ),
        )
        .map(() => true)
        // These writes pass no invariant, so the store cannot refuse them as one; keep the StorageError channel.
        .mapErr((e) => (e._tag === "StorageError" ? e : storageError(e.operation, "unknown", "unexpected access invariant violation")));
    });
  });
