import {
  draftIssues,
  emptyNotificationDraft,
  formatWareki,
  isoToWareki,
  NOTIFICATION_FIELD_KEYS,
  parseJapaneseDate,
  PERSON_FIELD_KEYS,
  readIntoDraft,
  type CounterDocumentKind,
  type DraftIssue,
  type DraftPath,
  type Localized,
  type NotificationFieldKey,
  type NotificationKind,
  type PageRegion,
  type PersonFieldKey,
  type ReadDocument,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";

/**
 * The counter page's pure parts: the API's shapes, which scan files it takes, how a scan joins the draft,
 * and where each value and issue is on the page. The draft itself only ever changes through core's
 * functions (`typeDraftValue`, `confirmDraftValue`, `readIntoDraft` …).
 */

/** `GET /api/staff/counter`: what the page offers and checks with. */
export interface CounterSetup {
  readonly templates: readonly { readonly id: string; readonly kind: CounterDocumentKind; readonly name: Localized }[];
  readonly documentKinds: readonly { readonly kind: CounterDocumentKind; readonly name: Localized }[];
  /** Every OCR and draft reason, in words. */
  readonly reasonLabels: Readonly<Record<string, Localized>>;
  /** Today in Japan (`YYYY-MM-DD`): the date checks of `draftIssues` use it. */
  readonly today: string;
  readonly maxScanBytes: number;
}

/** `POST /api/staff/counter/scans`: the document as read, and it read into an empty draft of its kind. */
export interface ScanRead {
  readonly document: ReadDocument;
  readonly draft: ResidenceNotificationDraft;
}

/** The scan files the server reads, by the `Content-Type` it is sent with. */
export const SCAN_CONTENT_TYPES = ["image/png", "image/jpeg", "image/tiff", "application/pdf"] as const;
export type ScanContentType = (typeof SCAN_CONTENT_TYPES)[number];

/** The file input's `accept`: types and extensions (some systems give a TIFF no type). */
export const SCAN_ACCEPT = [...SCAN_CONTENT_TYPES, ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"].join(",");

const BY_EXTENSION: Readonly<Record<string, ScanContentType>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  tif: "image/tiff",
  tiff: "image/tiff",
  pdf: "application/pdf",
};

/** The type to send a chosen file as: its own when the server reads it, else by its extension; null when neither. */
export const scanContentType = (file: { readonly name: string; readonly type: string }): ScanContentType | null => {
  const own = file.type.toLowerCase();
  if ((SCAN_CONTENT_TYPES as readonly string[]).includes(own)) return own as ScanContentType;
  if (own === "image/jpg" || own === "image/pjpeg") return "image/jpeg";
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return extension === undefined ? null : (BY_EXTENSION[extension] ?? null);
};

/** Whether the browser shows the file as an image: PNG and JPEG. Not TIFF (Chromium cannot) nor PDF. */
export const canPreview = (type: ScanContentType): boolean => type === "image/png" || type === "image/jpeg";

/** A size limit in megabytes for people: `20`, `2.5`. */
export const megabytes = (bytes: number): string => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);

/** The query of a scan upload: the layout chosen (none: identify it) and the kind to read an unknown layout as. */
export const scanQuery = (choice: { readonly templateId: string | null; readonly fallbackKind: CounterDocumentKind | null }): string => {
  const params = new URLSearchParams();
  if (choice.templateId !== null) params.set("templateId", choice.templateId);
  if (choice.fallbackKind !== null) params.set("fallbackKind", choice.fallbackKind);
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
};

/** A draft nothing was put in yet: no value, no person, no scan (a 窓口メモ alone does not count: it is not on the form). */
export const isBlankDraft = (draft: ResidenceNotificationDraft): boolean =>
  Object.keys(draft.fields).length === 0 && draft.persons.length === 0 && draft.scans.length === 0;

/**
 * The draft with the time its first scan was read (the server's `startedAt` on its answer, C13's handling time), when
 * it has none yet: a kind chosen first, or values typed before the first scan, must not lose it; a later scan keeps the first's.
 */
const startedBy = (draft: ResidenceNotificationDraft, read: ScanRead): ResidenceNotificationDraft =>
  draft.startedAt !== undefined || read.draft.startedAt === undefined ? draft : { ...draft, startedAt: read.draft.startedAt };

/**
 * The draft after a scan. Into a blank draft the server's draft is taken as it is (the document decides the kind
 * of notification: a 転出証明書 is brought for a 転入) — unless staff chose the kind first, which then stays. Into a
 * draft with something in it the document is merged by core's `readIntoDraft`: it fills gaps only, so nothing staff
 * typed or an earlier document gave is overwritten.
 */
export const draftAfterScan = (current: ResidenceNotificationDraft, kindChosen: boolean, read: ScanRead): ResidenceNotificationDraft => {
  if (!isBlankDraft(current)) return startedBy(readIntoDraft(current, read.document), read);
  return memoOf(current, kindChosen ? startedBy(readIntoDraft(emptyNotificationDraft(current.kind), read.document), read) : read.draft);
};

/** `next` with `from`'s 窓口メモ (C6): a memo written before the first scan stays (a memo alone leaves a draft blank). */
const memoOf = (from: ResidenceNotificationDraft, next: ResidenceNotificationDraft): ResidenceNotificationDraft =>
  from.memo === undefined || from.memo === "" ? next : { ...next, memo: from.memo };

/** The input of a value: `counter-address-previous`, `counter-person-0-name` (also its test id). */
export const pathInputId = (path: DraftPath): string =>
  "person" in path ? `counter-person-${path.person}-${path.field}` : `counter-${path.field.replace(/\./g, "-")}`;

/** The acknowledge button of a scanned document's own flags. */
export const scanAcknowledgeId = (scan: number): string => `counter-scan-${scan}-acknowledge`;

/** The button that adds a person row. */
export const ADD_PERSON_ID = "counter-add-person";

export const samePath = (a: DraftPath, b: DraftPath): boolean =>
  a.field === b.field && ("person" in a ? "person" in b && a.person === b.person : !("person" in b));

/** Where on the page an issue is fixed: the value's input, the scan's acknowledge button, or the add-person button. */
export const issueTargetId = (issue: DraftIssue): string =>
  issue.code === "no_person" ? ADD_PERSON_ID : issue.code === "document_flags" ? scanAcknowledgeId(issue.scan) : pathInputId(issue.path);

/** The issues of one value. */
export const issuesAt = (issues: readonly DraftIssue[], path: DraftPath): readonly DraftIssue[] =>
  issues.filter((i) => "path" in i && samePath(i.path, path));

/** Any date does: the required values of an empty draft have no date to check. */
const ANY_DAY = "2000-01-01";

/**
 * The single values a kind of notification cannot be printed without, as core's `draftIssues` says of an empty
 * draft (core keeps the rule; the page only marks the fields).
 */
export const requiredFields = (kind: NotificationKind): ReadonlySet<NotificationFieldKey> =>
  new Set(draftIssues(emptyNotificationDraft(kind), ANY_DAY).flatMap((i) => (i.code === "required" && !("person" in i.path) ? [i.path.field] : [])));

/** The values every person needs, as core's `draftIssues` says of one empty person. */
export const requiredPersonFields = (kind: NotificationKind): ReadonlySet<PersonFieldKey> =>
  new Set(
    draftIssues({ ...emptyNotificationDraft(kind), persons: [{}] }, ANY_DAY).flatMap((i) => (i.code === "required" && "person" in i.path ? [i.path.field] : [])),
  );

/** The values typed as dates (any notation core reads: 令和8年11月25日, S50.3.4, 2026-11-25). */
export const isDatePath = (path: DraftPath): boolean => path.field === "move.date" || path.field === "birthDate";

/**
 * A typed or read date as the printed form will write it (令和8年11月25日), for staff to compare with the document;
 * null when it is not a date (the issues list says so) or before 明治.
 */
export const dateReading = (text: string): string | null => {
  if (text.trim() === "") return null;
  const iso = parseJapaneseDate(text);
  if (iso.isErr()) return null;
  const wareki = isoToWareki(iso.value);
  return wareki.isOk() ? formatWareki(wareki.value, "kanji") : null;
};

const clamp = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const percent = (n: number): string => `${Math.round(n * 10_000) / 100}%`;

/**
 * The box of a read value over the scan's image, in percentages of the image. The region is a fraction of the page
 * as aligned to the template, not of the uploaded image: on a skewed or shifted scan the box is only near the text
 * (the page says so). Clamped to the image.
 */
export const regionBox = (region: PageRegion): { readonly left: string; readonly top: string; readonly width: string; readonly height: string } => {
  const x = clamp(region.x);
  const y = clamp(region.y);
  return { left: percent(x), top: percent(y), width: percent(Math.min(clamp(region.width), 1 - x)), height: percent(Math.min(clamp(region.height), 1 - y)) };
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

const asPath = (v: unknown): DraftPath | null => {
  if (!isRecord(v) || typeof v["field"] !== "string") return null;
  const field = v["field"];
  if (!("person" in v)) return (NOTIFICATION_FIELD_KEYS as readonly string[]).includes(field) ? { field: field as NotificationFieldKey } : null;
  return isIndex(v["person"]) && (PERSON_FIELD_KEYS as readonly string[]).includes(field) ? { person: v["person"], field: field as PersonFieldKey } : null;
};

const PATH_CODES: ReadonlySet<string> = new Set(["unconfirmed", "required", "invalid_date", "date_in_future", "too_long"]);

/** The issues of a refused print (`counter.draft_not_ready`) this page knows how to show; anything else is left out. */
export const knownIssues = (sent: readonly unknown[]): readonly DraftIssue[] =>
  sent.flatMap((v): DraftIssue[] => {
    if (!isRecord(v) || typeof v["code"] !== "string") return [];
    const code = v["code"];
    if (code === "no_person") return [{ code }];
    if (code === "document_flags") return isIndex(v["scan"]) ? [{ code, scan: v["scan"] }] : [];
    const path = asPath(v["path"]);
    return PATH_CODES.has(code) && path !== null ? [{ code: code as "unconfirmed", path }] : [];
  });
