import type { AccuracyBenchmarkInput } from "@madoguchi/ocr-engine";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, Result } from "neverthrow";
import { collectFlagErrors, decodeFlag, invalidFlag } from "../args/decode-flag.ts";
import type { CliError } from "../cli.errors.ts";
import type { CommandInput } from "../command.ts";

const OPERATION = "ocr bench";

/** Value options of `madoguchi ocr bench`. */
export const OCR_BENCH_STRING_FLAGS = {
  seed: { value: "<n>", required: false, description: { ja: "乱数の種（既定 1）: 同じ種なら同じ様式・値・劣化", en: "seed of the layouts, values and degradation (default 1): same seed, same pages" } },
  layouts: { value: "<k>", required: false, description: { ja: "同梱テンプレートのほかに読む生成様式の数（0〜500、既定 15、--quick では 5）", en: "generated layouts read besides the shipped templates (0–500; default 15, --quick 5)" } },
  seeds: { value: "<s>", required: false, description: { ja: "テンプレートごとのページ数（1〜50、既定 1）", en: "pages per template (1–50, default 1)" } },
  identify: { value: "<n>", required: false, description: { ja: "様式の判定を測る枚数（0〜5000、既定 100、--quick では 10、0 で測らない）", en: "scans identified (0–5000; default 100, --quick 10; 0 skips identification)" } },
  "identify-layouts": {
    value: "<l>",
    required: false,
    description: { ja: "判定の索引に加える生成様式の数（0〜5000、既定 500、--quick では 50）", en: "generated layouts indexed for identification (0–5000; default 500, --quick 50)" },
  },
  workers: { value: "<w>", required: false, description: { ja: "文字認識のワーカー数（1〜16、既定 2）", en: "recogniser workers (1–16, default 2)" } },
  template: {
    value: "<id,…>",
    required: false,
    description: { ja: "この同梱テンプレートだけを使う（カンマ区切り）。既定はすべて", en: "only these shipped templates (comma-separated); default all" },
  },
  out: { value: "<dir>", required: false, description: { ja: "結果の JSON を書くディレクトリ（既定 bench/results）", en: "directory the JSON result is written to (default bench/results)" } },
} as const;

/** On/off options of `madoguchi ocr bench`. */
export const OCR_BENCH_BOOLEAN_FLAGS = {
  quick: { description: { ja: "小さく測る（生成様式 5、判定 10 枚を 50 様式から）", en: "a smaller run (5 layouts; 10 scans identified among 50 layouts)" } },
  "identify-only": { description: { ja: "様式の判定だけを測る（文字認識なし）", en: "measure identification alone (no OCR)" } },
} as const;

/** What `madoguchi ocr bench` is given. */
export type OcrBenchInput = CommandInput<keyof typeof OCR_BENCH_STRING_FLAGS, keyof typeof OCR_BENCH_BOOLEAN_FLAGS>;

/** What the command does once the flags are decoded. */
export interface OcrBenchPlan {
  readonly benchmark: AccuracyBenchmarkInput;
  /** The result directory as typed (relative to the working directory), for messages. */
  readonly out: string;
}

const Digits = Schema.String.check(Schema.isPattern(/^[0-9]{1,10}$/));
const TemplateIds = Schema.String.check(Schema.isPattern(/^[a-z-]+\/(\*|[0-9]{6})\/v[0-9]+(,[a-z-]+\/(\*|[0-9]{6})\/v[0-9]+)*$/));

/** A whole number in `min..max`, or absent; the message says the range, never the value. */
const intFlag = (flag: string, value: string | undefined, min: number, max: number): Result<number | undefined, CliError> => {
  if (value === undefined) return ok(undefined);
  const expected = { ja: `${min}〜${max} の整数`, en: `a whole number from ${min} to ${max}` };
  const inRange = Schema.decodeUnknownResult(Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max })));
  return decodeFlag(OPERATION, flag, Digits, value, expected)
    .map(Number)
    .andThen((n) => (EffectResult.isSuccess(inRange(n)) ? ok(n) : err(invalidFlag(OPERATION, flag, expected))));
};

/**
 * Decodes the flags into the benchmark's options (the benchmark validates them again: it is a library
 * boundary too). Every wrong flag is reported at once, with the range it expects.
 */
export const decodeOcrBenchFlags = (input: OcrBenchInput): Result<OcrBenchPlan, CliError> => {
  const s = input.strings;
  const template: Result<readonly string[] | undefined, CliError> =
    s.template === undefined
      ? ok(undefined)
      : decodeFlag(OPERATION, "template", TemplateIds, s.template, { ja: "テンプレート ID をカンマ区切りで（例 unten-menkyo/*/v1）", en: "template ids, comma-separated (e.g. unten-menkyo/*/v1)" }).map((v) => v.split(","));
  // Every flag is checked before any is reported, so that one run names all the wrong ones.
  const ints = Result.combineWithAllErrors([
    intFlag("seed", s.seed, 0, 2 ** 31 - 1),
    intFlag("layouts", s.layouts, 0, 500),
    intFlag("seeds", s.seeds, 1, 50),
    intFlag("identify", s.identify, 0, 5000),
    intFlag("identify-layouts", s["identify-layouts"], 0, 5000),
    intFlag("workers", s.workers, 1, 16),
  ]);
  const errors = [...(ints.isErr() ? ints.error : []), ...(template.isErr() ? [template.error] : [])];
  if (ints.isErr() || template.isErr()) return err(collectFlagErrors(OPERATION, errors));
  const [seed, layouts, seeds, identify, identifyLayouts, workers] = ints.value;
  const shippedTemplates = template.value;
  if (input.booleans["identify-only"] && identify === 0) {
    return err(invalidFlag(OPERATION, "identify", { ja: "--identify-only では 1 以上", en: "at least 1 with --identify-only" }));
  }
  const benchmark: AccuracyBenchmarkInput = {
    mode: input.booleans.quick ? "quick" : "full",
    identifyOnly: input.booleans["identify-only"],
    ...(seed === undefined ? {} : { seed }),
    ...(layouts === undefined ? {} : { layouts }),
    ...(seeds === undefined ? {} : { seeds }),
    ...(identify === undefined ? {} : { identify }),
    ...(identifyLayouts === undefined ? {} : { identifyLayouts }),
    ...(workers === undefined ? {} : { workers }),
    ...(shippedTemplates === undefined ? {} : { shippedTemplates }),
  };
  return ok({ benchmark, out: s.out ?? "bench/results" });
};
