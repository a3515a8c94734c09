import type { Logger } from "pino";
import { CATALOG_LISTS_SETTING, catalogFromStored, PROCEDURE_DEFINITIONS_SETTING, type CatalogFile, type CatalogInForce, type ProcedureCatalog, type SettingsStore } from "@madoguchi/core";
import { periodicJob, type PeriodicJob } from "../jobs/periodic-job.ts";

/**
 * The procedure catalog in force, which staff change at run time (S6). Routes read `current()` per request, so a
 * save is in force for the next request on this process; other processes sharing the database pick it up when
 * they refresh (the refresh job, and before the staff editor answers).
 */
export interface LiveCatalog {
  /** The catalog file read at start: the base every save starts from. */
  readonly file: CatalogFile;
  current(): ProcedureCatalog;
  inForce(): CatalogInForce;
  /** After this process saved: the catalog the save answered. */
  replace(next: CatalogInForce): void;
  /** Reads the stored procedures and lists again; keeps the last good catalog when the store fails or holds what no longer fits. */
  refresh(): Promise<CatalogInForce>;
}

export const createLiveCatalog = (settings: Pick<SettingsStore, "get" | "put">, file: CatalogFile, initial: CatalogInForce): LiveCatalog => {
  let inForce = initial;
  return {
    file,
    current: () => inForce.catalog,
    inForce: () => inForce,
    replace(next) {
      // A slower refresh must not put back an older version than a save of this process answered.
      if (next.version >= inForce.version && next.listsVersion >= inForce.listsVersion) inForce = next;
    },
    async refresh() {
      const stored = await settings.get(PROCEDURE_DEFINITIONS_SETTING);
      if (stored.isErr()) throw new Error(`the stored procedures could not be read (${stored.error.reason})`);
      const lists = await settings.get(CATALOG_LISTS_SETTING);
      if (lists.isErr()) throw new Error(`the stored lists could not be read (${lists.error.reason})`);
      // Versions only grow: the catalog is decoded again only when someone saved since (an older answer is a read
      // that raced a save of this process), not on every refresh.
      const newer = (stored.value?.version ?? 0) > inForce.version || (lists.value?.version ?? 0) > inForce.listsVersion;
      if (!newer) return inForce;
      const read = catalogFromStored(file, stored.value, lists.value);
      if (read.isErr()) throw new Error(`the stored procedures could not be read (${read.error.reason})`);
      inForce = read.value;
      return inForce;
    },
  };
};

/** Picks up procedures saved by another process every `intervalMs`; a failed read is logged by name, the last good catalog stays. */
export const createCatalogRefreshJob = (live: LiveCatalog, logger: Logger): PeriodicJob<CatalogInForce> =>
  periodicJob(() => live.refresh(), logger, "catalog.refresh_failed");
