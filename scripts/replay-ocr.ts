/**
 * `node scripts/replay-ocr.ts FILE… [--plain]`: post-processes the readings that `bench-ocr.ts --dump-readings FILE`
 * kept, with the code as it is now, and prints the score and every wrong value (one JSON line each). A change to
 * post-processing is measured this way in seconds; a change to the engine needs a new run (see bench/README.md).
 * `--plain` replays without the synthetic world's vocabularies.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { replayReadings, syntheticVocabularies, type ReadingsDump } from "@madoguchi/ocr-engine";

const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { plain: { type: "boolean" } } });
if (positionals.length === 0) {
  process.stderr.write("usage: node scripts/replay-ocr.ts FILE… [--plain]  (FILE: written by bench-ocr.ts --dump-readings)\n");
  process.exit(2);
}
const vocabularies = values.plain === true ? undefined : syntheticVocabularies();
let exact = 0;
let fields = 0;
let silent = 0;
let falseAlarms = 0;
for (const file of positionals) {
  const dump = JSON.parse(readFileSync(file, "utf8")) as ReadingsDump;
  const replay = replayReadings(dump, vocabularies);
  for (const m of replay.mismatches) process.stdout.write(`${JSON.stringify({ file, ...m })}\n`);
  exact += replay.score.exact;
  fields += replay.score.fields;
  silent += replay.score.silentErrors;
  falseAlarms += replay.score.falseAlarms;
}
process.stdout.write(`non-name fields exact ${exact}/${fields} (${((100 * exact) / Math.max(1, fields)).toFixed(2)} %), silent ${silent}, false alarms ${falseAlarms}\n`);
