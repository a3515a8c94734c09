/**
 * How a resident may apply for a procedure (R3): with a resident account (logged in; the
 * application then appears under "my applications"), or with an email address only (no account; the
 * status is reached through the receipt number and the access code).
 */
export type ResidentEntry = "account" | "email_only";

/** Every {@link ResidentEntry}, in display order. */
export const RESIDENT_ENTRIES: readonly ResidentEntry[] = ["account", "email_only"];

/** The entries a procedure allows: as configured, or both when the catalog does not say. */
export const residentEntriesOf = (procedure: { readonly residentEntry?: readonly ResidentEntry[] }): readonly ResidentEntry[] => procedure.residentEntry ?? RESIDENT_ENTRIES;
