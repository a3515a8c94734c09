import { findProcedure, statusLabel, type ApplicationStatus, type Localized, type ProcedureCatalog } from "@madoguchi/core";

/** A status's label in every UI language (the browser picks one). */
export const statusLabels = (status: ApplicationStatus): Localized => ({ ja: statusLabel(status, "ja"), en: statusLabel(status, "en") });

/** A procedure's name from the catalog; its id if the catalog no longer has it (old applications stay readable). */
export const procedureNameOf = (catalog: ProcedureCatalog, procedureId: string): Localized =>
  findProcedure(catalog, procedureId)?.name ?? { ja: procedureId, en: procedureId };
