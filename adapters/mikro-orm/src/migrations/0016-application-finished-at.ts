import type { Dialect } from "./dialect.ts";

/**
 * When an application finished (application-store@3, S4 retention): the time it entered 完了, 不受理 or 取下げ,
 * null while in process, indexed for the retention's oldest-first scan. Rows written before are filled with
 * `updated_at` — never earlier than the real finish, so no application expires sooner than its period; the
 * next write of the row stores the exact time from its (encrypted) history.
 */
export const applicationFinishedAtMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      "alter table applications add column finished_at datetime null",
      "update applications set finished_at = updated_at where status in ('completed', 'rejected', 'withdrawn')",
      "create index applications_finished_idx on applications (finished_at, id) where finished_at is not null",
    ],
    down: ["drop index applications_finished_idx", "alter table applications drop column finished_at"],
  },
  postgresql: {
    up: [
      "alter table applications add column finished_at timestamptz(3) null",
      "update applications set finished_at = updated_at where status in ('completed', 'rejected', 'withdrawn')",
      "create index applications_finished_idx on applications (finished_at, id) where finished_at is not null",
    ],
    down: ["drop index applications_finished_idx", "alter table applications drop column finished_at"],
  },
};
