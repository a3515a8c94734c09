import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesMatchMediaType, looksLikeText, sniffMediaType } from "../../src/index.ts";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("upload media types told by their bytes (N9)", () => {
  it("knows PNG, JPEG, both TIFF byte orders and PDF by their first bytes", () => {
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffMediaType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffMediaType(bytes(0x49, 0x49, 0x2a, 0x00, 8))).toBe("image/tiff");
    expect(sniffMediaType(bytes(0x4d, 0x4d, 0x00, 0x2a, 0))).toBe("image/tiff");
    expect(sniffMediaType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
  });

  it("knows nothing else: a Windows executable, a ZIP, HTML, a truncated signature, nothing", () => {
    for (const b of [bytes(0x4d, 0x5a, 0x90, 0), bytes(0x50, 0x4b, 3, 4), new TextEncoder().encode("<html>"), bytes(0x89, 0x50, 0x4e), bytes()]) {
      expect(sniffMediaType(b)).toBeNull();
    }
  });

  it("matches the declared type, parameters and case aside, and refuses a file that is not what it says", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(bytesMatchMediaType(png, "image/png")).toBe(true);
    expect(bytesMatchMediaType(png, "IMAGE/PNG; name=x")).toBe(true);
    expect(bytesMatchMediaType(png, "image/jpeg")).toBe(false);
    expect(bytesMatchMediaType(new TextEncoder().encode("%PDF-"), "image/png")).toBe(false);
  });

  it("takes text without NUL bytes as text (Shift_JIS and UTF-8 CSV), refuses binary", () => {
    expect(looksLikeText(bytes(0x8e, 0x81, 0x96, 0xbc, 0x2c, 0x0d, 0x0a))).toBe(true);
    expect(looksLikeText(new TextEncoder().encode("氏名,生年月日\r\n"))).toBe(true);
    expect(looksLikeText(bytes(0x4d, 0x5a, 0x90, 0x00))).toBe(false);
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(looksLikeText(new TextEncoder().encode(s.replaceAll("\u0000", "")))).toBe(true);
      }),
    );
  });
});
