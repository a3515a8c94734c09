import { APPLICATION_STATUSES, type ApplicationStatus } from "../../api-types.ts";

/** Rows per page of the staff list. */
export const PAGE_SIZE = 50;

/** The list's filter and page, kept in the URL (`/staff?status=received&offset=50`) so Back works. */
export interface StaffListQuery {
  readonly status: ApplicationStatus | "";
  readonly offset: number;
}

/** Reads the query from `location.search`; anything invalid falls back to all statuses, first page. */
export function parseStaffListQuery(search: string): StaffListQuery {
  const params = new URLSearchParams(search);
  const rawStatus = params.get("status") ?? "";
  const status = (APPLICATION_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ApplicationStatus) : "";
  const rawOffset = Number(params.get("offset") ?? "0");
  const offset = Number.isSafeInteger(rawOffset) && rawOffset > 0 ? rawOffset : 0;
  return { status, offset };
}

/** The list's path for a query (default values left out). */
export function staffListPath(query: StaffListQuery): string {
  const params = new URLSearchParams();
  if (query.status !== "") params.set("status", query.status);
  if (query.offset > 0) params.set("offset", String(query.offset));
  const search = params.toString();
  return search === "" ? "/staff" : `/staff?${search}`;
}
