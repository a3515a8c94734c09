import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8ToBase64 } from "../src/base64.ts";

const decode = (base64: string): string =>
  new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));

describe("utf8ToBase64", () => {
  it("encodes the UTF-8 bytes, not UTF-16 code units", () => {
    // 髙 is three UTF-8 bytes; 𠮷 (outside the BMP) is four.
    expect(utf8ToBase64("髙")).toBe("6auZ");
    expect(utf8ToBase64("𠮷")).toBe("8KCutw==");
  });

  it("round-trips any text, including texts longer than one chunk", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(decode(utf8ToBase64(text))).toBe(text);
      }),
    );
    const long = "窓口".repeat(40_000);
    expect(decode(utf8ToBase64(long))).toBe(long);
  });
});
