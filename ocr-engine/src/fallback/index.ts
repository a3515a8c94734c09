/** Public API of the label-anchored fallback (re-exported by `src/index.ts`). */
export { readByLabels, type LabelAnchoredReading, type ReadByLabelsDeps, type ReadByLabelsOptions } from "./read-by-labels.ts";
