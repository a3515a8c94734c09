/**
 * The engine's readings of a benchmark run, kept so that a post-processing change can be measured on them in
 * seconds instead of reading the pages again (minutes): post-processing is a pure function of the readings, and
 * the engine reads the same pages the same way. Only the engine decides which readings it takes, so a change to
 * the engine (crops, heights, when to read again) needs a real run.
 */
import type { DocumentReadings } from "../postprocess/post-process-document.ts";
import { postProcessDocument } from "../postprocess/post-process-document.ts";
import type { Vocabularies } from "../postprocess/vocabularies.ts";
import type { DocumentValues } from "../synthetic/fake-values.ts";
import type { Template } from "../templates/template.ts";
import { addScores, EMPTY_SCORE, scorePage, type FalseAlarm, type Mismatch, type PageScore } from "./score-page.ts";

/** One page as the engine read it, with what was printed on it. */
export interface ReadPage {
  readonly template: Template;
  readonly seed: number;
  readonly dpi: number;
  readonly truth: DocumentValues;
  /** Null when the engine could not read the page (it returned an error): scored as every field wrong, flagged. */
  readonly readings: DocumentReadings | null;
}

/** The readings of a run: its pages and the day its date checks compared with. */
export interface ReadingsDump {
  readonly today: string;
  readonly pages: readonly ReadPage[];
}

/** The score of readings post-processed again, with every wrong value and every right one flagged. */
export interface Replay {
  readonly score: PageScore;
  readonly mismatches: readonly (Mismatch & { readonly seed: number })[];
  readonly falseAlarms: readonly FalseAlarm[];
}

/** Post-processes every page's readings as the benchmark does (with `vocabularies` when given) and scores them. */
export const replayReadings = (dump: ReadingsDump, vocabularies?: Vocabularies): Replay => {
  let score = EMPTY_SCORE;
  const mismatches: (Mismatch & { readonly seed: number })[] = [];
  const falseAlarms: FalseAlarm[] = [];
  for (const page of dump.pages) {
    const document = page.readings === null ? null : postProcessDocument(page.template, page.readings, { today: dump.today, ...(vocabularies === undefined ? {} : { vocabularies }) });
    const wrong: Mismatch[] = [];
    score = addScores(score, scorePage(page.template, page.truth, document, dump.today, wrong, falseAlarms));
    mismatches.push(...wrong.map((m) => ({ ...m, seed: page.seed })));
  }
  return { score, mismatches, falseAlarms };
};
