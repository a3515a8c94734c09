/**
 * @madoguchi/ocr-engine — template OCR for Japanese municipal certificates and ID cards.
 * Standalone: imports nothing of madoguchi.
 */
export type * from "./templates/template.ts";
export { decodeTemplate, TemplateSchema, TemplateFieldSchema, RepeatGroupSchema, RegionSchema, DocumentKindSchema } from "./templates/template.schema.ts";
export { loadTemplates, loadTemplateCatalog, SHIPPED_TEMPLATES_DIR, type TemplateCatalog } from "./templates/load-templates.ts";
export { templateError, type TemplateError, type TemplateIssue } from "./templates/template.errors.ts";
export { isLocalGovernmentCode, localGovernmentCheckDigit } from "./templates/issuer-code.ts";
export { placedRegions, rowRegion, regionsOverlap, type PlacedRegion } from "./templates/template-regions.ts";
export type { FieldResult, DocumentResult, ReviewReason } from "./result/field-result.ts";
export { REVIEW_REASONS, makeDocumentResult, withReasons, mergeReasons } from "./result/field-result.ts";
export { REVIEW_REASON_LABELS } from "./result/review-reason-labels.ts";
export { postProcess, normaliseNumber, normaliseCode, DEFAULT_MIN_TEXT_HEIGHT } from "./postprocess/post-process.ts";
export { postProcessDocument, makeDocumentPostProcessor, type DocumentReadings, type FieldReading, type PostProcessDocumentOptions } from "./postprocess/post-process-document.ts";
export { crossCheck, CROSS_CHECK_KEYS, AGE_RULES, MAX_AGE_YEARS, HEAD_RELATIONSHIP, type CrossCheckOptions } from "./postprocess/cross-checks.ts";
export { parseJapaneseDate, toWareki, ERAS, type Era, type DateParse, type DateNotation } from "./postprocess/japanese-date.ts";
export { canonicalAddress, addressKey } from "./postprocess/address.ts";
export { correctPlaceNames, matchVocabulary, type Vocabularies, type PlaceNameDictionary, type Prefecture, type Municipality, type PlaceNameCorrection } from "./postprocess/vocabularies.ts";
export { decodeVocabularies, VocabulariesSchema, type VocabularyIssue } from "./postprocess/vocabularies.schema.ts";
export { mjVariantKey, normaliseName, MJ_VARIANTS } from "./postprocess/name.ts";
export { normaliseKana, isKana } from "./postprocess/kana.ts";
export { normaliseRomanName, isRomanName } from "./postprocess/roman-name.ts";
export {
  myNumberCheckDigit, isValidMyNumber, juminhyoCodeCheckDigit, isValidJuminhyoCode, isJuminhyoCodeShape, isDrivingLicenceNumberShape,
  ZAIRYU_CARD_NUMBER, CHECK_DIGIT_VERIFIERS,
} from "./postprocess/check-digits.ts";
export { parseKanjiNumber, toKanjiNumber } from "./postprocess/kanji-numerals.ts";
export { closestValue, editDistance } from "./postprocess/closest-value.ts";
export * from "./synthetic/index.ts";
export * from "./engine/index.ts";
export * from "./authoring/index.ts";
export * from "./fallback/index.ts";
export * from "./identify/index.ts";
export * from "./benchmark/index.ts";
