import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  BUILT_IN_ROLES,
  OfficeId,
  ProcedureId,
  StaffGroupId,
  StaffId,
  StaffRoleId,
  assertNever,
  keepsAnAdministrator,
  type AccessWriteError,
  type AuditEntryDraft,
  type RoleAssignment,
  type StaffGroupScope,
  type StorageError,
} from "@madoguchi/core";
import { auditDenied, staffActionDraft } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaff, staffSession } from "../staff-auth.ts";
import { requireRecentStepUp } from "../sessions/require-recent-step-up.ts";

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
 * assignments. Every change is recorded in the audit log (ids and kinds only) by the store, in the
 * change's own transaction; a write that changes nothing is not recorded. Removals carry the invariant
 * {@link keepsAnAdministrator}, checked in that transaction too (docs/adr/0016-staff-authorization.md).
 */
export const staffAccessRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaff(deps.sessions, auditDenied(deps));
  const canManage = requirePermission(deps, "staff.manage");
  // Reading the configuration needs the permission; changing it also a recent second factor (as staff
  // accounts do: 10 minutes), its refusal audited like every other denial.
  const steppedUp = requireRecentStepUp(deps);
  const fail = (req: Request, res: Response, status: number, code: string, text: { ja: string; en: string }) =>
    res.status(status).json({ error: { code, message: text[requestLocale(req)] } });
  const storageFailed = (req: Request, res: Response, e: StorageError) =>
    e.reason === "conflict" ? fail(req, res, 404, "staff_access.unknown_group", MESSAGES.unknownGroup) : fail(req, res, 503, "storage.unavailable", MESSAGES.unavailable);
  /** The audit entry of a change by the signed-in administrator: the store appends it with the change. */
  const draft = (req: Request, res: Response, action: AuditEntryDraft["action"], target: AuditEntryDraft["target"], details: AuditEntryDraft["details"]): AuditEntryDraft =>
    staffActionDraft(deps, req, staffSession(res).staff.id, action, target, details);
  /** The pino line of an entry the store appended (ids and codes only, as `recordAudit` writes). */
  const logged = (d: AuditEntryDraft) =>
    deps.logger.info({ audit: true, event: d.action, actorKind: d.actor.kind, staffId: d.actor.id, target: d.target?.id, result: d.result }, "audit");
  /** A refused or failed write: nothing was changed and nothing audited. */
  const writeFailed = (req: Request, res: Response, e: AccessWriteError) => {
    switch (e._tag) {
      case "StorageError":
        return storageFailed(req, res, e);
      case "AccessInvariantViolated":
        // The only invariant these routes pass: nobody locks everyone out of staff management.
        return fail(req, res, 409, "staff_access.last_administrator", MESSAGES.lastAdministrator);
      default:
        return assertNever(e);
    }
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
    const entry = (created: boolean) => draft(req, res, "staff_group.saved", { kind: "staff_group", id }, { created, scope: scope.kind });
    const saved = await deps.staffAccess.saveGroup({ id, name: body.name, scope }, { audit: (created) => [entry(created)] });
    if (saved.isErr()) return writeFailed(req, res, saved.error);
    logged(entry(saved.value));
    res.status(saved.value ? 201 : 200).json({ group: { id, name: body.name, scope } });
  });

  router.delete("/api/staff/access/groups/:groupId", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const entry = draft(req, res, "staff_group.deleted", { kind: "staff_group", id }, {});
    const deleted = await deps.staffAccess.deleteGroup(id, { audit: [entry], invariant: keepsAnAdministrator });
    if (deleted.isErr()) return writeFailed(req, res, deleted.error);
    if (!deleted.value) return fail(req, res, 404, "staff_access.unknown_group", MESSAGES.unknownGroup);
    logged(entry);
    res.json({ ok: true });
  });

  router.post("/api/staff/access/groups/:groupId/members", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const body = decodeBody(MemberBody, req, res, requestLocale(req));
    if (body === null) return;
    const staffId = await staffIdOf(req, res, body.loginId);
    if (staffId === null) return;
    const entry = draft(req, res, "staff_group.member_added", { kind: "staff_group", id }, { staffId });
    const added = await deps.staffAccess.addMember(id, staffId, { audit: [entry] });
    if (added.isErr()) return writeFailed(req, res, added.error);
    if (added.value) logged(entry);
    res.json({ changed: added.value });
  });

  router.delete("/api/staff/access/groups/:groupId/members/:staffId", staffOnly, canManage, steppedUp, async (req, res) => {
    const id = groupIdOf(req, res);
    if (id === null) return;
    const staffId = StaffId(String(req.params["staffId"]).slice(0, 100));
    const entry = draft(req, res, "staff_group.member_removed", { kind: "staff_group", id }, { staffId });
    const removed = await deps.staffAccess.removeMember(id, staffId, { audit: [entry], invariant: keepsAnAdministrator });
    if (removed.isErr()) return writeFailed(req, res, removed.error);
    if (removed.value) logged(entry);
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
    const entry = draft(req, res, "staff_role.assigned", holderTarget(a), holderDetails(a));
    const assigned = await deps.staffAccess.assignRole(a, { audit: [entry] });
    if (assigned.isErr()) return writeFailed(req, res, assigned.error);
    if (assigned.value) logged(entry);
    res.json({ changed: assigned.value });
  });

  router.post("/api/staff/access/roles/revoke", staffOnly, canManage, steppedUp, async (req, res) => {
    const a = await assignment(req, res);
    if (a === null) return;
    const entry = draft(req, res, "staff_role.revoked", holderTarget(a), holderDetails(a));
    const revoked = await deps.staffAccess.revokeRole(a, { audit: [entry], invariant: keepsAnAdministrator });
    if (revoked.isErr()) return writeFailed(req, res, revoked.error);
    if (revoked.value) logged(entry);
    res.json({ changed: revoked.value });
  });

  return router;
};
