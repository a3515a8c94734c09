import type { DeliveryMethod, Procedure, ProcedureCatalog } from "./procedure.ts";

/** The procedure with this id, or `null` (absent is not an error: callers decide what it means). */
export const findProcedure = (catalog: ProcedureCatalog, id: string): Procedure | null =>
  catalog.procedures.find((p) => p.id === id) ?? null;

/** The catalog's delivery method with this id, or `null`. */
export const findDeliveryMethod = (catalog: ProcedureCatalog, id: string): DeliveryMethod | null =>
  catalog.deliveryMethods.find((m) => m.id === id) ?? null;
