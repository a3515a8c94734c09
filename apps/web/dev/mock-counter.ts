import { randomInt, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import {
  COUNTER_DOCUMENT_KINDS,
  DRAFT_REASON_LABELS,
  NOTIFICATION_KIND_OF_DOCUMENT,
  RELATED_FORM_NAMES,
  counterRecordKeepUntil,
  counterRecordSummary,
  counterReport,
  decodeResidenceNotificationDraft,
  draftIssues,
  emptyNotificationDraft,
  handlingSeconds,
  isRelatedFormId,
  isReportMonth,
  MAX_COUNTER_PHRASE_LENGTH,
  MAX_COUNTER_PHRASES,
  japanCalendarDate,
  japanMidnight,
  matchesCounterSearch,
  readIntoDraft,
  relatedForm,
  reportMonthOf,
  reportMonthRange,
  type AuditDetails,
  type AuditEntry,
  type CounterDocumentInfo,
  type CounterDocumentKind,
  type CounterPhrase,
  type CounterRecord,
  type ReadDocument,
  type ReadField,
} from "@madoguchi/core";

/**
 * The no-writing counter's endpoints for `vite` without a server (see mock-api.ts): no OCR. The first scan of a
 * notification "reads" a fixed 転出証明書 of a fictional household, every later one a 在留カード, whatever the file;
 * the PDF is a one-line stand-in. Core's own functions build the draft and refuse a draft that is not ready, so the
 * screens behave as with the real server. Printed forms are kept as records in memory (C8) with the papers attached
 * to them, searched with core's own matching (C9); one record of a few days ago is there from the start. The related
 * forms (C7) are core's `relatedForm` of the draft sent, kept with the record as a stand-in PDF; the report (C13) is
 * core's `counterReport` of the audit entries the mock writes as the server does (a few of earlier days seeded). The
 * registered phrases (C6) live in memory with a version, two seeded; a second tab shows the 409 of a stale list.
 */

type L = { ja: string; en: string };

const DOCUMENT_NAMES: Readonly<Record<CounterDocumentKind, L>> = {
  "tenshutsu-shomeisho": { ja: "転出証明書", en: "Moving-out certificate" },
  "tenshutsu-kakunin": { ja: "転出証明書に係る情報確認書", en: "Moving-out information sheet" },
  "zairyu-card": { ja: "在留カード", en: "Residence card" },
  "tokubetsu-eijusha": { ja: "特別永住者証明書", en: "Special permanent resident certificate" },
  "unten-menkyo": { ja: "運転免許証", en: "Driving licence" },
  "mynumber-card": { ja: "マイナンバーカード", en: "My Number card" },
  "koseki-zenbu": { ja: "戸籍全部事項証明", en: "Family register (full)" },
  "koseki-fuhyo": { ja: "戸籍附票", en: "Family register residence record" },
};

const REASON_LABELS: Record<string, L> = {
  ...DRAFT_REASON_LABELS,
  name_always_confirmed: { ja: "氏名は必ず書類と照らし合わせます", en: "Names are always checked against the document" },
  low_confidence: { ja: "読み取りの確からしさが低い値です", en: "Read with low confidence" },
  readings_disagree: { ja: "読み取るたびに結果が異なりました", en: "The readings disagree" },
  relationship_inconsistent: { ja: "続柄が世帯主と合いません", en: "The relationships do not fit the head of household" },
};

const field = (key: string, value: string, y: number, reasons: ReadField["reasons"] = [], raw = value): ReadField => ({
  key,
  value,
  raw,
  confidence: reasons.includes("low_confidence") ? 55 : 92,
  region: { x: 0.22, y, width: 0.7, height: 0.028 },
  reasons,
});

const member = (row: number, name: string, kana: string, birthDate: string, sex: string, relationship: string, raw = name): ReadField[] => {
  const y = 0.41 + row * 0.035;
  const at = (key: string, value: string, x: number, width: number, reasons: ReadField["reasons"] = [], seen = value): ReadField => ({
    ...field(`members[].${key}`, value, y, reasons, seen),
    region: { x, y, width, height: 0.03 },
  });
  return [
    at("name", name, 0.07, 0.17, ["name_always_confirmed", ...(raw === name ? [] : (["low_confidence"] as const))], raw),
    at("kana", kana, 0.25, 0.17),
    at("birthDate", birthDate, 0.43, 0.18),
    at("sex", sex, 0.62, 0.05),
    at("relationship", relationship, 0.68, 0.09),
    at("residentCode", "12345678903", 0.78, 0.15),
  ];
};

const CERTIFICATE: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [
    field("household.address", "さんぷる県みほん市中央一丁目2番3号", 0.118),
    field("household.head", "見本 太郎", 0.158, ["name_always_confirmed"]),
    field("move.destination", "ためし県ためし市本町四丁目5番6号", 0.199),
    field("move.plannedDate", "2026-11-20", 0.239, [], "令和8年11月20日"),
    field("domicile.address", "さんぷる県みほん市中央一丁目2番", 0.28),
    field("domicile.head", "見本 太郎", 0.32, ["name_always_confirmed"]),
  ],
  groups: { members: [member(0, "見本 太郎", "みほん たろう", "1980-04-01", "男", "世帯主"), member(1, "見本 花子", "みほん はなこ", "1982-06-07", "女", "妻", "見木 花子")] },
  reasons: ["name_always_confirmed", "low_confidence"],
};

const CARD: ReadDocument = {
  templateId: "zairyu-card/all/v1",
  kind: "zairyu-card",
  readBy: "identification",
  fields: [
    field("person.name", "MIHON JOHN", 0.2, ["name_always_confirmed"]),
    field("person.birthDate", "1990-01-02", 0.3),
    field("person.sex", "男", 0.35),
    field("person.nationality", "ミホン国", 0.4),
    field("person.address", "さんぷる県みほん市中央一丁目2番3号", 0.6),
  ],
  groups: {},
  reasons: ["name_always_confirmed"],
};

let scansRead = 0;
const MAX_SCAN_BYTES = 20 * 1024 * 1024;
const SCAN_TYPES = ["image/png", "image/jpeg", "image/tiff", "application/pdf"];
const DAY_MS = 86_400_000;
/** The mock's retention of counter records (the server's `counter.retentionYears`). */
const RETENTION_YEARS = 5;

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

const fail = (res: ServerResponse, status: number, code: string, message: string): true => {
  send(res, status, { error: { code, message } });
  return true;
};

/** The receipt numbers' shape the server gives confirmation numbers: the day and six Crockford base32 characters. */
const confirmationNumber = (day: string): string => {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  return `${day.replaceAll("-", "")}-${Array.from({ length: 6 }, () => alphabet[randomInt(0, alphabet.length)]).join("")}`;
};

/** The kept records, newest first; no PDF bytes (the mock answers every document with a stand-in). */
const records: CounterRecord[] = [];

const newRecord = (draft: Parameters<typeof counterRecordSummary>[0], createdAt: Date): CounterRecord => ({
  id: randomUUID(),
  confirmationNumber: confirmationNumber(japanCalendarDate(createdAt)),
  kind: draft.kind,
  createdAt,
  createdBy: "mock-staff",
  keepUntil: counterRecordKeepUntil(createdAt, RETENTION_YEARS),
  summary: counterRecordSummary(draft),
  documents: [{ id: randomUUID(), kind: "form", title: "住民異動届", addedAt: createdAt, addedBy: "mock-staff", byteLength: 48_213 }],
});

// A record of three days ago, so that the search finds something before anything is printed.
{
  const createdAt = new Date(Date.now() - 3 * DAY_MS);
  const seeded = newRecord(readIntoDraft(emptyNotificationDraft("tennyu"), CERTIFICATE), createdAt);
  records.push({ ...seeded, documents: [...seeded.documents, { id: randomUUID(), kind: "scan", title: "転出証明書", addedAt: createdAt, addedBy: "mock-staff", byteLength: 356_102 }] });
}

/** The audit entries the report is made of (`counter.scan_read`, `counter.form_printed`), as the server writes them. */
const auditEntries: AuditEntry[] = [];

const audit = (action: "counter.scan_read" | "counter.form_printed", at: Date, details: AuditDetails, result: "success" | "failure" = "success"): void => {
  auditEntries.push({ at, actor: { kind: "staff", id: "mock-staff" }, action, target: null, result, sourceIp: "127.0.0.1", details, seq: auditEntries.length + 1, segment: at.toISOString().slice(0, 7), hash: "" });
};

/** What the server audits of a scan read: counts only. */
const readDetails = (doc: ReadDocument): AuditDetails => {
  const fields = [...doc.fields, ...Object.values(doc.groups).flat(2)];
  return { templateId: doc.templateId, kind: doc.kind, readBy: doc.readBy, fields: fields.length, flagged: fields.filter((f) => f.reasons.length > 0).length };
};

// Earlier days of the report: the seeded record's form and scans, a 転居 typed without a scan, a seal registration, a failed read.
{
  const day = (daysAgo: number, hour: number) => new Date(japanMidnight(japanCalendarDate(new Date(Date.now() - daysAgo * DAY_MS))).getTime() + hour * 3_600_000);
  audit("counter.scan_read", day(3, 10), readDetails(CERTIFICATE));
  audit("counter.scan_read", day(3, 10.05), {}, "failure");
  audit("counter.form_printed", day(3, 10.1), { layoutId: "juminido-todoke", kind: "tennyu", handlingSeconds: 372 });
  audit("counter.form_printed", day(3, 10.2), { layoutId: "inkan-toroku" });
  audit("counter.scan_read", day(3, 14), readDetails(CERTIFICATE));
  audit("counter.form_printed", day(3, 14.2), { layoutId: "juminido-todoke", kind: "tennyu", handlingSeconds: 655 });
  audit("counter.form_printed", day(2, 11), { layoutId: "juminido-todoke", kind: "tenkyo", handlingSeconds: null });
}

const view = (r: CounterRecord) => ({ ...r, createdAt: r.createdAt.toISOString(), documents: r.documents.map((d) => ({ ...d, addedAt: d.addedAt.toISOString() })) });

const RECORD_MESSAGES = {
  notFound: { ja: "記録が見つかりません。保存期間を過ぎて削除された可能性があります。", en: "No such record. It may have been deleted at the end of its retention." },
  badTitle: { ja: "書類の名前（40 文字まで）を指定してください。", en: "Give the paper a name (up to 40 characters)." },
  badSearch: { ja: "検索条件の形式が正しくありません（日付は YYYY-MM-DD）。", en: "The search is malformed (dates as YYYY-MM-DD)." },
  searchRange: { ja: "検索期間は 1 日から 366 日までで指定してください。", en: "Search a period of 1 to 366 days." },
  mediaType: { ja: "PNG・JPEG・TIFF・PDF の画像を送ってください。", en: "Send a PNG, JPEG, TIFF or PDF image." },
  formNotConfigured: { ja: "この様式は設定されていません。", en: "This form is not configured." },
  badDraft: { ja: "届出の内容の形式が正しくありません。画面を再読み込みしてください。", en: "The form's data is malformed. Reload the page." },
  notReady: { ja: "確認されていない項目か、未入力の必須項目があります。", en: "Some values are not confirmed, or required values are missing." },
  badMonth: { ja: "月は 2026-11 の形で指定してください。", en: "Give the month as 2026-11." },
} as const;

/** `/api/staff/counter/records*`, as counter-record-routes.ts answers them. */
const mockRecords = (res: ServerResponse, request: CounterRequest): boolean => {
  const { url, method, locale } = request;
  const parts = url.pathname.split("/").slice(5).map(decodeURIComponent); // after /api/staff/counter/records
  const [recordId, documentsPart, documentId] = parts;
  if (recordId === undefined && method === "GET") {
    const q = url.searchParams;
    const day = /^\d{4}-\d{2}-\d{2}$/;
    for (const key of ["from", "to", "birthDate"]) if (q.has(key) && !day.test(q.get(key) ?? "")) return fail(res, 400, "request.malformed", RECORD_MESSAGES.badSearch[locale]);
    const last = q.get("to") ?? japanCalendarDate(new Date());
    const first = q.get("from") ?? japanCalendarDate(new Date(japanMidnight(last).getTime() - 29 * DAY_MS));
    const start = japanMidnight(first);
    const end = new Date(japanMidnight(last).getTime() + DAY_MS);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start || end.getTime() - start.getTime() > 366 * DAY_MS) {
      return fail(res, 400, "counter.search_range", RECORD_MESSAGES.searchRange[locale]);
    }
    const search = {
      ...(q.get("name") ? { name: q.get("name") ?? "" } : {}),
      ...(q.get("birthDate") ? { birthDate: q.get("birthDate") ?? "" } : {}),
      ...(q.get("number") ? { confirmationNumber: q.get("number") ?? "" } : {}),
    };
    const found = records.filter((r) => r.createdAt >= start && r.createdAt < end && matchesCounterSearch(r, search));
    send(res, 200, { from: first, to: last, records: found.slice(0, 100).map(view), more: found.length > 100 });
    return true;
  }
  const record = records.find((r) => r.id === recordId);
  if (documentsPart === undefined && method === "GET") {
    if (record === undefined) return fail(res, 404, "counter.record_not_found", RECORD_MESSAGES.notFound[locale]);
    send(res, 200, { record: view(record) });
    return true;
  }
  if (documentsPart === "documents" && documentId === undefined && method === "POST") {
    if (!SCAN_TYPES.includes(request.contentType)) return fail(res, 415, "counter.unsupported_media_type", RECORD_MESSAGES.mediaType[locale]);
    const title = url.searchParams.get("title") ?? "";
    if (title.length < 1 || title.length > 40 || /[\u0000-\u001f\u007f]/.test(title)) return fail(res, 400, "request.malformed", RECORD_MESSAGES.badTitle[locale]);
    if (record === undefined) return fail(res, 404, "counter.record_not_found", RECORD_MESSAGES.notFound[locale]);
    const document: CounterDocumentInfo = { id: randomUUID(), kind: "scan", title, addedAt: new Date(), addedBy: "mock-staff", byteLength: request.contentLength };
    records.splice(records.indexOf(record), 1, { ...record, documents: [...record.documents, document] });
    // Making the PDF takes the real server a moment.
    setTimeout(() => send(res, 201, { document: { ...document, addedAt: document.addedAt.toISOString() } }), 600);
    return true;
  }
  if (documentsPart === "documents" && documentId !== undefined && method === "GET") {
    const document = record?.documents.find((d) => d.id === documentId);
    if (record === undefined || document === undefined) return fail(res, 404, "counter.record_not_found", RECORD_MESSAGES.notFound[locale]);
    res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="counter-${record.id}-${document.id}.pdf"` });
    res.end(`%PDF-1.4\n% mock: the real server sends the kept ${document.kind === "form" ? "form" : "scan"} here\n%%EOF\n`);
    return true;
  }
  if (documentsPart === "forms" && documentId !== undefined && method === "POST") {
    const formId = documentId;
    if (!isRelatedFormId(formId)) return fail(res, 404, "counter.form_not_configured", RECORD_MESSAGES.formNotConfigured[locale]);
    const person = request.body["person"];
    if (person !== undefined && (typeof person !== "number" || !Number.isInteger(person) || person < 0 || person > 50)) return fail(res, 400, "request.malformed", RECORD_MESSAGES.badDraft[locale]);
    const draft = decodeResidenceNotificationDraft(request.body["draft"]);
    if (draft.isErr()) return fail(res, 400, "request.malformed", RECORD_MESSAGES.badDraft[locale]);
    if (record === undefined) return fail(res, 404, "counter.record_not_found", RECORD_MESSAGES.notFound[locale]);
    const now = new Date();
    const form = relatedForm(formId, draft.value, { today: japanCalendarDate(now), confirmationNumber: record.confirmationNumber, ...(person === undefined ? {} : { person }) });
    if (form.isErr()) {
      send(res, 422, { error: { code: "counter.draft_not_ready", message: RECORD_MESSAGES.notReady[locale], issues: form.error } });
      return true;
    }
    const document: CounterDocumentInfo = { id: randomUUID(), kind: "form", title: RELATED_FORM_NAMES[formId].ja, addedAt: now, addedBy: "mock-staff", byteLength: 41_377 };
    records.splice(records.indexOf(record), 1, { ...record, documents: [...record.documents, document] });
    audit("counter.form_printed", now, { layoutId: formId, confirmationNumber: record.confirmationNumber, documentId: document.id });
    res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${formId}-${record.confirmationNumber}.pdf"` });
    res.end(`%PDF-1.4\n% mock: the real server prints the ${formId} here\n%%EOF\n`);
    return true;
  }
  return false;
};

/** C6: the counter's registered phrases (the server's `counter.phrases` setting), with their version. */
let phrases: readonly CounterPhrase[] = [
  { id: "p-seed-building", text: "みほんハイツ" },
  { id: "p-seed-town", text: "さんぷる県みほん市中央一丁目" },
];
let phrasesVersion = 1;

const PHRASE_MESSAGES = {
  invalid: {
    ja: `登録語句を確認してください（1語句は1行・${MAX_COUNTER_PHRASE_LENGTH}文字まで、同じ語句は1回、${MAX_COUNTER_PHRASES}件まで）。`,
    en: `Check the phrases (one line of at most ${MAX_COUNTER_PHRASE_LENGTH} characters each, each once, at most ${MAX_COUNTER_PHRASES}).`,
  },
  conflict: { ja: "ほかの職員が同時に登録語句を変更しました。再読み込みしてください。", en: "Another staff member changed the phrases at the same time. Reload them." },
} as const;

/** The list as core's `CounterPhrasesSchema` accepts it, else null. */
const decodePhrases = (value: unknown): readonly CounterPhrase[] | null => {
  if (!Array.isArray(value) || value.length > MAX_COUNTER_PHRASES) return null;
  const list: CounterPhrase[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "object" || item === null) return null;
    const { id, text } = item as Record<string, unknown>;
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return null;
    if (typeof text !== "string" || text !== text.trim() || text === "" || [...text].length > MAX_COUNTER_PHRASE_LENGTH || /[\p{Cc}\u2028\u2029]/u.test(text)) return null;
    list.push({ id, text });
  }
  if (new Set(list.map((p) => p.id)).size !== list.length || new Set(list.map((p) => p.text)).size !== list.length) return null;
  return list;
};

/** `/api/staff/counter/phrases`, as counter-phrase-routes.ts answers it. */
const mockPhrases = (res: ServerResponse, request: CounterRequest): boolean => {
  const { method, body, locale } = request;
  if (method === "GET") {
    send(res, 200, { phrases, version: phrasesVersion });
    return true;
  }
  if (method !== "PUT") return false;
  if (body["expectedVersion"] !== phrasesVersion) return fail(res, 409, "counter.phrases_conflict", PHRASE_MESSAGES.conflict[locale]);
  const next = decodePhrases(body["phrases"]);
  if (next === null) return fail(res, 422, "settings.invalid_value", PHRASE_MESSAGES.invalid[locale]);
  phrases = next;
  phrasesVersion += 1;
  send(res, 200, { phrases, version: phrasesVersion });
  return true;
};

/** A request to `/api/staff/counter*`: the body is JSON (parsed by mock-api.ts) except for uploads, only measured. */
export interface CounterRequest {
  readonly url: URL;
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly contentType: string;
  readonly contentLength: number;
  readonly locale: "ja" | "en";
}

/** Answers `/api/staff/counter*` (the caller checked the session and CSRF token); false for any other path. */
export const mockCounter = (res: ServerResponse, request: CounterRequest): boolean => {
  const { method, body, contentType, locale } = request;
  const path = request.url.pathname;
  if (path === "/api/staff/counter/records" || path.startsWith("/api/staff/counter/records/")) return mockRecords(res, request);
  if (path === "/api/staff/counter/phrases") return mockPhrases(res, request);
  const today = japanCalendarDate(new Date());
  if (path === "/api/staff/counter/report" && method === "GET") {
    const month = request.url.searchParams.get("month") ?? reportMonthOf(new Date());
    if (!isReportMonth(month)) return fail(res, 400, "counter.invalid_month", RECORD_MESSAGES.badMonth[locale]);
    const { from, to } = reportMonthRange(month);
    send(res, 200, { month, ...counterReport(auditEntries.filter((e) => e.at >= from && e.at < to)) });
    return true;
  }
  if (path === "/api/staff/counter" && method === "GET") {
    send(res, 200, {
      templates: [
        { id: CERTIFICATE.templateId, kind: CERTIFICATE.kind, name: { ja: "転出証明書（世田谷区・横書き表形式）", en: "Moving-out certificate (Setagaya, horizontal table)" } },
        { id: CARD.templateId, kind: CARD.kind, name: { ja: "在留カード", en: "Residence card" } },
      ],
      documentKinds: COUNTER_DOCUMENT_KINDS.map((kind) => ({ kind, name: DOCUMENT_NAMES[kind] })),
      reasonLabels: REASON_LABELS,
      today,
      maxScanBytes: MAX_SCAN_BYTES,
    });
    return true;
  }
  if (path === "/api/staff/counter/scans" && method === "POST") {
    if (!SCAN_TYPES.includes(contentType)) {
      send(res, 415, { error: { code: "counter.unsupported_media_type", message: locale === "ja" ? "PNG・JPEG・TIFF・PDF の画像を送ってください。" : "Send a PNG, JPEG, TIFF or PDF image." } });
      return true;
    }
    const document = scansRead++ % 2 === 0 ? CERTIFICATE : CARD;
    audit("counter.scan_read", new Date(), readDetails(document));
    const started = { ...emptyNotificationDraft(NOTIFICATION_KIND_OF_DOCUMENT[document.kind]), startedAt: new Date().toISOString() };
    // Reading takes the real server seconds: the page's progress shows for a moment.
    setTimeout(() => send(res, 200, { document, draft: readIntoDraft(started, document) }), 1200);
    return true;
  }
  if (path === "/api/staff/counter/notifications/pdf" && method === "POST") {
    const draft = decodeResidenceNotificationDraft(body["draft"]);
    if (draft.isErr()) {
      send(res, 400, { error: { code: "counter.invalid_draft", message: `invalid draft: ${draft.error.join(", ")}` } });
      return true;
    }
    const issues = draftIssues(draft.value, today);
    if (issues.length > 0) {
      send(res, 422, { error: { code: "counter.draft_not_ready", message: locale === "ja" ? "確認が終わっていない値があります。" : "Some values are not checked yet.", issues } });
      return true;
    }
    scansRead = 0;
    const record = newRecord(draft.value, new Date());
    records.unshift(record);
    audit("counter.form_printed", record.createdAt, {
      layoutId: "juminido-todoke",
      confirmationNumber: record.confirmationNumber,
      kind: draft.value.kind,
      handlingSeconds: handlingSeconds(draft.value.startedAt, record.createdAt),
    });
    const number = record.confirmationNumber;
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "X-Confirmation-Number": number,
      "X-Counter-Record-Id": record.id,
      "Content-Disposition": `attachment; filename="juminido-todoke-${number}.pdf"`,
    });
    res.end("%PDF-1.4\n% mock: the real server prints the 住民異動届 here\n%%EOF\n");
    return true;
  }
  return false;
};
