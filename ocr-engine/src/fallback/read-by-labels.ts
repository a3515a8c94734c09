/**
 * The label-anchored fallback: a certificate from a municipality with no template is still read, by
 * drafting a transient template from the scan itself (its label words and the cells beside them) and
 * reading the scan with it. Nothing about such a reading is trusted: every field is flagged
 * `label_anchored_fallback`, so staff confirm each value — it still saves typing them.
 */
import type { ResultAsync } from "neverthrow";
import { binarisedSample, draftFromWords, type SampleInput } from "../authoring/draft-template.ts";
import type { DraftReport } from "../authoring/draft-report.ts";
import { LABEL_VOCABULARY } from "../authoring/label-vocabulary.ts";
import type { PageReader } from "../authoring/page-words.ts";
import { rereadLabels } from "../authoring/reread-labels.ts";
import type { RawRecognition } from "../engine/raw-recognition.ts";
import type { OcrError } from "../pipeline/ocr-error.ts";
import { postProcessDocument } from "../postprocess/post-process-document.ts";
import type { DocumentResult } from "../result/field-result.ts";
import type { DocumentKind, Template } from "../templates/template.ts";

/** What the fallback read, the transient template it read with, and what it found or missed. */
export interface LabelAnchoredReading {
  /** Every field (and row field) carries the review reason `label_anchored_fallback`. */
  readonly document: DocumentResult;
  /** The template drafted from the scan itself (issuer "*", version 1; never registered). */
  readonly template: Template;
  readonly report: DraftReport;
}

/** Options of {@link readByLabels}. */
export interface ReadByLabelsOptions {
  readonly kind: DocumentKind;
  /** ISO `YYYY-MM-DD` for the date checks (dates of birth after it are flagged). */
  readonly today: string;
}

/** What the fallback needs: a full-page reader, and a way to read a scan with a template given by value. */
export interface ReadByLabelsDeps {
  readonly reader: PageReader;
  /** The engine's recognition with an ad-hoc template, before post-processing. */
  readonly readRaw: (image: SampleInput, template: Template) => ResultAsync<RawRecognition, OcrError>;
}

/**
 * Reads a scan of an unknown layout by its labels. Errors: decoding errors, `no_labels_found`
 * (operation `fallback`) when none of the kind's label words is on the page, and the recogniser's.
 */
export const readByLabels = (image: SampleInput, options: ReadByLabelsOptions, deps: ReadByLabelsDeps): ResultAsync<LabelAnchoredReading, OcrError> =>
  binarisedSample(image, options.kind)
    .andThen((page) =>
      deps.reader.read(page).andThen((words) => rereadLabels(page, words, LABEL_VOCABULARY[options.kind], deps.reader)).andThen((words) =>
        draftFromWords(page, words, { kind: options.kind, issuer: "*", version: 1, name: { ja: "項目名による読取（テンプレートなし）", en: "Read by labels (no template)" } }, "fallback"),
      ),
    )
    .andThen(({ template, report }) =>
      deps.readRaw(image, template).map((raw): LabelAnchoredReading => ({
        document: postProcessDocument(template, raw.readings, { today: options.today, labelAnchored: true }),
        template,
        report,
      })),
    );
