import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { FormLayout, PrintableForm } from "./form-layout.ts";

/** Contract id of {@link FormPrinter} (`describeFormPrinterContract` in `@madoguchi/conformance/form-printer`). */
export const FORM_PRINTER_CONTRACT = "form-printer@1" as const;

/** The resolution of a scan whose file does not say: the counter's scanners' usual setting. */
export const ASSUMED_SCAN_DPI = 200;

/**
 * Why a form could not be printed. Nothing is dropped silently: a value for a key the layout does not
 * place, more rows than the layout has, or a character the form's font cannot draw is an error, never a
 * gap on the paper the resident signs.
 */
export type FormPrintError =
  | { readonly code: "form.layout_mismatch"; readonly layoutId: string; readonly message: string }
  | { readonly code: "form.unknown_field"; readonly key: string }
  | { readonly code: "form.too_many_rows"; readonly group: string; readonly rows: number; readonly maxRows: number }
  /** The font has no glyph for this character (`codePoint` as U+XXXX). */
  | { readonly code: "form.unprintable_character"; readonly key: string; readonly codePoint: string }
  | { readonly code: "form.font_unavailable"; readonly message: string }
  /** The bytes of a scan to keep are no image or PDF the printer reads. */
  | { readonly code: "form.unreadable_scan"; readonly message: string }
  | { readonly code: "form.render_failed"; readonly message: string };

/**
 * Prints a form on its layout as a PDF (C1, C7, C11): every value at its placement, in a font with the MJ
 * characters (IPAmj明朝), so that the paper the resident signs shows exactly the characters staff confirmed.
 */
export interface FormPrinter {
  readonly meta: AdapterMeta;
  /** The PDF's bytes: one page per layout page, the layout's texts and boxes, then the form's values. */
  print(layout: FormLayout, form: PrintableForm): ResultAsync<Uint8Array, FormPrintError>;
  /**
   * A scanned paper kept as PDF (C8: any paper, non-standard sizes too): an image (PNG, JPEG, TIFF) becomes one
   * page of the paper's own size — at the resolution the image records, {@link ASSUMED_SCAN_DPI} when it records
   * none — and a PDF is kept as it is.
   */
  scanToPdf(scan: { readonly bytes: Uint8Array }): ResultAsync<Uint8Array, FormPrintError>;
}
