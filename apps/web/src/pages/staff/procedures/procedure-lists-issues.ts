import { MAX_CATALOG_LIST_ENTRIES } from "@madoguchi/core";
import type { ProcedureDefinition, ProcedureIssue } from "../../../api-types.ts";
import { PROCEDURE_ID_PATTERN, TEXT_MAX } from "./procedure-checks.ts";
import { parseIssuePath, type FieldRef, type PathSegment } from "./procedure-fields.ts";
import type { EditorError } from "./procedure-issues.ts";
import { LIST_KEYS, listInputIds, parsePostage, type ListKey, type ListsDraft, type RowPart } from "./procedure-lists.ts";
import type { ProcedureListsMessages } from "./procedure-lists-messages.ts";

/**
 * The lists page's errors: the client's checks — the rules of core's lists schema and catalog decoder
 * (core/src/procedures/procedure-definitions.schema.ts, procedure-catalog.schema.ts) that staff can break by typing
 * — and the server's issues, both placed beside the input their path names, as the procedure editor does.
 */

/** An error with the path it is about (the server's, or the one the client check gives in the server's form). */
export interface ListsError extends EditorError {
  readonly path: string;
}

/** Ids of list entries: core's `Slug`, the same rule as a procedure's id. */
export const LIST_ID_PATTERN = PROCEDURE_ID_PATTERN;

const isListKey = (segment: PathSegment | undefined): segment is ListKey => LIST_KEYS.some((k) => k === segment);

/**
 * The input a path within the lists names (`["deliveryMethods", 1, "postage"]`), and how to say it; `null` when it
 * names nothing on the page (another part of the catalog). A row's path without a field (a whole entry of the
 * wrong shape) points at its first input that can take focus; a list's path, or a row past the end, at the list's
 * add button.
 */
export const listFieldRef = (path: readonly PathSegment[], draft: ListsDraft, m: ProcedureListsMessages): FieldRef | null => {
  const [key, index, field, lang] = path;
  if (!isListKey(key)) return null;
  const words = m.lists[key];
  const row = typeof index === "number" ? draft[key][index] : undefined;
  if (row === undefined || typeof index !== "number") return { targetId: listInputIds.add(key), label: words.legend };
  const rowName = m.rowName(words.row, index + 1, row.id.trim());
  const at = (part: RowPart, label: string): FieldRef => ({ targetId: listInputIds.input(key, row.uid, part), label: m.within(rowName, label) });
  if (field === "name") return lang === "en" ? at("name-en", m.fields.nameEn) : at("name-ja", m.fields.nameJa);
  if (field === "id") return at("id", m.fields.id);
  if (field === "postage" && key === "deliveryMethods") return at("postage", m.fields.postage);
  // The row as a whole: its id while it can still be typed, else its name (a disabled input takes no focus).
  return { targetId: listInputIds.input(key, row.uid, row.saved ? "name-ja" : "id"), label: rowName };
};

/** `deliveryMethods[1].postage` — the server's form of a path, for the client's checks. */
const pathText = (path: readonly PathSegment[]): string => path.reduce<string>((out, s) => (typeof s === "number" ? `${out}[${s}]` : out === "" ? s : `${out}.${s}`), "");

/** Every problem of the form the client can see, in the page's order; empty when it may be sent. */
export const checkLists = (draft: ListsDraft, m: ProcedureListsMessages): readonly ListsError[] => {
  const errors: ListsError[] = [];
  const c = m.check;
  const add = (path: readonly PathSegment[], message: (label: string) => string) => {
    const ref = listFieldRef(path, draft, m);
    const text = message(ref?.label ?? pathText(path));
    errors.push({ path: pathText(path), targetId: ref?.targetId ?? null, inline: text, summary: text });
  };
  const text = (path: readonly PathSegment[], value: string) => {
    const v = value.trim();
    if (v === "") add(path, c.required);
    else if (v.length > TEXT_MAX) add(path, (label) => c.tooLong(label, TEXT_MAX));
  };
  for (const key of LIST_KEYS) {
    const rows = draft[key];
    if (rows.length > MAX_CATALOG_LIST_ENTRIES) add([key], (label) => c.tooMany(label, MAX_CATALOG_LIST_ENTRIES));
    const ids = rows.map((row) => row.id.trim());
    rows.forEach((row, i) => {
      const id = ids[i] ?? "";
      // As core's decoder: the later of two equal ids is the duplicate (new rows come last, so it is the new one).
      if (id === "") add([key, i, "id"], c.required);
      else if (!LIST_ID_PATTERN.test(id)) add([key, i, "id"], c.idPattern);
      else if (ids.indexOf(id) !== i) add([key, i, "id"], (label) => c.idDuplicate(label, id));
      text([key, i, "name", "ja"], row.nameJa);
      text([key, i, "name", "en"], row.nameEn);
      if (key !== "deliveryMethods") return;
      if (row.postage.trim() === "") add([key, i, "postage"], c.required);
      else if (parsePostage(row.postage) === null) add([key, i, "postage"], c.postage);
    });
  }
  if (draft.deliveryMethods.length === 0) add(["deliveryMethods"], () => c.deliveryRequired);
  return errors;
};

/** The lists a procedure refers to, by the field of the procedure that names them. */
const REFERENCES: Readonly<Record<string, ListKey>> = { deliveryMethodIds: "deliveryMethods", categoryIds: "categories", lifeEventIds: "lifeEvents" };

/** `procedures[0] ("juminhyo").deliveryMethodIds[2]` → the procedure's id, the list and the place in its field. */
export const procedureReferenceOf = (path: string): { readonly procedureId: string; readonly list: ListKey; readonly index: number } | null => {
  const match = /^procedures\[\d+\] \("((?:[^"\\]|\\.)*)"\)\.([A-Za-z]+)\[(\d+)\]$/.exec(path.trim());
  if (match === null) return null;
  const list = REFERENCES[match[2] ?? ""];
  if (list === undefined) return null;
  let procedureId: string;
  try {
    // Core writes the id as a JSON string: read it back the same way (an id is a slug, but the path is the server's).
    procedureId = JSON.parse(`"${match[1] ?? ""}"`) as string;
  } catch {
    return null;
  }
  return { procedureId, list, index: Number(match[3]) };
};

/**
 * The server's issues placed beside the inputs they name: 「この項目を確認してください（<the server's English
 * text>）」. A procedure that still refers to a removed entry names no input here: it goes to the summary, saying
 * which procedure and what staff must first remove from it (the page lists those procedures with a link to their
 * editor). Any other issue that names nothing here goes to the summary with its path and the server's text.
 */
export const placeListIssues = (issues: readonly ProcedureIssue[], sent: ListsDraft, procedures: readonly ProcedureDefinition[], m: ProcedureListsMessages, locale: "ja" | "en"): readonly ListsError[] =>
  issues.map((issue) => {
    const segments = parseIssuePath(issue.path);
    const ref = segments === null || segments.length === 0 ? null : listFieldRef(segments, sent, m);
    if (ref !== null && ref.targetId !== null) return { path: issue.path, targetId: ref.targetId, inline: m.checkThis(issue.message), summary: m.issueAt(ref.label, issue.message) };
    const reference = procedureReferenceOf(issue.path);
    if (reference === null) return { path: issue.path, targetId: null, inline: issue.message, summary: m.issueElsewhere(issue.path, issue.message) };
    const procedure = procedures.find((p) => p.id === reference.procedureId);
    const ids = procedure === undefined ? [] : reference.list === "deliveryMethods" ? procedure.deliveryMethodIds : reference.list === "categories" ? (procedure.categoryIds ?? []) : (procedure.lifeEventIds ?? []);
    const words = m.lists[reference.list];
    const name = procedure === undefined ? reference.procedureId : m.procedureName(procedure.name[locale], procedure.id);
    const text = m.stillUsed(name, words.row, words.editorField, ids[reference.index] ?? null, issue.message);
    return { path: issue.path, targetId: null, inline: text, summary: text };
  });

/** The procedures the server says still use a removed entry, each once and in the order named: the page links to their editors. */
export const blockingProcedureIds = (issues: readonly ProcedureIssue[]): readonly string[] => [
  ...new Set(
    issues.flatMap((issue) => {
      const reference = procedureReferenceOf(issue.path);
      return reference === null ? [] : [reference.procedureId];
    }),
  ),
];
