import express, { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { decodeResidentRecords } from "@madoguchi/core";
import { auditDenied, recordAudit, staffActionDraft } from "../../audit/record-audit.ts";
import { COUNTER_MESSAGES, residentRecordIssueMessage } from "../../counter/counter-messages.ts";
import { csvRows, decodeRecordsFile, MAX_RECORDS_FILE_BYTES, RECORDS_MEDIA_TYPES } from "../../counter/resident-records-csv.ts";
import { acceptUpload } from "../../uploads/check-upload.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

const RecordsQuery = Schema.Struct({ encoding: Schema.optional(Schema.Literals(["auto", "utf-8", "shift_jis"])) });

const fail = (res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  res.status(status).json({ error: { code, message, ...extra } });

/**
 * C5 on the staff listener, for members with `counter.use`: `POST /api/staff/counter/resident-records`
 * (`?encoding=auto|utf-8|shift_jis`, default auto) takes the CSV the resident-records system exported for the
 * household at the counter and answers its households, decoded and checked, for the screen to put into the
 * 転居・転出・世帯主変更 draft (core's `residentRecordsIntoDraft`: the draft lives on the screen). Nothing is kept.
 * The file must be text and pass the malware scan (N9) before it is decoded.
 * The file is personal data: each read is audited (rows, households, encoding; no value) before the answer
 * leaves, a file with problems too; the problems name row and column, never a cell.
 */
export const counterResidentRecordsRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const counter = requirePermission(deps, "counter.use");
  const rawFile = express.raw({ type: [...RECORDS_MEDIA_TYPES], limit: MAX_RECORDS_FILE_BYTES });

  router.post("/api/staff/counter/resident-records", staffOnly, counter, rawFile, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const m = COUNTER_MESSAGES.records;
    if (!RECORDS_MEDIA_TYPES.some((t) => req.is(t))) return void fail(res, 415, "counter.unsupported_media_type", m.unsupportedMediaType[locale]);
    const query = Schema.decodeUnknownOption(RecordsQuery)(req.query);
    if (query._tag === "None") return void fail(res, 400, "request.malformed", m.badQuery[locale]);
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    if (bytes.length === 0) return void fail(res, 400, "counter.records_empty", m.empty[locale]);
    const staffId = staffSessionOf(res).staff.id;
    // N9: checked to be text and scanned for malware before it is decoded or parsed.
    if (!(await acceptUpload(deps, req, res, staffId, { kind: "resident_records", bytes, declaredType: req.get("content-type") ?? "" }))) return;

    const { text, encoding } = decodeRecordsFile(bytes, query.value.encoding ?? "auto");
    const rows = csvRows(text);
    const decoded = rows.isOk() ? decodeResidentRecords(rows.value, deps.counter.recordHeaders) : null;
    const rowCount = rows.isOk() ? Math.max(0, rows.value.length - 1) : 0;
    if (decoded === null || decoded.isErr()) {
      const issues = decoded?.error ?? [];
      const details = { bytes: bytes.length, encoding, rows: rowCount, issues: issues.length };
      const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.records_read", null, details, "failure")]);
      if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
      if (decoded === null) return void fail(res, 422, "counter.records_unreadable", m.unreadable[locale], { encoding });
      return void fail(res, 422, "counter.records_invalid", m.invalid[locale], {
        encoding,
        issues: issues.map((issue) => ({ ...issue, message: residentRecordIssueMessage(issue)[locale] })),
      });
    }
    const { households, ignoredHeaders } = decoded.value;
    const persons = households.reduce((n, h) => n + h.persons.length, 0);
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffId, "counter.records_read", null, { bytes: bytes.length, encoding, households: households.length, persons })]);
    if (!audited) return void fail(res, 503, "audit.unavailable", COUNTER_MESSAGES.unavailable[locale]);
    res.set("Cache-Control", "no-store").json({ encoding, households, ignoredHeaders });
  });
  return router;
};
