import cliProgress from "cli-progress";
import { displayWidth } from "./text-table.ts";

/**
 * Where a long command shows its progress: standard error, and whether it is a terminal. Given to
 * commands in their context (the executable passes `process.stderr`); an embedder may leave it out.
 */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/** One step of a long command: which stage (both languages), how far, and what it is working on. */
export interface ProgressStep {
  readonly stage: { readonly ja: string; readonly en: string };
  readonly done: number;
  readonly total: number;
  /** What the step works on (a template id), or null. */
  readonly item: string | null;
}

/** Shows steps as they come; `stop` ends the display (always call it: a bar holds a timer). */
export interface ProgressDisplay {
  step(step: ProgressStep): void;
  stop(): void;
}

const stageText = (step: ProgressStep) => `${step.stage.ja} / ${step.stage.en}`;

/**
 * A bar per stage on a terminal (`cli-progress`: each finished stage stays on its own line), plain lines
 * otherwise — a log file or CI gets the first and last step of every stage and one line per tenth,
 * never a line per step of a 500-step stage, and no escape codes. `prefix` starts every plain line.
 */
export const createProgressDisplay = (stream: ProgressStream | undefined, prefix: string, now: () => number = () => performance.now()): ProgressDisplay => {
  if (stream === undefined) return { step: () => {}, stop: () => {} };
  const begun = now();
  if (stream.isTTY !== true) {
    return {
      step: (s) => {
        const tenth = (n: number) => Math.floor((n * 10) / Math.max(1, s.total));
        if (s.done !== 0 && s.done !== s.total && tenth(s.done) === tenth(s.done - 1)) return;
        const elapsed = ((now() - begun) / 1000).toFixed(1);
        stream.write(`${prefix} [${elapsed} s] ${stageText(s)} ${s.done}/${s.total}${s.item === null ? "" : ` (${s.item})`}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{stage} {padding}|{bar}| {value}/{total} {percentage}% | {duration_formatted} | {item}",
      hideCursor: true,
      clearOnComplete: false,
      barsize: 30,
      etaBuffer: 20,
      // The terminal belongs to the person again after Ctrl-C (the cursor shown, the line ended).
      gracefulExit: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  let running = false;
  // Stage names line up: the bars of successive stages start in the same column.
  const width = 34;
  const payload = (s: ProgressStep) => ({ stage: stageText(s), padding: " ".repeat(Math.max(0, width - displayWidth(stageText(s)))), item: s.item ?? "" });
  return {
    step: (s) => {
      const stage = stageText(s);
      if (stage !== current) {
        if (running) bar.stop();
        bar.start(s.total, s.done, payload(s));
        current = stage;
        running = true;
        return;
      }
      bar.update(s.done, payload(s));
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
};
