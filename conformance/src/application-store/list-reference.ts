import type { Application, ApplicationPage, ApplicationQuery } from "@madoguchi/core";

/**
 * The reference semantics of `ApplicationStore.list`: keep applications whose status is in
 * `statuses` and whose procedure is in `procedureIds` (an absent filter keeps all; an empty one keeps
 * none), order by submittedAt descending, then id ascending in binary order, and return `limit`
 * items from `offset` with the number of all matches as `total`. (Ids are UUIDs: for them JavaScript's
 * code-unit order, SQLite's BINARY and PostgreSQL's "C" collation agree; a locale collation does not.)
 */
export const referenceList = (applications: Iterable<Application>, query: ApplicationQuery): ApplicationPage => {
  const matching = [...applications]
    .filter((a) => query.statuses === undefined || query.statuses.includes(a.status))
    .filter((a) => query.procedureIds === undefined || query.procedureIds.includes(a.procedureId))
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
};
