/** S6: the list of procedures in the back office. */
export const PROCEDURES_PATH = "/staff/procedures";

/** The editor of a new procedure (its id is typed there). */
export const PROCEDURE_NEW_PATH = "/staff/procedures/new";

/**
 * The editor of a stored procedure. `new` names the new procedure's editor and `lists` the page of delivery methods
 * and tags instead, so the editor does not let staff give a procedure either id (see `RESERVED_PROCEDURE_IDS`).
 */
export const procedureEditPath = (id: string): string => `${PROCEDURES_PATH}/${encodeURIComponent(id)}`;

/** Ids the editor refuses for a new procedure: their editor's address is another page's. */
export const RESERVED_PROCEDURE_IDS: readonly string[] = ["new", "lists"];

/** The API of one procedure (`PUT`). */
export const procedureApiPath = (id: string): string => `/api/staff/procedures/${encodeURIComponent(id)}`;

/** The resident portal's application page of a procedure: the link staff post (`${portalOrigin}/apply/${id}`). */
export const portalLink = (portalOrigin: string, id: string): string => `${portalOrigin.replace(/\/+$/, "")}/apply/${encodeURIComponent(id)}`;
