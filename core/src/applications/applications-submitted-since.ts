import { okAsync, type ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application } from "./application.ts";
import type { ApplicationQuery, ApplicationStore } from "./application-store.port.ts";

/**
 * The applications matching `filter` submitted at or after `since`, newest first. The store lists newest first,
 * so pages are read only until one reaches back past `since` (a report on last month or a sweep of the last 35
 * days does not read the whole table).
 */
export const applicationsSubmittedSince = (
  store: Pick<ApplicationStore, "list">,
  filter: Omit<ApplicationQuery, "limit" | "offset">,
  since: Date,
  pageSize = 200,
): ResultAsync<readonly Application[], StorageError> => {
  const from = (offset: number, found: readonly Application[]): ResultAsync<readonly Application[], StorageError> =>
    store.list({ ...filter, limit: pageSize, offset }).andThen((page) => {
      const recent = page.items.filter((a) => a.submittedAt.getTime() >= since.getTime());
      const all = [...found, ...recent];
      return recent.length < page.items.length || page.items.length < pageSize ? okAsync(all) : from(offset + pageSize, all);
    });
  return from(0, []);
};
