/**
 * The synthetic scan generator: fake households, procedural 転出証明書 layouts, rendering with tint and
 * seal, scanner degradation. Nothing here is real personal data.
 */
export { type SeededRandom, seededRandom, hashString } from "./seeded-random.ts";
export {
  type FakeHousehold, type FakePerson, type HouseholdOptions, type Relationship, type Sex, type WarekiOptions,
  RELATIONSHIPS, fakeAddress, fakeHonseki, fakeHousehold, fakeJuminhyoCode, fakeMyNumber, fakeZairyuCardNumber,
  formatSeireki, formatWareki, isValidMunicipalityCode, randomDate, withMunicipalityCheckDigit,
} from "./fake-residents.ts";
export { type DocumentValues, fakeValuesFor, sampleSimplePattern } from "./fake-values.ts";
export { syntheticVocabularies } from "./synthetic-vocabularies.ts";
export {
  TENSHUTSU_FIELD_KEYS, TENSHUTSU_MEMBER_KEYS, TENSHUTSU_PAGE, generateTenshutsuLayouts, layoutFingerprint,
} from "./layout-families.ts";
export { type RenderOptions, type RenderedDocument, renderDocument } from "./render-document.ts";
export { REFERENCE_SEED, renderReferenceImage } from "./render-reference.ts";
export { type TintStyle, tintStyleFor } from "./tint.ts";
export { type DegradeOptions, type DegradeParams, type DegradedScan, degrade } from "./degrade.ts";
export { type SynthesizeOptions, type SyntheticScan, synthesizeScan } from "./synthesize-scan.ts";
export { type SyntheticFonts, loadSyntheticFonts } from "./fonts.ts";
export { type SyntheticError, type SyntheticErrorReason, syntheticError } from "./synthetic.errors.ts";
