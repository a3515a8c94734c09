import { err, errAsync, ok, type Result, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import { storageError, type StorageError } from "../shared/storage.errors.ts";
import type { SettingsStore } from "../settings/settings-store.port.ts";
import { catalogError, type CatalogError, type CatalogIssue } from "./procedure-catalog.errors.ts";
import { decodeProcedureCatalog, type ProcedureCatalogJson } from "./procedure-catalog.schema.ts";
import { PROCEDURE_DEFINITIONS_SETTING } from "./procedure-definitions.schema.ts";
import type { ProcedureCatalog } from "./procedure.ts";

/** One procedure as staff save it: the catalog file's shape. */
export type ProcedureDefinitionJson = ProcedureCatalogJson["procedures"][number];

/** The catalog file as read at start: its JSON (the base staff edit) and its decoded catalog. */
export interface CatalogFile {
  readonly json: ProcedureCatalogJson;
  readonly catalog: ProcedureCatalog;
}

/** The catalog in force and where its procedures come from. */
export interface CatalogInForce {
  readonly catalog: ProcedureCatalog;
  /** The procedures in the file's shape, what the next save starts from. */
  readonly procedures: readonly ProcedureDefinitionJson[];
  /** What the next save expects (0: staff have saved nothing, the file's procedures are in force). */
  readonly version: number;
  readonly source: "file" | "back_office";
}

/** A settings store that answers the procedures setting (the real store, or a test's). */
type DefinitionsSettings = Pick<SettingsStore, "get" | "put">;

/**
 * The catalog in force: the file's, with the back office's procedures once staff have saved one. A stored list
 * that no longer fits the file (the file dropped a delivery method a procedure offers) is `corrupt`, with every
 * problem named, so that the start fails and says what to mend rather than running without those procedures.
 */
export const catalogInForce = (settings: DefinitionsSettings, file: CatalogFile): ResultAsync<CatalogInForce, StorageError> =>
  settings.get(PROCEDURE_DEFINITIONS_SETTING).andThen((stored) => catalogFromStored(file, stored));

/** The catalog in force given what the settings store holds (null: nothing saved yet), decoded with the file. */
export const catalogFromStored = (
  file: CatalogFile,
  stored: { readonly value: readonly ProcedureDefinitionJson[]; readonly version: number } | null,
): Result<CatalogInForce, StorageError> => {
  if (stored === null) return ok({ catalog: file.catalog, procedures: file.json.procedures, version: 0, source: "file" });
  return composeCatalog(file.json, stored.value)
    .map((catalog): CatalogInForce => ({ catalog, procedures: stored.value, version: stored.version, source: "back_office" }))
    .mapErr((e) => storageError("procedures.read", "corrupt", `the procedures saved in the back office do not fit the catalog file:\n${e.message}`));
};

const composeCatalog = (file: ProcedureCatalogJson, procedures: readonly ProcedureDefinitionJson[]): Result<ProcedureCatalog, CatalogError> =>
  decodeProcedureCatalog({ ...file, procedures });

/** The result of a save: the catalog now in force, and whether the procedure was new. */
export interface SavedProcedure {
  readonly inForce: CatalogInForce;
  readonly created: boolean;
}

/**
 * Staff save one procedure (S6): a new id adds it at the end, a known id replaces it. The whole catalog is decoded
 * with it first, as the file is at start, so a save that the next start would refuse is refused now; the issues'
 * paths are relative to the procedure (`feePerCopy`, `extraFields[0] ("purpose").options[1].value`). Written only if
 * nobody saved since `expectedVersion`, and audited in the same transaction (which procedure, created or which keys
 * changed; the fee's old and new amount, since fees are what residents pay).
 */
export const saveProcedureDefinition = (
  deps: { readonly settings: DefinitionsSettings; readonly clock: Clock },
  input: { readonly file: CatalogFile; readonly procedure: unknown; readonly expectedVersion: number; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<SavedProcedure, CatalogError | StorageError> => {
  const id = idOf(input.procedure);
  if (id === null) return errAsync(catalogError([{ path: "id", message: "a procedure needs an id" }]));
  return catalogInForce(deps.settings, input.file).andThen((current) => {
    const index = current.procedures.findIndex((p) => p.id === id);
    // Unchecked until the whole catalog is decoded with it just below.
    const candidate = input.procedure as ProcedureDefinitionJson;
    const next = index < 0 ? [...current.procedures, candidate] : current.procedures.with(index, candidate);
    const at = index < 0 ? current.procedures.length : index;
    const decoded = composeCatalog(input.file.json, next);
    if (decoded.isErr()) return err<SavedProcedure, CatalogError | StorageError>(relativeTo(at, decoded.error));
    const procedures = next;
    const saved = candidate;
    const now = deps.clock.now();
    const audit = procedureSavedAudit({ staffId: input.staffId, sourceIp: input.sourceIp, at: now, before: index < 0 ? null : (current.procedures[index] ?? null), after: saved });
    return deps.settings
      .put(PROCEDURE_DEFINITIONS_SETTING, procedures, input.expectedVersion, now, [audit])
      .map((stored): SavedProcedure => ({ inForce: { catalog: decoded.value, procedures, version: stored.version, source: "back_office" }, created: index < 0 }));
  });
};

const idOf = (procedure: unknown): string | null => {
  if (typeof procedure !== "object" || procedure === null || !Object.hasOwn(procedure, "id")) return null;
  const id = (procedure as { id: unknown }).id;
  return typeof id === "string" && id !== "" ? id : null;
};

/** `procedures[3] ("juminhyo").feePerCopy` → `feePerCopy` for the procedure being saved; other paths as they are. */
const relativeTo = (index: number, error: CatalogError): CatalogError => {
  const prefix = new RegExp(`^procedures\\[${index}\\](?: \\("(?:[^"\\\\]|\\\\.)*"\\))?\\.?`);
  const issues: CatalogIssue[] = error.issues.map((i) => ({ ...i, path: prefix.test(i.path) ? i.path.replace(prefix, "") || "(procedure)" : i.path }));
  return catalogError(issues);
};

const procedureSavedAudit = (input: {
  staffId: string;
  sourceIp: string | null;
  at: Date;
  before: ProcedureDefinitionJson | null;
  after: ProcedureDefinitionJson;
}): AuditEntryDraft => {
  const changed = input.before === null ? [] : changedKeys(input.before, input.after);
  const fee = input.before !== null && input.before.feePerCopy !== input.after.feePerCopy ? { feeFrom: input.before.feePerCopy, feeTo: input.after.feePerCopy } : {};
  return {
    at: input.at,
    actor: { kind: "staff", id: input.staffId },
    action: "configuration.changed",
    target: { kind: "configuration", id: PROCEDURE_DEFINITIONS_SETTING },
    result: "success",
    sourceIp: input.sourceIp,
    details: { procedureId: input.after.id, created: input.before === null, changed: changed.join(","), ...fee },
  };
};

/** The top-level keys whose values differ (absent and present count as different). */
const changedKeys = (before: ProcedureDefinitionJson, after: ProcedureDefinitionJson): string[] => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const value = (p: ProcedureDefinitionJson, k: string) => JSON.stringify((p as Record<string, unknown>)[k] ?? null);
  return keys.filter((k) => value(before, k) !== value(after, k));
};
