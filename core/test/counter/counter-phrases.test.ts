import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSettingValue, MAX_COUNTER_PHRASES } from "../../src/index.ts";

const decode = (phrases: unknown) => decodeSettingValue("counter.phrases", phrases);

describe("C6 語句登録: the counter's phrases", () => {
  it("takes one-line phrases of 1–100 characters counted as people count them, each once, at most 200", () => {
    expect(decode([{ id: "p-1", text: "みほん市中央一丁目" }, { id: "p-2", text: "𠮷".repeat(100) }]).isOk()).toBe(true);
    expect(decode([{ id: "p-1", text: "𠮷".repeat(101) }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: " 前後の空白" }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: "" }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: "a\tb" }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: "a\u2028b" }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: "同じ" }, { id: "p-2", text: "同じ" }]).isErr()).toBe(true);
    expect(decode([{ id: "p-1", text: "一" }, { id: "p-1", text: "二" }]).isErr()).toBe(true);
    const many = Array.from({ length: MAX_COUNTER_PHRASES + 1 }, (_, i) => ({ id: `p-${i}`, text: `語句${i}` }));
    expect(decode(many.slice(0, MAX_COUNTER_PHRASES)).isOk()).toBe(true);
    expect(decode(many).isErr()).toBe(true);
  });

  it("a phrase with a control character anywhere is refused (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 0x1f }), (s, code) => {
        const text = `あ${s}${String.fromCharCode(code)}${s}い`;
        expect(decode([{ id: "p-1", text }]).isErr()).toBe(true);
      }),
    );
  });
});
