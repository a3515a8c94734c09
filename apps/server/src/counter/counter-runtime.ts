import type { CounterRecordStore, FormLayout, FormPrinter, KanjiDictionary, OcrEngine } from "@madoguchi/core";

/**
 * What the counter's routes use: the OCR of scans, the printer of forms and the layouts it prints on (by id),
 * where the printed forms and scans are kept, for how many years, and the kanji dictionary of the form screen (C6).
 */
export interface CounterRuntime {
  readonly ocr: OcrEngine;
  readonly printer: FormPrinter;
  readonly layouts: ReadonlyMap<string, FormLayout>;
  readonly records: CounterRecordStore;
  readonly retentionYears: number;
  readonly kanji: KanjiDictionary;
}
