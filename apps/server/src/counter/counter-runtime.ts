import type { FormLayout, FormPrinter, OcrEngine } from "@madoguchi/core";

/** What the counter's routes use: the OCR of scans, the printer of forms and the layouts it prints on (by id). */
export interface CounterRuntime {
  readonly ocr: OcrEngine;
  readonly printer: FormPrinter;
  readonly layouts: ReadonlyMap<string, FormLayout>;
}
