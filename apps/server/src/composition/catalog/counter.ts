import { openTemplateOcrEngine } from "@madoguchi/adapter-ocr-template";
import { createPdfFormPrinter } from "@madoguchi/adapter-form-pdf";
import { createUnihanKanjiDictionary } from "@madoguchi/adapter-kanji-unihan";
import { RESIDENCE_NOTIFICATION_LAYOUT_ID, type CounterRecordStore } from "@madoguchi/core";
import type { Config } from "../../config/config.ts";
import type { CounterRuntime } from "../../counter/counter-runtime.ts";
import { loadFormLayouts } from "../../counter/load-form-layouts.ts";
import { loadResidentRecordHeaders } from "../../counter/load-resident-record-headers.ts";

/**
 * The no-writing counter's adapters: template OCR over the configured templates (the recogniser starts at the
 * first scan), the PDF printer with the form layouts, the store of what was printed and scanned, and the kanji
 * dictionary of the form screen (read at its first search). Invalid templates or layouts, or no 住民異動届
 * layout, stop the start: a counter that cannot print the form must not open.
 */
export const buildCounter = async (config: Config, records: CounterRecordStore): Promise<CounterRuntime> => {
  const { templatesDir, ocrWorkers } = config.counter;
  const ocr = await openTemplateOcrEngine({ workers: ocrWorkers, ...(templatesDir === null ? {} : { templatesDir }) });
  if (ocr.isErr()) throw new Error(ocr.error.message);
  const layouts = await loadFormLayouts(config.counter.formsDir);
  if (!layouts.has(RESIDENCE_NOTIFICATION_LAYOUT_ID)) throw new Error(`no ${RESIDENCE_NOTIFICATION_LAYOUT_ID}.v<n>.json in ${config.counter.formsDir}`);
  return {
    ocr: ocr.value,
    printer: createPdfFormPrinter(config.counter.formFont === null ? {} : { fontPath: config.counter.formFont }),
    layouts,
    records,
    retentionYears: config.counter.retentionYears,
    kanji: createUnihanKanjiDictionary(),
    recordHeaders: await loadResidentRecordHeaders(config.counter.recordHeadersFile),
  };
};
