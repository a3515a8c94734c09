import type { CounterRecordStore, FormLayout, FormPrinter, KanjiDictionary, OcrEngine, ResidentRecordHeaders } from "@madoguchi/core";

/**
 * What the counter's routes use: the OCR of scans, the printer of forms and the layouts it prints on (by id),
 * where the printed forms and scans are kept, for how many years, the kanji dictionary of the form screen (C6) and
 * the header names of the resident-records export (C5).
 */
export interface CounterRuntime {
  readonly ocr: OcrEngine;
  readonly printer: FormPrinter;
  readonly layouts: ReadonlyMap<string, FormLayout>;
  readonly records: CounterRecordStore;
  readonly retentionYears: number;
  readonly kanji: KanjiDictionary;
  /** C5: the municipality's own header names of its resident-records export, beside the built-in ones. */
  readonly recordHeaders: ResidentRecordHeaders;
}
