/**
 * The audit viewer's filter, kept in the URL (`/staff/audit?staffId=…&action=…&from=2026-11-01&to=2026-11-30`)
 * so that a query can be bookmarked and Back works. Dates are calendar days in Japan time: staff think
 * of "11月1日から30日まで", the server filters instants — [from 00:00 JST, the day after `to` 00:00 JST).
 */
export interface AuditQuery {
  readonly staffId: string;
  /** An action name, or several comma-separated (`application.viewed,application.listed`). */
  readonly action: string;
  /** `YYYY-MM-DD` or "". */
  readonly from: string;
  readonly to: string;
  /** Show entries after this sequence number (the next page). */
  readonly afterSeq: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_]+\.[a-z_]+(,[a-z_]+\.[a-z_]+)*$/;

/** A calendar day that exists (2026-02-30 does not). */
const isDay = (s: string): boolean => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Reads the query from `location.search`; anything invalid is left out. */
export function parseAuditQuery(search: string): AuditQuery {
  const p = new URLSearchParams(search);
  const text = (name: string, ok: (s: string) => boolean) => {
    const v = (p.get(name) ?? "").trim();
    return ok(v) ? v : "";
  };
  const after = Number(p.get("afterSeq") ?? "0");
  return {
    staffId: text("staffId", (s) => s.length <= 100),
    action: text("action", (s) => ACTION.test(s)),
    from: text("from", isDay),
    to: text("to", isDay),
    afterSeq: Number.isSafeInteger(after) && after > 0 ? after : 0,
  };
}

/** The viewer's path for a query (empty values left out). */
export function auditPath(query: AuditQuery): string {
  const p = new URLSearchParams();
  if (query.staffId !== "") p.set("staffId", query.staffId);
  if (query.action !== "") p.set("action", query.action);
  if (query.from !== "") p.set("from", query.from);
  if (query.to !== "") p.set("to", query.to);
  if (query.afterSeq > 0) p.set("afterSeq", String(query.afterSeq));
  const s = p.toString();
  return s === "" ? "/staff/audit" : `/staff/audit?${s}`;
}

/** Midnight of a day in Japan time, as an ISO instant. */
export const startOfDayJst = (day: string): string => new Date(`${day}T00:00:00+09:00`).toISOString();

/** Midnight after a day in Japan time (the exclusive end of a period that includes `day`). */
export const endOfDayJst = (day: string): string => new Date(new Date(`${day}T00:00:00+09:00`).getTime() + 86_400_000).toISOString();

/** The API's filter parameters for a query (instants, not days). */
export function auditApiParams(query: AuditQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.staffId !== "") params["staffId"] = query.staffId;
  if (query.action !== "") params["action"] = query.action;
  if (query.from !== "") params["from"] = startOfDayJst(query.from);
  if (query.to !== "") params["to"] = endOfDayJst(query.to);
  return params;
}
