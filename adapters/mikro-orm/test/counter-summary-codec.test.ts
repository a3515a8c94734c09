import { describe, expect, it } from "vitest";
import { decodeCounterSummary, encodeCounterSummary } from "../src/counter-summary.codec.ts";

const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

describe("counter record summary codec", () => {
  it("keeps the C6 memo, line breaks and rare characters included", () => {
    const summary = { persons: [{ name: "𠮷野 髙子", kana: "ヨシノ タカコ", birthDate: "2010-05-05" }], newAddress: "新", previousAddress: "旧", memo: "本人確認：在留カード\n𠮷の字を確認済み" };
    expect(decodeCounterSummary(encodeCounterSummary(summary))).toStrictEqual(summary);
  });

  it("reads a summary written before the memo as one without a memo, and refuses an unknown format", () => {
    expect(decodeCounterSummary(bytes({ v: 1, persons: [], newAddress: "新", previousAddress: "旧" }))).toStrictEqual({ persons: [], newAddress: "新", previousAddress: "旧", memo: "" });
    expect(decodeCounterSummary(bytes({ v: 2, persons: [], newAddress: "新", previousAddress: "旧" }))).toBeNull();
    expect(decodeCounterSummary(bytes({ v: 1, persons: [], newAddress: "新", previousAddress: "旧", memo: 3 }))).toBeNull();
  });
});
