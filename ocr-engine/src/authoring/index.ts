/** Public API of template authoring (re-exported by `src/index.ts`). */
export { draftTemplate, draftFromWords, draftReferenceFileName, binarisedSample, tintFor, type Draft, type SampleDraft, type DraftOptions, type DraftSpec, type DraftOperation, type SampleInput } from "./draft-template.ts";
export { formatDraftReport, type DraftReport, type DraftedField } from "./draft-report.ts";
export { createPageReader, linesFromBlocks, type PageReader, type PageReaderOptions, type PageWords, type PageLine, type PageChar, type PixelBox, type PagePsm } from "./page-words.ts";
export { LABEL_VOCABULARY, RELATIONSHIP_VALUES, SEX_VALUES, NOT_LABELS, KIND_DEFAULTS, groupOfKey, type LabelEntry } from "./label-vocabulary.ts";
export { matchLabel, isNotLabel, squash, type LabelMatch } from "./match-label.ts";
export { findLabels, pageSegments, segmentsOf, type LabelHit, type Segment } from "./find-labels.ts";
export { rereadLabels } from "./reread-labels.ts";
export { blankRegions, draftReferenceImage, valueRegions } from "./draft-reference.ts";
