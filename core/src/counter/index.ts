/**
 * The no-writing counter (書かない窓口, C1–C13): a scanned certificate or card is read by the OCR engine, its
 * fields become a 住民異動届 that staff confirm, and the form is printed on its paper layout.
 */
export * from "./form-layout.ts";
export * from "./form-printer.port.ts";
export * from "./ocr-engine.port.ts";
export * from "./residence-notification.ts";
export * from "./read-into-draft.ts";
export * from "./notification-form.ts";
export * from "./residence-notification.schema.ts";
export * from "./counter-record.ts";
export * from "./counter-record-store.port.ts";
export * from "./related-forms.ts";
export * from "./counter-report.ts";
export * from "./counter-phrases.ts";
export * from "./kanji-dictionary.port.ts";
export * from "./kanji-search.ts";
export * from "./resident-records.ts";
export * from "./records-into-draft.ts";
