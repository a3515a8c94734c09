import { Schema } from "effect";
import { CatalogTagSchema, DeliveryMethodSchema, ProcedureDefinitionSchema } from "./procedure-catalog.schema.ts";

/**
 * S6: the procedures staff build in the back office, kept as a municipality setting under this key. Only the
 * procedures: the catalog file keeps the municipality, the delivery methods and their postage, the offices, the
 * categories and the life events (docs/adr/0038-procedures-built-in-the-back-office.md).
 */
export const PROCEDURE_DEFINITIONS_SETTING = "procedures.definitions" as const;

/** At most this many procedures: a city offers tens to a few hundred online. */
export const MAX_PROCEDURES = 500;

/** Schema of the setting: the procedures in the file's shape, checked across entries with the file's other parts. */
export const ProcedureDefinitionsSchema = Schema.Array(ProcedureDefinitionSchema).check(Schema.isMaxLength(MAX_PROCEDURES));

/**
 * S6: the lists procedures refer to, as staff keep them in the back office under this key — the delivery methods
 * with their postage (Japan Post changes its rates), the categories and the life events (R12). Once saved they
 * replace the file's; the file keeps the municipality and the offices.
 */
export const CATALOG_LISTS_SETTING = "procedures.lists" as const;

/** A few hundred entries at most: a city files its procedures under tens of categories. */
export const MAX_CATALOG_LIST_ENTRIES = 200;

/** Schema of the lists setting; references and unique ids are checked with the whole catalog. */
export const CatalogListsSchema = Schema.Struct({
  deliveryMethods: Schema.Array(DeliveryMethodSchema).check(Schema.isMinLength(1), Schema.isMaxLength(MAX_CATALOG_LIST_ENTRIES)),
  categories: Schema.Array(CatalogTagSchema).check(Schema.isMaxLength(MAX_CATALOG_LIST_ENTRIES)),
  lifeEvents: Schema.Array(CatalogTagSchema).check(Schema.isMaxLength(MAX_CATALOG_LIST_ENTRIES)),
});
