import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64, errorCode, formatYen, japanCalendarDate, storageError, timingSafeEqualHex } from "../src/index.ts";

describe("timingSafeEqualHex", () => {
  it("is true only for equal digests, ignoring hex case", () => {
    expect(timingSafeEqualHex("00ff", "00ff")).toBe(true);
    expect(timingSafeEqualHex("00FF", "00ff")).toBe(true);
    expect(timingSafeEqualHex("00ff", "00fe")).toBe(false);
    expect(timingSafeEqualHex("00ff", "00ff00")).toBe(false);
    expect(timingSafeEqualHex("", "00")).toBe(false);
  });

  it("agrees with === on lower-case hex (property)", () => {
    const hex = fc.stringMatching(/^[0-9a-f]{0,64}$/);
    fc.assert(fc.property(hex, hex, (a, b) => {
      expect(timingSafeEqualHex(a, b)).toBe(a === b);
    }));
  });
});

describe("base64", () => {
  it("round-trips any bytes (property)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }));
  });

  it("matches Node's Buffer encoding (property)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }));
  });

  it("rejects what is not base64", () => {
    expect(decodeBase64("a")).toBeNull();
    expect(decodeBase64("ab$=")).toBeNull();
    expect(decodeBase64("QQ=")).toBeNull();
    expect(decodeBase64("QR==")).toBeNull(); // non-zero leftover bits
    expect(decodeBase64("QQ==")).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64("QQ")).toEqual(new Uint8Array([0x41]));
  });
});

describe("japanCalendarDate", () => {
  it("gives the date in Japan, not in UTC", () => {
    expect(japanCalendarDate(new Date("2026-03-31T14:59:59Z"))).toBe("2026-03-31");
    expect(japanCalendarDate(new Date("2026-03-31T15:00:00Z"))).toBe("2026-04-01");
  });
});

describe("formatYen", () => {
  it("groups thousands", () => {
    expect(formatYen(0, "ja")).toBe("0円");
    expect(formatYen(1250, "ja")).toBe("1,250円");
    expect(formatYen(1234567, "en")).toBe("¥1,234,567");
  });
});

describe("errorCode", () => {
  it("uses a domain error's code and <port>.<reason> for port errors", () => {
    expect(errorCode({ code: "application.not_found" })).toBe("application.not_found");
    expect(errorCode(storageError("x", "unavailable", "down"))).toBe("storage.unavailable");
    expect(errorCode({ _tag: "PaymentError", reason: "declined", operation: "authorize", retryable: false, message: "" })).toBe("payment.declined");
    expect(errorCode({ _tag: "SignatureError", reason: "content_mismatch", operation: "v", retryable: false, message: "" })).toBe(
      "signature.content_mismatch",
    );
  });
});
