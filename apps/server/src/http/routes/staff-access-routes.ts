import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  BUILT_IN_ROLES,
  OfficeId,
  ProcedureId,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  leavesNoAdministrator,
  type AccessRemoval,
  type AuditEntryDraft,
  type RoleAssignment,
  type StaffGroupScope,
  type StorageError,
} from "@madoguchi/core";
import { auditDenied, recordAudit, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";
import { requireStepUp } from "../sessions/require-staff-session.ts";

const Slug = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/)));
const Ids = Schema.Array(Slug).pipe(Schema.check(Schema.isMaxLength(200)));

const GroupBody = Schema.Struct({
  name: Schema.String.pipe(Schema.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(100))),
  scope: Schema.Union([
    Schema.Struct({ kind: Schema.Literal("all") }),
    Schema.Struct({ kind: Schema.Literal("procedures"), procedureIds: Ids }),
    Schema.Struct({ kind: Schema.Literal("offices"), officeIds: Ids }),
  ]),
});

const LoginIdText = Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100)));
const MemberBody = Schema.Struct({ loginId: LoginIdText });
const RoleBody = Schema.Struct({
  roleId: Schema.Literals(BUILT_IN_ROLES.map((r) => r.id as string)),
  holder: Schema.Union([
    Schema.Struct({ kind: Schema.Literal("staff"), loginId: LoginIdText }),
    // The back office lists holders by id (the access configuration knows ids, not login ids).
    Schema.Struct({ kind: Schema.Literal("staff"), staffId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))) }),
    Schema.Struct({ kind: Schema.Literal("group"), groupId: Slug }),
  ]),
});

/** How recent the step-up must be for a change of groups or roles (the same as for staff accounts). */
const STEP_UP_MAX_AGE_MS = 10 * 60_000;

const MESSAGES = {
  unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
  unknownStaff: { ja: "このログインIDの職員はいません。", en: "No staff account has this login ID." },
  unknownGroup: { ja: "このグループはありません。", en: "This group does not exist." },
  unknownScope: { ja: "対象の手続または窓口（区役所・支所）がカタログにありません。", en: "A procedure or office of the scope is not in the catalog." },
  lastAdministrator: {
    ja: "職員管理の権限を持つ職員が一人もいなくなるため、この変更はできません。先に別の職員に管理者の役割を付けてください。",
    en: "This change would leave no one with the staff management permission. Give the administrator role to someone else first.",
  },
  invalidId: { ja: "グループIDは英小文字・数字・ハイフンで指定してください。", en: "A group ID has lower-case letters, digits and hyphens only." },
} as const;

/**
 * The admin API of access control (`staff.manage`): groups with their scope (saved by POST: create or
 * replace), members, role
 * assignments. Every change is recorded in the audit log (ids and kinds only) after the store
 * answers that something changed; a write that changes nothing is not recorded.
 */
export const staffAccessRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canManage = requirePermission(deps, "staff.manage");
  // Reading the configuration needs the permission; changing it also a recent second factor (as staff accounts do).
  const steppedUp = requireStepUp(deps.clock, STEP_UP_MAX_AGE_MS);
  const fail = (req: Request, res: Response, status: number, code: string, text: { ja: string; en: string }) =>
    res.status(status).json({ error: { code, message: text[requestLocale(req)] } });
  const storageFailed = (req: Request, res: Response, e: StorageError) =>
    e.reason === "conflict" ? fail(req, res, 404, "staff_access.unknown_group", MESSAGES.unknownGroup) : fail(req, res, 503, "storage.unavailable", MESSAGES.unavailable);
  const record = (req: Request, res: Response, action: AuditEntryDraft["action"], target: AuditEntryDraft["target"], details: AuditEntryDraft["details"]) =>
    recordAudit(deps, [
      { at: deps.clock.now(), actor: { kind: "staff", id: staffSession(res).staff.id }, action, target, result: "success", sourceIp: sourceIpOf(req), details },
    ]);
  /**
   * Refuses (409) a removal that would leave nobody able to manage access: no one could undo it from the
   * back office. Checked on the configuration read just before the change (two administrators removing
   * each other at the same instant could still both pass).
   */
  const refusedAsLastAdministrator = async (req: Request, res: Response, change: AccessRemoval): Promise<boolean> => {
    const snapshot = await deps.staffAccess.snapshot();
    if (snapshot.isErr()) {
      storageFailed(req, res, snapshot.error);
      return true;
    }
    if (!leavesNoAdministrator(snapshot.value, change)) return false;
    fail(req, res, 409, "staff_access.last_administrator", MESSAGES.lastAdministrator);
    return true;
  };
  const groupIdOf = (req: Request, res: Response): StaffGroupId | null => {
    const id = String(req.params["groupId"]);
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return StaffGroupId(id);
    fail(req, res, 400, "staff_access.invalid_group_id", MESSAGES.invalidId);
    return null;
  };
  const staffIdOf = async (req: Request, res: Response, loginId: string): Promise<StaffId | null> => {
    const found = await deps.staff.findByLoginId(loginId);
    if (found.isErr()) {
      fail(req, res, 503, "storage.unavailable", MESSAGES.unavailable);
      return null;
    }
    if (found.value === null) {
      fail(req, res, 404, "staff_access.unknown_staff", MESSAGES.unknownStaff);
      return null;
    }
    return found.value.id;
  };

  router.get("/api/staff/access", staffOnly, canManage, async (req, res) => {
    const snapshot = await deps.staffAccess.snapshot();
    if (snapshot.isErr()) return storageFailed(req, res, snapshot.error);
    // Login IDs and names of the staff the configuration names, so administrators see people, not ids.
    const ids = [...new Set([...snapshot.value.memberships.map((m) => m.staffId), ...snapshot.value.assignments.flatMap((a) => (a.holder.kind === "staff" ? [a.holder.staffId] : []))])];
    const staff: { id: string; loginId: string; displayName: string }[] = [];
    for (const id of ids) {
      const found = await deps.staff.findById(id);
      if (found.isErr()) return storageFailed(req, res, found.error);
      if (found.value !== null) staff.push({ id, loginId: found.value.loginId, displayName: found.value.displayName });
    }
    res.json({
      ...snapshot.value,
      staff,
      roles: BUILT_IN_ROLES,
      procedures: deps.catalog.procedures.map((p) => ({ id: p.id, name: p.name, officeIds: p.officeIds ?? [] })),
      offices: deps.catalog.offices ?? [],
    });
  });

  router.post("/api/staff/access/groups/:groupId", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const body = decodeBody(GroupBody, req, res, requestLocale(req));
    if (body === null) return;
    const procedureIds = new Set(deps.catalog.procedures.map((p) => p.id as string));
    const officeIds = new Set((deps.catalog.offices ?? []).map((o) => o.id as string));
    const scope: StaffGroupScope =
      body.scope.kind === "all"
        ? { kind: "all" }
        : body.scope.kind === "procedures"
          ? { kind: "procedures", procedureIds: body.scope.procedureIds.map(ProcedureId) }
          : { kind: "offices", officeIds: body.scope.officeIds.map(OfficeId) };
    const unknown = scope.kind === "procedures" ? scope.procedureIds.some((p) => !procedureIds.has(p)) : scope.kind === "offices" && scope.officeIds.some((o) => !officeIds.has(o));
    if (unknown) return fail(req, res, 422, "staff_access.unknown_scope", MESSAGES.unknownScope);
    const saved = await deps.staffAccess.saveGroup({ id, name: body.name, scope });
    if (saved.isErr()) return storageFailed(req, res, saved.error);
    await record(req, res, "staff_group.saved", { kind: "staff_group", id }, { created: saved.value, scope: scope.kind });
    res.status(saved.value ? 201 : 200).json({ group: { id, name: body.name, scope } });
  });

  router.delete("/api/staff/access/groups/:groupId", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    if (await refusedAsLastAdministrator(req, res, { kind: "deleteGroup", groupId: id })) return;
    const deleted = await deps.staffAccess.deleteGroup(id);
    if (deleted.isErr()) return storageFailed(req, res, deleted.error);
    if (!deleted.value) return fail(req, res, 404, "staff_access.unknown_group", MESSAGES.unknownGroup);
    await record(req, res, "staff_group.deleted", { kind: "staff_group", id }, {});
    res.json({ ok: true });
  });

  router.post("/api/staff/access/groups/:groupId/members", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const body = decodeBody(MemberBody, req, res, requestLocale(req));
    if (body === null) return;
    const staffId = await staffIdOf(req, res, body.loginId);
    if (staffId === null) return;
    const added = await deps.staffAccess.addMember(id, staffId);
    if (added.isErr()) return storageFailed(req, res, added.error);
    if (added.value) await record(req, res, "staff_group.member_added", { kind: "staff_group", id }, { staffId });
    res.json({ changed: added.value });
  });

  router.delete("/api/staff/access/groups/:groupId/members/:staffId", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const staffId = StaffId(String(req.params["staffId"]).slice(0, 100));
    if (await refusedAsLastAdministrator(req, res, { kind: "removeMember", groupId: id, staffId })) return;
    const removed = await deps.staffAccess.removeMember(id, staffId);
    if (removed.isErr()) return storageFailed(req, res, removed.error);
    if (removed.value) await record(req, res, "staff_group.member_removed", { kind: "staff_group", id }, { staffId });
    res.json({ changed: removed.value });
  });

  /** Role assignment and revocation share the body: a role and its holder (a login id or a group). */
  const assignment = async (req: Request, res: Response): Promise<RoleAssignment | null> => {
    const body = decodeBody(RoleBody, req, res, requestLocale(req));
    if (body === null) return null;
    if (body.holder.kind === "group") return { roleId: StaffRoleId(body.roleId), holder: { kind: "group", groupId: StaffGroupId(body.holder.groupId) } };
    if ("staffId" in body.holder) return { roleId: StaffRoleId(body.roleId), holder: { kind: "staff", staffId: StaffId(body.holder.staffId) } };
    const staffId = await staffIdOf(req, res, body.holder.loginId);
    return staffId === null ? null : { roleId: StaffRoleId(body.roleId), holder: { kind: "staff", staffId } };
  };
  const holderDetails = (a: RoleAssignment) =>
    a.holder.kind === "staff" ? { roleId: a.roleId, holderKind: "staff", holderId: a.holder.staffId } : { roleId: a.roleId, holderKind: "group", holderId: a.holder.groupId };
  const holderTarget = (a: RoleAssignment): AuditEntryDraft["target"] =>
    a.holder.kind === "staff" ? { kind: "staff_account", id: a.holder.staffId } : { kind: "staff_group", id: a.holder.groupId };

  router.post("/api/staff/access/roles", staffOnly, canManage, steppedUp, async (req, res) => {
    const a = await assignment(req, res);
    if (a === null) return;
    const assigned = await deps.staffAccess.assignRole(a);
    if (assigned.isErr()) return storageFailed(req, res, assigned.error);
    if (assigned.value) await record(req, res, "staff_role.assigned", holderTarget(a), holderDetails(a));
    res.json({ changed: assigned.value });
  });

  router.post("/api/staff/access/roles/revoke", staffOnly, canManage, steppedUp, async (req, res) => {
    const a = await assignment(req, res);
    if (a === null) return;
    if (await refusedAsLastAdministrator(req, res, { kind: "revokeRole", assignment: a })) return;
    const revoked = await deps.staffAccess.revokeRole(a);
    if (revoked.isErr()) return storageFailed(req, res, revoked.error);
    if (revoked.value) await record(req, res, "staff_role.revoked", holderTarget(a), holderDetails(a));
    res.json({ changed: revoked.value });
  });

  return router;
};
