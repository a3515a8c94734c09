/** Template identification by image (no OCR): layout fingerprints for a shortlist, ORB + RANSAC to verify. */
export { buildTemplateIndex, indexEntry, type BuildIndexOptions, type IndexEntry, type IndexSource, type TemplateIndex } from "./template-index.ts";
export { identifyPage, layoutScore, DEFAULT_IDENTIFY_OPTIONS, type CandidateScore, type Identification, type IdentifyOptions } from "./identify-page.ts";
export { pageFingerprint, inkOf, type LayoutFingerprint } from "./layout-fingerprint.ts";
export { decodeReduced, reducePage, IDENTIFY_SIZE } from "./reduce-page.ts";
export { createFileIndexCache, decodeIndexEntry, encodeIndexEntry, indexCacheKey, INDEX_FORMAT, type IndexCache } from "./index-cache.ts";
