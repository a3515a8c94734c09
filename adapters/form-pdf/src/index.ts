/**
 * @madoguchi/adapter-form-pdf — the core's `FormPrinter` as PDF: paper forms (住民異動届 …) drawn from
 * layout files with pdf-lib, in IPAmj明朝 so that MJ characters (𠮷, 髙, 邉 and their variation sequences)
 * print as staff confirmed them.
 */
export { createPdfFormPrinter, type PdfFormPrinter, type PdfFormPrinterOptions } from "./pdf-form-printer.ts";
export { IPAMJ_MINCHO_PATH } from "./font-file.ts";
export { FLOOR_SIZE_PT } from "./fitted-size.ts";
