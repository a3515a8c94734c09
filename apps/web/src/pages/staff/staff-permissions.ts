import type { StaffPermission } from "@madoguchi/core";

/**
 * What the back office shows a staff member, from the permissions the server answered with the session
 * (`GET /api/staff/me`, derived there by core from the member's roles). Only a matter of showing: the
 * server checks the permission on every request whatever the page shows (docs/adr/0016-staff-authorization.md).
 */

/** The back office's sections, in the order of the navigation. */
export const STAFF_SECTIONS = ["applications", "counter", "statistics", "audit", "retention", "approvals", "settlement", "notices", "procedures", "security", "access", "accounts", "help"] as const;

/** One section of the back office (a page of the navigation). */
export type StaffSection = (typeof STAFF_SECTIONS)[number];

/**
 * Pages of a section beyond its first, listed under it in the navigation. Each needs its section's permission (its
 * API routes require the same one), so it is offered, and gated, with the section.
 */
export const STAFF_SUBPAGES = ["counterRecords", "counterReport"] as const;

/** A page listed under a section of the navigation. */
export type StaffSubpage = (typeof STAFF_SUBPAGES)[number];

/**
 * The section each sub-page belongs to: C8, C9 — the counter's kept records (保存記録) — and C13 — its report
 * (窓口の利用状況) — are the counter's.
 */
export const SUBPAGE_SECTION: Readonly<Record<StaffSubpage, StaffSection>> = { counterRecords: "counter", counterReport: "counter" };

/** The sub-pages of a section, in the navigation's order. */
export const subpagesOf = (section: StaffSection): readonly StaffSubpage[] => STAFF_SUBPAGES.filter((p) => SUBPAGE_SECTION[p] === section);

/**
 * The permissions of the actions that need a second person's approval (ADR 24): a member holding one of
 * them may ask for approvals of that action and approve other members' requests for it. Mirrors core's
 * `APPROVAL_PERMISSION` (both retention shortenings, applications.export, audit.export, fee.change).
 */
export const APPROVAL_PERMISSIONS: readonly StaffPermission[] = ["retention.manage", "applications.export", "audit.view", "fees.change"];

/**
 * The permission each section's page needs — the one its API routes require; a list means any one of
 * them. The security page (own second factor and passkeys) is every signed-in member's, so it needs none; so is
 * the manual (N10: the staff manual and the administrators' manual it links to).
 * The approvals page is for members who may approve or ask (which is the same set of permissions).
 */
export const SECTION_PERMISSION: Readonly<Record<StaffSection, StaffPermission | readonly StaffPermission[] | null>> = {
  applications: "applications.view",
  // C1–C13: the no-writing counter (書かない窓口) — scans read into a 住民異動届 that staff confirm and print.
  counter: "counter.use",
  // S8: counts of the procedures the member handles (no personal data).
  statistics: "applications.view",
  audit: "audit.view",
  // S4: the applications' retention and the deletion of those past it.
  retention: "retention.manage",
  approvals: APPROVAL_PERMISSIONS,
  // The daily settlement report (ADR 26): the money side, for those who handle fees.
  settlement: "fees.change",
  // R14: the notices to residents on the portal, with who builds the portal's procedures and forms (S6).
  notices: "forms.manage",
  // S6: the procedures and their application forms staff build, and the links to post on the portal.
  procedures: "forms.manage",
  security: null,
  access: "staff.manage",
  accounts: "staff.manage",
  help: null,
};

/** Whether the permissions include `permission`. */
export const can = (permissions: readonly StaffPermission[], permission: StaffPermission): boolean => permissions.includes(permission);

/** Whether a member with these permissions may use a section. */
export const canUseSection = (permissions: readonly StaffPermission[], section: StaffSection): boolean => {
  const needed = SECTION_PERMISSION[section];
  if (needed === null) return true;
  return typeof needed === "string" ? can(permissions, needed) : needed.some((p) => can(permissions, p));
};

/** The sections to offer in the navigation, in its order. */
export const visibleSections = (permissions: readonly StaffPermission[]): readonly StaffSection[] =>
  STAFF_SECTIONS.filter((s) => canUseSection(permissions, s));

/** Shown instead of a page opened (e.g. by its address) without the permission it needs. */
export const noPermissionMessages = {
  ja: { title: "権限がありません", text: "この画面を表示する権限がありません。必要な場合は管理者にお問い合わせください。" },
  en: { title: "No permission", text: "You do not have permission to view this page. Please ask your administrator if you need it." },
} as const;
