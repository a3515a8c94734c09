import { useSyncExternalStore } from "react";

/**
 * The app's pages. Plain History API routing: there are only a handful of paths, so a routing library
 * would add more than it saves.
 */
export type Route =
  | { readonly name: "portal" }
  | { readonly name: "apply"; readonly procedureId: string }
  | { readonly name: "status"; readonly receiptNumber: string | null }
  | { readonly name: "staffList" }
  | { readonly name: "staffDetail"; readonly id: string }
  /** S5: staff enter an application a resident made by mail, at the counter, on paper, by phone or email (代理入力). */
  | { readonly name: "staffApplicationNew" }
  | { readonly name: "staffAudit" }
  | { readonly name: "staffSecurity" }
  | { readonly name: "staffAccess" }
  | { readonly name: "staffSetup" }
  | { readonly name: "staffAccounts" }
  | { readonly name: "staffApprovals" }
  | { readonly name: "staffSettlement" }
  | { readonly name: "staffStatistics" }
  | { readonly name: "staffRetention" }
  | { readonly name: "staffNotices" }
  /** S6: the procedures staff build (手続の管理) — the list, one procedure's editor, a new one's. */
  | { readonly name: "staffProcedures" }
  | { readonly name: "staffProcedureEdit"; readonly id: string }
  | { readonly name: "staffProcedureNew" }
  /** S6: the delivery methods with their postage, the categories and the life events procedures refer to. */
  | { readonly name: "staffProcedureLists" }
  /** The no-writing counter (書かない窓口): scans read into a 住民異動届, confirmed and printed. */
  | { readonly name: "staffCounter" }
  /** C8, C9: the counter's kept records (保存記録) — the search, and one record with its documents. */
  | { readonly name: "staffCounterRecords" }
  | { readonly name: "staffCounterRecord"; readonly id: string }
  /** C13: the counter's report of a month (窓口の利用状況). */
  | { readonly name: "staffCounterReport" }
  /** N10: the manuals — residents' (`/help`), staff's (`/staff/help`) and administrators' (`/staff/help/admin`). */
  | { readonly name: "help" }
  | { readonly name: "staffHelp" }
  | { readonly name: "staffHelpAdmin" }
  | { readonly name: "devInbox" }
  | { readonly name: "account"; readonly page: AccountPage }
  /** The phone's page of a signing hand-off (`/sign/phone#<one-time token>`). */
  | { readonly name: "signPhone" }
  /** Where the Digital Authentication App sends the resident back after signing an application. */
  | { readonly name: "signAppCallback" }
  /** R11: the portal on the city hall counter's terminal (`/kiosk` turns the tab's kiosk mode on; kiosk/kiosk-mode.ts). */
  | { readonly name: "kiosk" }
  | { readonly name: "notFound" };

// A malformed escape (`%E0%A4%A`) is a bad link, not a crash.
const decodeSegment = (segment: string): string | null => {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === "" ? null : decoded;
  } catch {
    return null;
  }
};

/** The resident account pages (R3, R8): `/account` is "my applications". */
export type AccountPage = "applications" | "register" | "verify" | "login" | "reset" | "confirmEmail" | "settings" | "unlock" | "jpkiCallback";
const ACCOUNT_PAGES: Readonly<Record<string, AccountPage>> = {
  register: "register",
  verify: "verify",
  login: "login",
  reset: "reset",
  "confirm-email": "confirmEmail",
  settings: "settings",
  unlock: "unlock",
  "jpki-callback": "jpkiCallback",
};

/** Maps a pathname (no query, no hash) to a {@link Route}. Pure, so it is unit-tested. */
export function resolveRoute(pathname: string): Route {
  // A trailing slash (`/staff/`) means the same page.
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const parts = path.split("/").slice(1);
  const [first, second, third, ...rest] = parts;
  // Some static hosts and proxies land on the file name itself.
  if (path === "/" || path === "" || path === "/index.html") return { name: "portal" };
  if (first === "apply" && second !== undefined && third === undefined) {
    const procedureId = decodeSegment(second);
    return procedureId === null ? { name: "notFound" } : { name: "apply", procedureId };
  }
  if (first === "status" && third === undefined) {
    if (second === undefined) return { name: "status", receiptNumber: null };
    const receiptNumber = decodeSegment(second);
    return receiptNumber === null ? { name: "notFound" } : { name: "status", receiptNumber };
  }
  if (first === "staff" && second === undefined) return { name: "staffList" };
  if (first === "staff" && second === "audit" && third === undefined) return { name: "staffAudit" };
  if (first === "staff" && second === "security" && third === undefined) return { name: "staffSecurity" };
  if (first === "staff" && second === "access" && third === undefined) return { name: "staffAccess" };
  if (first === "staff" && second === "setup" && third === undefined) return { name: "staffSetup" };
  if (first === "staff" && second === "accounts" && third === undefined) return { name: "staffAccounts" };
  if (first === "staff" && second === "approvals" && third === undefined) return { name: "staffApprovals" };
  if (first === "staff" && second === "settlement" && third === undefined) return { name: "staffSettlement" };
  if (first === "staff" && second === "statistics" && third === undefined) return { name: "staffStatistics" };
  if (first === "staff" && second === "retention" && third === undefined) return { name: "staffRetention" };
  if (first === "staff" && second === "notices" && third === undefined) return { name: "staffNotices" };
  if (first === "staff" && second === "procedures" && third === undefined) return { name: "staffProcedures" };
  if (first === "staff" && second === "procedures" && third === "new" && rest.length === 0) return { name: "staffProcedureNew" };
  // Before a procedure's editor, as `new`: no procedure may take the id `lists`.
  if (first === "staff" && second === "procedures" && third === "lists" && rest.length === 0) return { name: "staffProcedureLists" };
  if (first === "staff" && second === "procedures" && third !== undefined && rest.length === 0) {
    const id = decodeSegment(third);
    return id === null ? { name: "notFound" } : { name: "staffProcedureEdit", id };
  }
  if (first === "staff" && second === "counter" && third === undefined) return { name: "staffCounter" };
  if (first === "staff" && second === "counter" && third === "records" && rest.length === 0) return { name: "staffCounterRecords" };
  if (first === "staff" && second === "counter" && third === "report" && rest.length === 0) return { name: "staffCounterReport" };
  if (first === "staff" && second === "counter" && third === "records" && rest.length === 1) {
    const id = decodeSegment(rest[0] ?? "");
    return id === null ? { name: "notFound" } : { name: "staffCounterRecord", id };
  }
  if (first === "staff" && second === "help" && third === undefined) return { name: "staffHelp" };
  if (first === "staff" && second === "help" && third === "admin" && rest.length === 0) return { name: "staffHelpAdmin" };
  if (first === "help" && second === undefined) return { name: "help" };
  if (first === "kiosk" && second === undefined) return { name: "kiosk" };
  // Before the detail's: `new` is the proxy entry's page (application ids are UUIDs, never `new`).
  if (first === "staff" && second === "applications" && third === "new" && rest.length === 0) return { name: "staffApplicationNew" };
  if (first === "staff" && second === "applications" && third !== undefined && rest.length === 0) {
    const id = decodeSegment(third);
    return id === null ? { name: "notFound" } : { name: "staffDetail", id };
  }
  if (first === "dev" && second === "inbox" && third === undefined) return { name: "devInbox" };
  if (first === "sign" && second === "phone" && third === undefined) return { name: "signPhone" };
  if (first === "sign" && second === "app-callback" && third === undefined) return { name: "signAppCallback" };
  if (first === "account" && second === undefined) return { name: "account", page: "applications" };
  if (first === "account" && second !== undefined && third === undefined && Object.hasOwn(ACCOUNT_PAGES, second)) {
    return { name: "account", page: ACCOUNT_PAGES[second] as AccountPage };
  }
  return { name: "notFound" };
}

/** Path of the status page for a receipt; the access secret travels in the fragment, never to the server. */
export const statusPath = (receiptNumber: string, accessSecret: string): string =>
  `/status/${encodeURIComponent(receiptNumber)}#${encodeURIComponent(accessSecret)}`;

/** Path of an application in the staff back office. */
export const staffDetailPath = (id: string): string => `/staff/applications/${encodeURIComponent(id)}`;

/** S5: the page where staff enter an application for a resident (代理入力). */
export const STAFF_APPLICATION_NEW_PATH = "/staff/applications/new";

/** Reads the access secret from a location hash (`#secret`); `null` when there is none. */
export function secretFromHash(hash: string): string | null {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (raw === "") return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const NAVIGATE_EVENT = "madoguchi:navigate";

/** What a page with unsaved work asks before an in-app link leaves it (null: nothing to ask). */
let leaveQuestion: (() => string | null) | null = null;

/** A page with unsaved work registers the question to ask before a link leaves it; null when it has none. */
export function setLeaveQuestion(question: (() => string | null) | null): void {
  leaveQuestion = question;
}

/**
 * Whether an in-app link may leave the page: true unless a page holds unsaved work and the person says no
 * (`window.confirm`). Only links ask: a page's own navigation (after a save) and back/forward (which cannot be
 * held) do not; closing or reloading the tab is the browser's `beforeunload`.
 */
export function mayLeave(): boolean {
  const question = leaveQuestion?.() ?? null;
  return question === null || window.confirm(question);
}

/** Goes to an in-app path without reloading the page. */
export function navigate(to: string, options: { readonly replace?: boolean; readonly scroll?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  // A new page starts at the top; an in-place update (a filter) keeps the reader where they are.
  if (options.scroll !== false) window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener("popstate", onChange);
  window.addEventListener("hashchange", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener("hashchange", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
};

const snapshot = (): string => window.location.pathname + window.location.search + window.location.hash;

/** The current location (path + query + hash); re-renders on navigation, back/forward and hash changes. */
export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, snapshot);
}
