import { Schema } from "effect";
import { ProcedureDefinitionSchema } from "./procedure-catalog.schema.ts";

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
