import type { Request, Response } from "express";
import type { Logger } from "pino";
import { assertNever, bytesMatchMediaType, looksLikeText, type AuditLogStore, type Clock, type Locale, type MalwareScanner } from "@madoguchi/core";
import { recordAudit, staffActionDraft } from "../audit/record-audit.ts";
import { COUNTER_MESSAGES } from "../counter/counter-messages.ts";
import { requestLocale } from "../http/locale.ts";
import { UPLOAD_MESSAGES } from "./upload-messages.ts";

/**
 * Which upload a file is: a counter scan (`POST /api/staff/counter/scans`), a paper kept with a record
 * (`…/records/:id/documents`), or a resident-records CSV (`…/resident-records`). Scans and papers must be the
 * PNG, JPEG, TIFF or PDF they are declared as; a resident-records file must be text.
 */
export type UploadKind = "counter_scan" | "counter_document" | "resident_records";

/** One upload as it arrived: its kind, its bytes, and the Content-Type it was sent with. */
export interface Upload {
  readonly kind: UploadKind;
  readonly bytes: Uint8Array;
  readonly declaredType: string;
}

/** Why an upload is refused before anything parses or keeps it. Closed: each has a status and a ja/en message. */
export type UploadRefusal =
  /** A scan or paper whose bytes are not the PNG, JPEG, TIFF or PDF it is declared as, or a "CSV" that is no text. */
  | { readonly reason: "type_mismatch" }
  /** The scanner found malware: `signature` is its name, never the file's content. */
  | { readonly reason: "malware_found"; readonly signature: string }
  /** The scanner could not look at it now (down, timed out): refused, never taken as clean. */
  | { readonly reason: "scan_unavailable" }
  /** Beyond what the scanner scans. */
  | { readonly reason: "too_large_to_scan" };

const SCAN_KINDS: ReadonlySet<UploadKind> = new Set(["counter_scan", "counter_document"]);

/** The type check: magic numbers for scans and papers, no NUL byte for a CSV. */
const typeRefusal = (upload: Upload): UploadRefusal | null => {
  const ok = SCAN_KINDS.has(upload.kind) ? bytesMatchMediaType(upload.bytes, upload.declaredType) : looksLikeText(upload.bytes);
  return ok ? null : { reason: "type_mismatch" };
};

/**
 * N9 and SECURITY.md "Uploads" (ADR 43): the bytes against the declared type first (cheap, and the engine only ever
 * sees files of the types we take), then the malware scan, so that no parser (OCR, PDF conversion, CSV) ever sees a
 * file that is not what it claims or that the scanner did not pass. No scanner (`null`): scanning is off by
 * configuration, and only the type is checked.
 */
export const inspectUpload = async (scanner: MalwareScanner | null, upload: Upload): Promise<UploadRefusal | null> => {
  const wrongType = typeRefusal(upload);
  if (wrongType !== null || scanner === null) return wrongType;
  const scanned = await scanner.scan(upload.bytes);
  if (scanned.isErr()) return { reason: scanned.error.reason === "too_large" ? "too_large_to_scan" : "scan_unavailable" };
  return scanned.value.verdict === "infected" ? { reason: "malware_found", signature: scanned.value.signature } : null;
};

/** HTTP status, error code and message of a refusal. */
export const uploadRefusalAnswer = (refusal: UploadRefusal, kind: UploadKind, locale: Locale): { readonly status: number; readonly code: string; readonly message: string } => {
  switch (refusal.reason) {
    case "type_mismatch":
      return { status: 415, code: "upload.type_mismatch", message: (SCAN_KINDS.has(kind) ? UPLOAD_MESSAGES.scanTypeMismatch : UPLOAD_MESSAGES.textTypeMismatch)[locale] };
    case "malware_found":
      return { status: 422, code: "upload.malware_found", message: UPLOAD_MESSAGES.malwareFound[locale] };
    case "scan_unavailable":
      return { status: 503, code: "upload.scan_unavailable", message: UPLOAD_MESSAGES.scanUnavailable[locale] };
    case "too_large_to_scan":
      return { status: 413, code: "upload.too_large_to_scan", message: UPLOAD_MESSAGES.tooLargeToScan[locale] };
    default:
      return assertNever(refusal);
  }
};

/** What {@link acceptUpload} needs: the scanner, and the audit log for what it finds. */
export interface UploadCheckDeps {
  readonly malwareScanner: MalwareScanner | null;
  readonly auditLog: AuditLogStore;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * The gate every upload route calls with the raw bytes before it parses or keeps them: true when the upload may
 * go on; false when it was refused and answered. Malware found is audited (`upload.malware_found`: the kind, the
 * size and the signature's name) before the answer leaves, which the security-alert watcher turns into an alert
 * (N5). Nothing of the file is logged: only kinds, sizes, reasons and the signature's name.
 */
export const acceptUpload = async (deps: UploadCheckDeps, req: Request, res: Response, staffId: string, upload: Upload): Promise<boolean> => {
  const refusal = await inspectUpload(deps.malwareScanner, upload);
  if (refusal === null) return true;
  const details = { upload: upload.kind, bytes: upload.bytes.length };
  if (refusal.reason === "malware_found") {
    // The engine's name of what it found (the tests' clamd says `Madoguchi.Test.EICAR.UNOFFICIAL`): no content, bounded.
    const signature = refusal.signature.slice(0, 200);
    deps.logger.warn({ event: "upload.malware_found", ...details, signature }, "malware found in an upload: refused");
    const audited = await recordAudit(deps, [staffActionDraft(deps, req, staffId, "upload.malware_found", null, { ...details, signature }, "failure")]);
    // Refused either way; but without its audit entry no alert would follow, so the answer says the record failed.
    if (!audited) {
      res.status(503).json({ error: { code: "audit.unavailable", message: COUNTER_MESSAGES.unavailable[requestLocale(req)] } });
      return false;
    }
  } else if (refusal.reason === "scan_unavailable" || refusal.reason === "too_large_to_scan") {
    deps.logger.warn({ event: "upload.scan_failed", ...details, reason: refusal.reason }, "an upload could not be scanned: refused");
  }
  const answer = uploadRefusalAnswer(refusal, upload.kind, requestLocale(req));
  if (answer.status === 503) res.set("Retry-After", "30");
  res.status(answer.status).json({ error: { code: answer.code, message: answer.message } });
  return false;
};
