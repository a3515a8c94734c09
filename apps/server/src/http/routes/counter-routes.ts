import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import {
  COUNTER_DOCUMENT_KINDS,
  DRAFT_REASON_LABELS,
  NOTIFICATION_KIND_OF_DOCUMENT,
  RESIDENCE_NOTIFICATION_LAYOUT_ID,
  counterReport,
  isReportMonth,
  readAllAuditEntries,
  reportMonthOf,
  reportMonthRange,
  counterRecordKeepUntil,
  handlingSeconds,
  counterRecordSummary,
  decodeResidenceNotificationDraft,
  emptyNotificationDraft,
  japanCalendarDate,
  readIntoDraft,
  residenceNotificationForm,
  type CounterRecord,
  type Locale,
  type NewCounterDocument,
  type OcrReadError,
  type ReadDocument,
} from "@madoguchi/core";
import { auditDenied, logAuditEntries, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import { COUNTER_DOCUMENT_KIND_NAMES, COUNTER_MESSAGES, ocrErrorStatus } from "../../counter/counter-messages.ts";
import { MAX_SCAN_BYTES, SCAN_MEDIA_TYPES } from "../../counter/scan-upload.ts";
import { acceptUpload } from "../../uploads/check-upload.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";


const ScanQuery = Schema.Struct({
  templateId: Schema.optional(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
  fallbackKind: Schema.optional(Schema.Literals(COUNTER_DOCUMENT_KINDS)),
  page: Schema.optional(Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 100 }))),
});

const PrintBody = Schema.Struct({ draft: Schema.Unknown });

const fail = (res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  res.status(status).json({ error: { code, message, ...extra } });

/**
 * The no-writing counter (書かない窓口) on the staff listener, for members with `counter.use`:
 * - `GET /api/staff/counter`: the templates, the document kinds, every review reason's explanation and today;
 * - `POST /api/staff/counter/scans`: a scan's bytes in, its reading and a 住民異動届 draft from it out;
 * - `POST /api/staff/counter/notifications/pdf`: a confirmed draft in, the form to sign out (PDF, IPAmj明朝);
 * - `GET /api/staff/counter/report?month=YYYY-MM`: the month's forms per day and kind, handling times, OCR counts.
 * A scan and a form are personal data: each read and each print is audited (ids and counts only) before the
 * answer leaves, and nothing of either is logged; a scan is checked against its type and for malware first (N9).
 * The draft lives on the counter screen; the printed form is kept (encrypted) as the counter's record, the papers
 * scanned for it are attached by the record routes.
 */
export const counterRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const counter = requirePermission(deps, "counter.use");
  const { ocr, printer, layouts } = deps.counter;
  const records = { store: deps.counter.records, retentionYears: deps.counter.retentionYears };

  router.get("/api/staff/counter", staffOnly, counter, (_req: Request, res: Response) => {
    res.json({
      templates: ocr.templates(),
      documentKinds: COUNTER_DOCUMENT_KINDS.map((kind) => ({ kind, name: COUNTER_DOCUMENT_KIND_NAMES[kind] })),
      reasonLabels: { ...ocr.reasonLabels, ...DRAFT_REASON_LABELS },
      today: japanCalendarDate(deps.clock.now()),
      maxScanBytes: MAX_SCAN_BYTES,
    });
  });

  const rawScan = express.raw({ type: [...SCAN_MEDIA_TYPES], limit: MAX_SCAN_BYTES });
  router.post("/api/staff/counter/scans", staffOnly, counter, rawScan, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    if (!SCAN_MEDIA_TYPES.some((t) => req.is(t))) return void fail(res, 415, "counter.unsupported_media_type", COUNTER_MESSAGES.unsupportedMediaType[locale]);
    const query = Schema.decodeUnknownOption(ScanQuery)(req.query);
    if (query._tag === "None") return void fail(res, 400, "request.malformed", COUNTER_MESSAGES.badQuery[locale]);
    const { templateId, fallbackKind, page } = query.value;
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    if (bytes.length === 0) return void fail(res, 400, "ocr.unreadable_image", COUNTER_MESSAGES.emptyScan[locale]);
    const staffId = staffSessionOf(res).staff.id;
    // N9: checked against its declared type and scanned for malware before the OCR decodes a byte of it.
    if (!(await acceptUpload(deps, req, res, staffId, { kind: "counter_scan", bytes, declaredType: req.get("content-type") ?? "" }))) return;
    const today = japanCalendarDate(deps.clock.now());
    const read = await ocr.read({ bytes, ...(page === undefined ? {} : { page }) }, { today, ...(templateId === undefined ? {} : { templateId }), ...(fallbackKind === undefined ? {} : { fallbackKind }) });
    if (read.isErr()) {
      await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.scan_read", null, { error: read.error.code, bytes: bytes.length }, "failure")]);
      return void answerReadError(res, read.error, locale);
    }
    const document = read.value;
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.scan_read", null, readDetails(document, bytes.length))]);
    if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    const started = { ...emptyNotificationDraft(NOTIFICATION_KIND_OF_DOCUMENT[document.kind]), startedAt: deps.clock.now().toISOString() };
    res.json({ document, draft: readIntoDraft(started, document) });
  });

  // C13: the month's counts and handling times (no personal data: audit entries hold kinds, counts and times).
  router.get("/api/staff/counter/report", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const month = req.query["month"] === undefined ? reportMonthOf(deps.clock.now()) : String(req.query["month"]);
    if (!isReportMonth(month)) return void fail(res, 400, "counter.invalid_month", COUNTER_MESSAGES.badMonth[locale]);
    const { from, to } = reportMonthRange(month);
    const entries = await readAllAuditEntries(deps.auditLog, { actions: ["counter.form_printed", "counter.scan_read"], from, to });
    if (entries.isErr()) return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.json({ month, ...counterReport(entries.value) });
  });

  router.post("/api/staff/counter/notifications/pdf", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(PrintBody, req, res, locale);
    if (body === null) return;
    const draft = decodeResidenceNotificationDraft(body.draft);
    if (draft.isErr()) return void res.status(400).json({ error: { code: "request.malformed", message: COUNTER_MESSAGES.badDraft[locale] }, errors: draft.error.map((field) => ({ field, code: "invalid" })) });
    const today = japanCalendarDate(deps.clock.now());
    // The receipt numbers' shape (date + 6 Crockford base32 characters): read out on the phone, and about a
    // billion per day, so a counter's few hundred forms a day do not collide on the record's unique number.
    const confirmationNumber: string = deps.ids.receiptNumber(deps.clock.now());
    const form = residenceNotificationForm(draft.value, { today, confirmationNumber });
    if (form.isErr()) return void fail(res, 422, "counter.draft_not_ready", COUNTER_MESSAGES.notReady[locale], { issues: form.error });
    const layout = layouts.get(RESIDENCE_NOTIFICATION_LAYOUT_ID)!;
    const pdf = await printer.print(layout, form.value);
    const staffId = staffSessionOf(res).staff.id;
    const details = {
      layoutId: layout.id,
      layoutVersion: layout.version,
      confirmationNumber,
      kind: draft.value.kind,
      persons: draft.value.persons.length,
      scans: draft.value.scans.length,
      // C13: from the first scan to the print, for the counter's report.
      handlingSeconds: handlingSeconds(draft.value.startedAt, deps.clock.now()),
    };
    if (pdf.isErr()) {
      await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.form_printed", null, { ...details, error: pdf.error.code }, "failure")]);
      deps.logger.error({ err: { code: pdf.error.code } }, "form printing failed");
      return void fail(res, pdf.error.code === "form.unprintable_character" ? 422 : 503, pdf.error.code, printErrorMessage(pdf.error.code, locale), pdf.error.code === "form.unprintable_character" ? { key: pdf.error.key, codePoint: pdf.error.codePoint } : {});
    }
    // The form is kept with its audit entry in one write (C8) before the paper is handed out: a form the
    // municipality has no copy of must not be signed.
    const createdAt = deps.clock.now();
    const record: CounterRecord = {
      id: deps.ids.uuid(),
      confirmationNumber,
      kind: draft.value.kind,
      createdAt,
      createdBy: staffId,
      keepUntil: counterRecordKeepUntil(createdAt, records.retentionYears),
      summary: counterRecordSummary(draft.value),
      documents: [],
    };
    const formDocument: NewCounterDocument = { id: deps.ids.uuid(), kind: "form", title: layout.name.ja, addedAt: createdAt, addedBy: staffId, byteLength: pdf.value.length, pdf: pdf.value };
    const target = { kind: "counter_record", id: record.id } as const;
    const printed = staffActionDraft(deps, req, staffId, "counter.form_printed", target, { ...details, keepUntil: record.keepUntil });
    const kept = await records.store.create(record, formDocument, [printed]);
    if (kept.isErr()) {
      deps.logger.error({ err: { reason: kept.error.reason, operation: kept.error.operation } }, "counter record not kept");
      return void fail(res, 503, "storage.unavailable", COUNTER_MESSAGES.notKept[locale]);
    }
    logAuditEntries(deps.logger, [printed]);
    res
      .status(200)
      .type("application/pdf")
      .set("Content-Disposition", `attachment; filename="${RESIDENCE_NOTIFICATION_LAYOUT_ID}-${confirmationNumber}.pdf"`)
      .set("X-Confirmation-Number", confirmationNumber)
      .set("X-Counter-Record-Id", record.id)
      .send(Buffer.from(pdf.value));
  });
  return router;
};

/** What the audit keeps of a reading: which layout, how it was found, how much was read and flagged; no value. */
const readDetails = (doc: ReadDocument, bytes: number) => {
  const fields = [...doc.fields, ...Object.values(doc.groups).flat(2)];
  return {
    templateId: doc.templateId,
    kind: doc.kind,
    readBy: doc.readBy,
    fields: fields.length,
    flagged: fields.filter((f) => f.reasons.length > 0).length,
    rows: Object.values(doc.groups).reduce((n, rows) => n + rows.length, 0),
    bytes,
  };
};

const answerReadError = (res: Response, e: OcrReadError, locale: Locale) => {
  const detail = e.code === "ocr.engine_failed" ? { retryable: e.retryable } : e.code === "ocr.unknown_template" ? { templateId: e.templateId } : {};
  fail(res, ocrErrorStatus(e.code), e.code, COUNTER_MESSAGES.read[e.code][locale], detail);
};

const printErrorMessage = (code: string, locale: Locale): string =>
  code === "form.unprintable_character" ? COUNTER_MESSAGES.unprintable[locale] : COUNTER_MESSAGES.printFailed[locale];
