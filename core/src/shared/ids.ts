/** Branded identifiers. Brands exist only at the type level; values are plain strings. */
declare const brand: unique symbol;
/** A nominal type: `Brand<string, "ApplicationId">` is not assignable from a plain string. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Internal id of an application (UUID). Never shown to residents. */
export type ApplicationId = Brand<string, "ApplicationId">;
/** Receipt number shown to the resident, e.g. `20261123-7K3M9Q`. */
export type ReceiptNumber = Brand<string, "ReceiptNumber">;
/** Id of a procedure in the catalog, e.g. `juminhyo`. */
export type ProcedureId = Brand<string, "ProcedureId">;
/** Id of a staff account. */
export type StaffId = Brand<string, "StaffId">;
/** Idempotency key for a payment call, created before the first try and reused on retry. */
export type IdempotencyKey = Brand<string, "IdempotencyKey">;

export const ApplicationId = (s: string): ApplicationId => s as ApplicationId;
export const ReceiptNumber = (s: string): ReceiptNumber => s as ReceiptNumber;
export const ProcedureId = (s: string): ProcedureId => s as ProcedureId;
export const StaffId = (s: string): StaffId => s as StaffId;
export const IdempotencyKey = (s: string): IdempotencyKey => s as IdempotencyKey;
