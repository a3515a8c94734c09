/**
 * @madoguchi/ocr-engine — template OCR for Japanese municipal certificates and ID cards.
 * Standalone: imports nothing of madoguchi.
 */
export type * from "./templates/template.ts";
