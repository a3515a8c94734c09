/**
 * @madoguchi/ocr-engine — template OCR for Japanese municipal certificates and ID cards.
 * Standalone: imports nothing of madoguchi.
 */
export type * from "./templates/template.ts";
export { decodeTemplate, TemplateSchema, TemplateFieldSchema, RepeatGroupSchema, RegionSchema } from "./templates/template.schema.ts";
export { loadTemplates, SHIPPED_TEMPLATES_DIR } from "./templates/load-templates.ts";
export { templateError, type TemplateError, type TemplateIssue } from "./templates/template.errors.ts";
export { isLocalGovernmentCode, localGovernmentCheckDigit } from "./templates/issuer-code.ts";
export { placedRegions, rowRegion, regionsOverlap, type PlacedRegion } from "./templates/template-regions.ts";
