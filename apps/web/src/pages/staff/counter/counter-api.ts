import type { CounterDocumentKind, ResidenceNotificationDraft } from "@madoguchi/core";
import { requestFileByPost, requestJson, requestUpload } from "../../../api.ts";
import type { Locale } from "../../../i18n/locale.ts";
import { scanQuery, type CounterSetup, type ScanContentType, type ScanRead } from "./counter-draft.ts";

/** Reading a page takes the OCR a few seconds, more on a busy machine: far beyond the usual 30 s would be a fault. */
const READ_TIMEOUT_MS = 180_000;

/** The counter's endpoints (permission `counter.use`, staff listener). */
export const counterApi = (locale: Locale) => ({
  setup: (signal: AbortSignal) => requestJson<CounterSetup>("GET", "/api/staff/counter", { locale, signal }),
  /** The scan's bytes as they are; the answer's messages come back in `locale`. */
  read: (file: Blob, contentType: ScanContentType, choice: { readonly templateId: string | null; readonly fallbackKind: CounterDocumentKind | null }, csrfToken: string) =>
    requestUpload<ScanRead>(`/api/staff/counter/scans${scanQuery(choice)}`, file, contentType, { locale, csrfToken, timeoutMs: READ_TIMEOUT_MS }),
  /** The 住民異動届 as a PDF, with its confirmation number in `X-Confirmation-Number`. */
  print: (draft: ResidenceNotificationDraft, csrfToken: string) =>
    requestFileByPost("/api/staff/counter/notifications/pdf", { locale, csrfToken, body: { draft }, accept: "application/pdf" }),
});

/** The header the printed form's confirmation number comes in. */
export const CONFIRMATION_HEADER = "X-Confirmation-Number";
