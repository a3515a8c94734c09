import type { Dialect } from "./dialect.ts";

/**
 * Municipality settings (docs/adr/0021-municipality-settings-and-retention.md): one row per setting
 * key, the value as JSON text (decoded with core's schema when read), a version for conditional
 * writes, and the time of the last change in epoch milliseconds. Who changed it is in the audit log,
 * appended in the same transaction.
 */
export const municipalitySettingsMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: [
      `create table municipality_settings (
        setting_key text not null primary key,
        value_json text not null,
        version integer not null,
        updated_at_ms integer not null
      )`,
    ],
    down: ["drop table municipality_settings"],
  },
  postgresql: {
    up: [
      `create table municipality_settings (
        setting_key text collate "C" not null primary key,
        value_json text not null,
        version integer not null,
        updated_at_ms bigint not null
      )`,
    ],
    down: ["drop table municipality_settings"],
  },
};
