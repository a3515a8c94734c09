/**
 * Replaying a run's readings: the same score as the run for the same readings, and a changed reading scored as
 * the benchmark scores it.
 */
import { describe, expect, it } from "vitest";
import { replayReadings, type ReadingsDump } from "../src/benchmark/replay-readings.ts";
import { fakeValuesFor } from "../src/synthetic/fake-values.ts";
import { syntheticVocabularies } from "../src/synthetic/synthetic-vocabularies.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";

const templates = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
const card = templates.find((t) => t.id.startsWith("zairyu-card/"))!;
const truth = fakeValuesFor(card, 7);
// Readings exactly as printed, as a perfect engine would return them.
const perfect = { fields: Object.fromEntries(Object.entries(truth.fields).map(([k, v]) => [k, { raw: v, confidence: 99 }])), groups: {} };
const dump = (readings: typeof perfect): ReadingsDump => ({ today: "2026-11-24", pages: [{ template: card, seed: 7, dpi: 200, truth, readings }] });

describe("replayReadings", () => {
  it("scores readings as printed all right, none flagged wrongly", () => {
    const { score, mismatches } = replayReadings(dump(perfect), syntheticVocabularies());
    expect(score.fields).toBeGreaterThan(5);
    expect(score.exact).toBe(score.fields);
    expect(score.silentErrors).toBe(0);
    expect(mismatches).toEqual([]);
  });
  it("reports a misread value with its page's seed, flagged when post-processing flags it", () => {
    const number = String(truth.fields["card.number"]);
    const misread = { ...perfect, fields: { ...perfect.fields, "card.number": { raw: `${number}X`, confidence: 99 } } };
    const { score, mismatches } = replayReadings(dump(misread), syntheticVocabularies());
    expect(score.exact).toBe(score.fields - 1);
    expect(mismatches).toEqual([expect.objectContaining({ key: "card.number", expected: number, got: `${number}X`, flagged: true, seed: 7 })]);
  });
});

describe("a page the engine could not read", () => {
  it("counts every field of it as wrong and flagged, not as missing from the run", () => {
    const failed = { today: "2026-11-24", pages: [{ template: card, seed: 7, dpi: 200, truth, readings: null }] };
    const { score, mismatches } = replayReadings(failed, syntheticVocabularies());
    const read = replayReadings(dump(perfect), syntheticVocabularies()).score;
    expect(score.fields).toBe(read.fields);
    expect(score.exact).toBe(0);
    expect(score.silentErrors).toBe(0);
    expect(score.names).toBe(read.names);
    expect(score.namesFlagged).toBe(score.names);
    expect(mismatches).toHaveLength(read.fields);
    expect(mismatches.every((m) => m.flagged && m.got === null)).toBe(true);
  });
});
