import type { CatalogTag, DeliveryMethod, ProcedureLists } from "../../../api-types.ts";
import { parseInteger, removeAt, replaceAt } from "./procedure-draft.ts";

/**
 * S6: the lists page's form as typed — the delivery methods with their postage, the categories and the life events
 * — and its conversion to and from the lists the server stores (saved whole, `PUT /api/staff/procedure-lists`).
 */

/** The lists page, beside the procedures it serves (the router matches it before a procedure's editor). */
export const PROCEDURE_LISTS_PATH = "/staff/procedures/lists";

/** The lists' API (`PUT`; the `GET` is the procedures' own). */
export const PROCEDURE_LISTS_API_PATH = "/api/staff/procedure-lists";

/** The three lists, in the page's order and with the server's names (issue paths start with these). */
export const LIST_KEYS = ["deliveryMethods", "categories", "lifeEvents"] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** How ids and test ids name each list: `lists-delivery-…`, `lists-category-…`, `lists-life-event-…`. */
const LIST_SLUGS: Readonly<Record<ListKey, string>> = { deliveryMethods: "delivery", categories: "category", lifeEvents: "life-event" };

/** The prefix of each list's row uids (`d3`, `c1`, `e2`): unique within the page, so input ids never collide. */
const UID_PREFIXES: Readonly<Record<ListKey, string>> = { deliveryMethods: "d", categories: "c", lifeEvents: "e" };

/**
 * One row as typed. `uid` names its inputs and stays with the row when rows above it are removed; `saved`: it came
 * from the server, so its id is fixed (procedures and applications refer to it). `postage` is used by delivery
 * methods only (empty for the others): one row type keeps the three sections one component.
 */
export interface ListRowDraft {
  readonly uid: string;
  readonly saved: boolean;
  readonly id: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly postage: string;
}

/** The page's whole form. */
export type ListsDraft = Readonly<Record<ListKey, readonly ListRowDraft[]>>;

/** The parts of a row that are inputs. */
export type RowPart = "id" | "name-ja" | "name-en" | "postage";

/**
 * The page's input ids — one scheme for the page, its client checks and the server's issues, so that every error
 * links to its input — and the stable test ids, shared by every row of a list (a test finds the row by `data-id`).
 */
export const listInputIds = {
  input: (key: ListKey, uid: string, part: RowPart) => `lists-${LIST_SLUGS[key]}-${uid}-${part}`,
  remove: (key: ListKey, uid: string) => `lists-${LIST_SLUGS[key]}-${uid}-remove`,
  /** The add button: also where an error about the list as a whole (none left) points. */
  add: (key: ListKey) => `lists-${LIST_SLUGS[key]}-add`,
  save: "lists-save",
} as const;

/** Test ids: `lists-delivery-row`, `lists-delivery-postage`, `lists-category-remove`, `lists-life-event-add` … */
export const listTestIds = {
  row: (key: ListKey) => `lists-${LIST_SLUGS[key]}-row`,
  input: (key: ListKey, part: RowPart) => `lists-${LIST_SLUGS[key]}-${part}`,
  remove: (key: ListKey) => `lists-${LIST_SLUGS[key]}-remove`,
  add: (key: ListKey) => `lists-${LIST_SLUGS[key]}-add`,
} as const;

const rowOf = (key: ListKey, index: number, entry: CatalogTag & { readonly postage?: number }): ListRowDraft => ({
  uid: `${UID_PREFIXES[key]}${index + 1}`,
  saved: true,
  id: entry.id,
  nameJa: entry.name.ja,
  nameEn: entry.name.en,
  postage: entry.postage === undefined ? "" : String(entry.postage),
});

/** The form of the lists as the server holds them: every row saved. */
export const draftOfLists = (lists: ProcedureLists): ListsDraft => ({
  deliveryMethods: lists.deliveryMethods.map((m, i) => rowOf("deliveryMethods", i, m)),
  categories: lists.categories.map((c, i) => rowOf("categories", i, c)),
  lifeEvents: lists.lifeEvents.map((e, i) => rowOf("lifeEvents", i, e)),
});

/** A postage as typed (`１１０`, `1,100`): whole yen from 0, or `null` when it is not one. */
export const parsePostage = (text: string): number | null => parseInteger(text);

const tagOf = (row: ListRowDraft): CatalogTag => ({ id: row.id.trim(), name: { ja: row.nameJa.trim(), en: row.nameEn.trim() } });

/**
 * What a save sends: every row, in the form's order (the server's issue paths count rows as the form does), texts
 * trimmed (core refuses untrimmed texts). A postage that is not a number is sent as `NaN` (JSON `null`) so that
 * the server names it; the client's checks stop such a save first.
 */
export const toLists = (draft: ListsDraft): ProcedureLists => ({
  deliveryMethods: draft.deliveryMethods.map((row): DeliveryMethod => ({ ...tagOf(row), postage: parsePostage(row.postage) ?? Number.NaN })),
  categories: draft.categories.map(tagOf),
  lifeEvents: draft.lifeEvents.map(tagOf),
});

/** A new, empty row for the list; its uid is one more than the highest of the list's, so ids stay predictable. */
export const newRow = (draft: ListsDraft, key: ListKey): ListRowDraft => {
  const prefix = UID_PREFIXES[key];
  const taken = draft[key].map((row) => Number(row.uid.slice(prefix.length))).filter(Number.isFinite);
  return { uid: `${prefix}${Math.max(0, ...taken) + 1}`, saved: false, id: "", nameJa: "", nameEn: "", postage: key === "deliveryMethods" ? "0" : "" };
};

/** The draft with a row added at the end of its list. */
export const withRow = (draft: ListsDraft, key: ListKey, row: ListRowDraft): ListsDraft => ({ ...draft, [key]: [...draft[key], row] });

/** The draft without the row `uid` of the list. */
export const withoutRow = (draft: ListsDraft, key: ListKey, uid: string): ListsDraft => {
  const index = draft[key].findIndex((row) => row.uid === uid);
  return index < 0 ? draft : { ...draft, [key]: removeAt(draft[key], index) };
};

/** The draft with the row `uid` of the list changed. */
export const withRowChange = (draft: ListsDraft, key: ListKey, uid: string, patch: Partial<Pick<ListRowDraft, "id" | "nameJa" | "nameEn" | "postage">>): ListsDraft => {
  const index = draft[key].findIndex((row) => row.uid === uid);
  const row = draft[key][index];
  return row === undefined ? draft : { ...draft, [key]: replaceAt(draft[key], index, { ...row, ...patch }) };
};

/**
 * Whether the form holds changes a save would keep — what the page warns about before staff leave it. Compared as
 * a save sends it: spaces around a text, a postage typed in full-width digits (`１１０` is 110) and the uids that
 * only name inputs are no change; a row removed and typed again the same is none either. A postage that is not a
 * number is compared as typed (it is something staff typed).
 */
export const hasUnsavedListChanges = (saved: ListsDraft, current: ListsDraft): boolean => saved !== current && comparable(saved) !== comparable(current);

const comparable = (draft: ListsDraft): string =>
  JSON.stringify(
    LIST_KEYS.map((key) =>
      draft[key].map((row) => [row.id.trim(), row.nameJa.trim(), row.nameEn.trim(), key === "deliveryMethods" ? (parsePostage(row.postage) ?? row.postage.trim()) : null]),
    ),
  );
