import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  CounterMemoSchema,
  decodeResidenceNotificationDraft,
  isRelatedFormId,
  japanCalendarDate,
  japanMidnight,
  matchesCounterSearch,
  relatedForm,
  type CounterRecord,
  type NewCounterDocument,
} from "@madoguchi/core";
import { auditDenied, logAuditEntries, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import { COUNTER_MESSAGES } from "../../counter/counter-messages.ts";
import { MAX_SCAN_BYTES, SCAN_MEDIA_TYPES } from "../../counter/scan-upload.ts";
import { acceptUpload } from "../../uploads/check-upload.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** A search covers at most this many days: a wider one would decrypt years of records for one look-up. */
export const MAX_SEARCH_DAYS = 366;
/** Records a search looks through (the newest of the range) and answers at most. */
const SCANNED = 2000;
const ANSWERED = 100;

const IsoDateText = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/));
const SearchQuery = Schema.Struct({
  from: Schema.optional(IsoDateText),
  to: Schema.optional(IsoDateText),
  name: Schema.optional(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  birthDate: Schema.optional(IsoDateText),
  number: Schema.optional(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(30))),
  keyword: Schema.optional(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
});
/** C6: a kept record's 窓口メモ as corrected after printing. */
const MemoBody = Schema.Struct({ memo: CounterMemoSchema });
/** What staff call a scanned paper ("転出証明書", "委任状"): a title, not personal data, one line. */
const AttachQuery = Schema.Struct({ title: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40), Schema.isPattern(/^[^\u0000-\u001f\u007f]+$/)) });

const RelatedFormBody = Schema.Struct({
  draft: Schema.Unknown,
  person: Schema.optional(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 50 }))),
});

const DAY_MS = 86_400_000;

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/** The record as the counter screen shows it: no PDF bytes (they are fetched one by one). */
const view = (r: CounterRecord) => ({ ...r, createdAt: r.createdAt.toISOString(), documents: r.documents.map((d) => ({ ...d, addedAt: d.addedAt.toISOString() })) });

/**
 * The counter's kept records (C8, C9) on the staff listener, for members with `counter.use`:
 * - `POST /api/staff/counter/records/:id/documents?title=…`: a paper scanned for the record (転出証明書, 委任状 …),
 *   kept as PDF at its own size once it matched its declared type and passed the malware scan (N9);
 * - `GET /api/staff/counter/records?from&to&name&birthDate&number&keyword`: the records of a range of days (Japan's
 *   calendar; default the last 30 days, at most {@link MAX_SEARCH_DAYS}) whose persons match, `keyword` part of an address or the 窓口メモ;
 * - `GET /api/staff/counter/records/:id` and `…/documents/:documentId` (the PDF, to display and print);
 * - `PUT /api/staff/counter/records/:id/memo` (C6): the 窓口メモ corrected or completed after printing;
 * - `POST /api/staff/counter/records/:id/forms/:formId` (C7): a related form (住民票の写し等交付請求書, 印鑑登録申請書)
 *   from the same confirmed draft, printed with the record's confirmation number and kept with it.
 * Every search, view and stored document is audited with ids and counts, never the name or date searched for.
 */
export const counterRecordRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const counter = requirePermission(deps, "counter.use");
  const { records, printer, layouts } = deps.counter;
  const rawScan = express.raw({ type: [...SCAN_MEDIA_TYPES], limit: MAX_SCAN_BYTES });

  router.post("/api/staff/counter/records/:id/documents", staffOnly, counter, rawScan, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    if (!SCAN_MEDIA_TYPES.some((t) => req.is(t))) return void fail(res, 415, "counter.unsupported_media_type", COUNTER_MESSAGES.unsupportedMediaType[locale]);
    const query = Schema.decodeUnknownOption(AttachQuery)(req.query);
    if (query._tag === "None") return void fail(res, 400, "request.malformed", COUNTER_MESSAGES.badTitle[locale]);
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const staffId = staffSessionOf(res).staff.id;
    // N9: checked against its declared type and scanned for malware before it is converted, looked up or kept.
    if (!(await acceptUpload(deps, req, res, staffId, { kind: "counter_document", bytes, declaredType: req.get("content-type") ?? "" }))) return;
    const pdf = await printer.scanToPdf({ bytes });
    if (pdf.isErr()) return void fail(res, 400, "ocr.unreadable_image", COUNTER_MESSAGES.read["ocr.unreadable_image"][locale]);
    const recordId = String(req.params["id"]);
    const document: NewCounterDocument = { id: deps.ids.uuid(), kind: "scan", title: query.value.title, addedAt: deps.clock.now(), addedBy: staffId, byteLength: pdf.value.length, pdf: pdf.value };
    const stored = staffActionDraft(deps, req, staffId, "counter.document_stored", { kind: "counter_record", id: recordId }, { documentId: document.id, bytes: document.byteLength });
    const attached = await records.attach(recordId, document, [stored]);
    if (attached.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    if (!attached.value) return void fail(res, 404, "counter.record_not_found", COUNTER_MESSAGES.recordNotFound[locale]);
    logAuditEntries(deps.logger, [stored]);
    res.status(201).json({ document: { ...document, pdf: undefined, addedAt: document.addedAt.toISOString() } });
  });

  router.post("/api/staff/counter/records/:id/forms/:formId", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const formId = String(req.params["formId"]);
    const layout = layouts.get(formId);
    if (!isRelatedFormId(formId) || layout === undefined) return void fail(res, 404, "counter.form_not_configured", COUNTER_MESSAGES.formNotConfigured[locale]);
    const body = decodeBody(RelatedFormBody, req, res, locale);
    if (body === null) return;
    const draft = decodeResidenceNotificationDraft(body.draft);
    if (draft.isErr()) return void fail(res, 400, "request.malformed", COUNTER_MESSAGES.badDraft[locale]);
    const recordId = String(req.params["id"]);
    const found = await records.get(recordId);
    if (found.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    if (found.value === null) return void fail(res, 404, "counter.record_not_found", COUNTER_MESSAGES.recordNotFound[locale]);
    const today = japanCalendarDate(deps.clock.now());
    const form = relatedForm(formId, draft.value, { today, confirmationNumber: found.value.confirmationNumber, ...(body.person === undefined ? {} : { person: body.person }) });
    if (form.isErr()) return void res.status(422).json({ error: { code: "counter.draft_not_ready", message: COUNTER_MESSAGES.notReady[locale], issues: form.error } });
    const pdf = await printer.print(layout, form.value);
    if (pdf.isErr()) return void fail(res, pdf.error.code === "form.unprintable_character" ? 422 : 503, pdf.error.code, COUNTER_MESSAGES.printFailed[locale]);
    const staffId = staffSessionOf(res).staff.id;
    const document: NewCounterDocument = { id: deps.ids.uuid(), kind: "form", title: layout.name.ja, addedAt: deps.clock.now(), addedBy: staffId, byteLength: pdf.value.length, pdf: pdf.value };
    const printed = staffActionDraft(deps, req, staffId, "counter.form_printed", { kind: "counter_record", id: recordId }, { layoutId: layout.id, layoutVersion: layout.version, confirmationNumber: found.value.confirmationNumber, documentId: document.id });
    const kept = await records.attach(recordId, document, [printed]);
    if (kept.isErr() || !kept.value) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.notKept[locale]);
    logAuditEntries(deps.logger, [printed]);
    res.status(200).type("application/pdf").set("Content-Disposition", `attachment; filename="${layout.id}-${found.value.confirmationNumber}.pdf"`).send(Buffer.from(pdf.value));
  });

  router.get("/api/staff/counter/records", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const query = Schema.decodeUnknownOption(SearchQuery)(req.query);
    if (query._tag === "None") return void fail(res, 400, "request.malformed", COUNTER_MESSAGES.badSearch[locale]);
    const { from, to, name, birthDate, number, keyword } = query.value;
    const today = japanCalendarDate(deps.clock.now());
    const last = to ?? today;
    const first = from ?? japanCalendarDate(new Date(japanMidnight(last).getTime() - 29 * DAY_MS));
    const start = japanMidnight(first);
    const end = new Date(japanMidnight(last).getTime() + DAY_MS);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start || end.getTime() - start.getTime() > MAX_SEARCH_DAYS * DAY_MS) {
      return void fail(res, 400, "counter.search_range", COUNTER_MESSAGES.searchRange[locale]);
    }
    const listed = await records.list({ from: start, to: end, limit: SCANNED });
    if (listed.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    const search = {
      ...(name === undefined ? {} : { name }),
      ...(birthDate === undefined ? {} : { birthDate }),
      ...(number === undefined ? {} : { confirmationNumber: number }),
      ...(keyword === undefined ? {} : { keyword }),
    };
    const found = listed.value.filter((r) => matchesCounterSearch(r, search));
    const criteria = Object.keys(search).sort().join(",") || "range";
    const staffId = staffSessionOf(res).staff.id;
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.records_searched", null, { from: first, to: last, criteria, looked: listed.value.length, found: found.length })]);
    if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.json({ from: first, to: last, records: found.slice(0, ANSWERED).map(view), more: found.length > ANSWERED || listed.value.length === SCANNED });
  });

  router.get("/api/staff/counter/records/:id", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const recordId = String(req.params["id"]);
    const found = await records.get(recordId);
    if (found.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    if (found.value === null) return void fail(res, 404, "counter.record_not_found", COUNTER_MESSAGES.recordNotFound[locale]);
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffSessionOf(res).staff.id, "counter.record_viewed", { kind: "counter_record", id: recordId })]);
    if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.json({ record: view(found.value) });
  });

  // C6: the 窓口メモ is corrected or completed after printing (a paper brought later, what is left to do).
  router.put("/api/staff/counter/records/:id/memo", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const recordId = String(req.params["id"]);
    const body = Schema.decodeUnknownOption(MemoBody)(req.body);
    if (body._tag === "None") return void fail(res, 400, "counter.invalid_memo", COUNTER_MESSAGES.badMemo[locale]);
    const memo = body.value.memo.trim();
    const staffId = staffSessionOf(res).staff.id;
    // The entry says that the memo changed and how long it is now, never what it says (it may name people).
    const audit = staffActionDraft(deps, req, staffId, "counter.memo_changed", { kind: "counter_record", id: recordId }, { length: [...memo].length });
    const changed = await records.changeMemo(recordId, memo, [audit]);
    if (changed.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    if (!changed.value) return void fail(res, 404, "counter.record_not_found", COUNTER_MESSAGES.recordNotFound[locale]);
    logAuditEntries(deps.logger, [audit]);
    const found = await records.get(recordId);
    if (found.isErr() || found.value === null) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.json({ record: view(found.value) });
  });

  router.get("/api/staff/counter/records/:id/documents/:documentId", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const recordId = String(req.params["id"]);
    const documentId = String(req.params["documentId"]);
    const pdf = await records.readDocument(recordId, documentId);
    if (pdf.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    if (pdf.value === null) return void fail(res, 404, "counter.record_not_found", COUNTER_MESSAGES.recordNotFound[locale]);
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffSessionOf(res).staff.id, "counter.document_viewed", { kind: "counter_record", id: recordId }, { documentId })]);
    if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.status(200).type("application/pdf").set("Content-Disposition", `inline; filename="counter-${recordId}-${documentId}.pdf"`).send(Buffer.from(pdf.value));
  });
  return router;
};
