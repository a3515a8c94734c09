import { err, errAsync, ok, type Result, type ResultAsync } from "neverthrow";
import type { AuditEntryDraft } from "../audit/audit-entry.ts";
import type { Clock } from "../shared/clock.port.ts";
import { storageError, type StorageError } from "../shared/storage.errors.ts";
import type { SettingsStore } from "../settings/settings-store.port.ts";
import { catalogError, type CatalogError, type CatalogIssue } from "./procedure-catalog.errors.ts";
import { decodeProcedureCatalog, type ProcedureCatalogJson } from "./procedure-catalog.schema.ts";
import { CATALOG_LISTS_SETTING, PROCEDURE_DEFINITIONS_SETTING, type CatalogListsSchema } from "./procedure-definitions.schema.ts";
import type { ProcedureCatalog } from "./procedure.ts";

/** One procedure as staff save it: the catalog file's shape. */
export type ProcedureDefinitionJson = ProcedureCatalogJson["procedures"][number];

/** The delivery methods, categories and life events, as staff save them (the file's shape). */
export type CatalogListsJson = typeof CatalogListsSchema.Type;

/** The file's lists: what is in force until staff save theirs. */
export const catalogListsOfFile = (json: ProcedureCatalogJson): CatalogListsJson => ({
  deliveryMethods: json.deliveryMethods,
  categories: json.categories ?? [],
  lifeEvents: json.lifeEvents ?? [],
});

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
  /** The delivery methods, categories and life events in force, what the next save of them starts from. */
  readonly lists: CatalogListsJson;
  /** What the next save of the lists expects (0: the file's lists are in force). */
  readonly listsVersion: number;
}

type Stored<T> = { readonly value: T; readonly version: number } | null;

/** A settings store that answers the procedures setting (the real store, or a test's). */
type DefinitionsSettings = Pick<SettingsStore, "get" | "put">;

/**
 * The catalog in force: the file's, with the back office's procedures and lists once staff have saved them. What is
 * stored but no longer fits the file (the file dropped a delivery method a procedure offers) is `corrupt`, with every
 * problem named, so that the start fails and says what to mend rather than running without those procedures.
 */
export const catalogInForce = (settings: DefinitionsSettings, file: CatalogFile): ResultAsync<CatalogInForce, StorageError> =>
  settings
    .get(PROCEDURE_DEFINITIONS_SETTING)
    .andThen((procedures) => settings.get(CATALOG_LISTS_SETTING).andThen((lists) => catalogFromStored(file, procedures, lists)));

/** The catalog in force given what the settings store holds (null: nothing saved yet), decoded with the file. */
export const catalogFromStored = (
  file: CatalogFile,
  stored: Stored<readonly ProcedureDefinitionJson[]>,
  storedLists: Stored<CatalogListsJson> = null,
): Result<CatalogInForce, StorageError> => {
  const lists = storedLists?.value ?? catalogListsOfFile(file.json);
  const listsVersion = storedLists?.version ?? 0;
  const procedures = stored?.value ?? file.json.procedures;
  const source = stored === null ? "file" : "back_office";
  if (stored === null && storedLists === null) return ok({ catalog: file.catalog, procedures, version: 0, source, lists, listsVersion });
  return composeCatalog(file.json, procedures, lists)
    .map((catalog): CatalogInForce => ({ catalog, procedures, version: stored?.version ?? 0, source, lists, listsVersion }))
    .mapErr((e) => storageError("procedures.read", "corrupt", `the procedures or lists saved in the back office do not fit the catalog file:\n${e.message}`));
};

const composeCatalog = (file: ProcedureCatalogJson, procedures: readonly ProcedureDefinitionJson[], lists: CatalogListsJson): Result<ProcedureCatalog, CatalogError> =>
  decodeProcedureCatalog({ ...file, ...lists, procedures });

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
    const decoded = composeCatalog(input.file.json, next, current.lists);
    if (decoded.isErr()) return err<SavedProcedure, CatalogError | StorageError>(relativeTo(at, decoded.error));
    const procedures = next;
    const saved = candidate;
    const now = deps.clock.now();
    const audit = procedureSavedAudit({ staffId: input.staffId, sourceIp: input.sourceIp, at: now, before: index < 0 ? null : (current.procedures[index] ?? null), after: saved });
    return deps.settings
      .put(PROCEDURE_DEFINITIONS_SETTING, procedures, input.expectedVersion, now, [audit])
      .map((stored): SavedProcedure => ({ inForce: { ...current, catalog: decoded.value, procedures, version: stored.version, source: "back_office" }, created: index < 0 }));
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
const changedKeys = <T extends object>(before: T, after: T): string[] => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const value = (p: T, k: string) => JSON.stringify((p as Record<string, unknown>)[k] ?? null);
  return keys.filter((k) => value(before, k) !== value(after, k));
};

/**
 * Staff save the delivery methods, categories and life events (S6): the whole catalog is decoded with them and the
 * procedures in force first, so a list that a procedure still refers to (a delivery method it offers) or a
 * duplicate id is refused with its path (`deliveryMethods[1] ("express").postage`, `procedures[0] ("juminhyo")
 * .deliveryMethodIds[2]`). Written only if nobody saved the lists since `expectedVersion`, audited in the same
 * transaction: which lists changed, and every postage's old and new amount (postage is what residents pay).
 */
export const saveCatalogLists = (
  deps: { readonly settings: DefinitionsSettings; readonly clock: Clock },
  input: { readonly file: CatalogFile; readonly lists: unknown; readonly expectedVersion: number; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<CatalogInForce, CatalogError | StorageError> => {
  const shape = listsShapeIssues(input.lists);
  if (shape.length > 0) return errAsync(catalogError(shape));
  // Exactly the three lists (checked just above); their entries are decoded with the whole catalog below.
  const lists = input.lists as CatalogListsJson;
  return catalogInForce(deps.settings, input.file).andThen((current) => {
    const decoded = composeCatalog(input.file.json, current.procedures, lists);
    if (decoded.isErr()) return err<CatalogInForce, CatalogError | StorageError>(decoded.error);
    const now = deps.clock.now();
    const audit: AuditEntryDraft = {
      at: now,
      actor: { kind: "staff", id: input.staffId },
      action: "configuration.changed",
      target: { kind: "configuration", id: CATALOG_LISTS_SETTING },
      result: "success",
      sourceIp: input.sourceIp,
      details: { changed: changedKeys(current.lists, lists).join(","), postage: postageChanges(current.lists, lists) },
    };
    return deps.settings
      .put(CATALOG_LISTS_SETTING, lists, input.expectedVersion, now, [audit])
      .map((stored): CatalogInForce => ({ ...current, catalog: decoded.value, lists, listsVersion: stored.version }));
  });
};

const LIST_KEYS = ["deliveryMethods", "categories", "lifeEvents"] as const;

/**
 * The lists are spread over the file's catalog: any other key (`municipality`, `procedures`) would replace the
 * file's, so only these three are taken, each present and an array.
 */
const listsShapeIssues = (lists: unknown): CatalogIssue[] => {
  if (typeof lists !== "object" || lists === null || Array.isArray(lists)) return [{ path: "(lists)", message: "expected an object of deliveryMethods, categories and lifeEvents" }];
  const issues: CatalogIssue[] = [];
  for (const key of Object.keys(lists)) if (!(LIST_KEYS as readonly string[]).includes(key)) issues.push({ path: key, message: "not a list staff keep here" });
  for (const key of LIST_KEYS) if (!Array.isArray((lists as Record<string, unknown>)[key])) issues.push({ path: key, message: "expected an array" });
  return issues;
};

/** `express:350→460,pickup:+0,standard:-` — each delivery method whose postage changed, was added (+) or removed (-). */
const postageChanges = (before: CatalogListsJson, after: CatalogListsJson): string => {
  const old = new Map(before.deliveryMethods.map((m) => [m.id, m.postage]));
  const now = new Map(after.deliveryMethods.map((m) => [m.id, m.postage]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  return ids
    .flatMap((id) => {
      const from = old.get(id);
      const to = now.get(id);
      if (from === to) return [];
      return [from === undefined ? `${id}:+${to}` : to === undefined ? `${id}:-` : `${id}:${from}→${to}`];
    })
    .join(",");
};
