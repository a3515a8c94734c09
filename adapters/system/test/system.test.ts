import { describe, expect, it } from "vitest";
import { createFixedClock, createRandomIdGenerator, createSha256Hasher, formatReceiptNumber } from "../src/index.ts";

describe("system adapters", () => {
  it("receipt numbers use the Japanese date, not the UTC date", () => {
    // 2026-11-23 20:00 UTC is already 2026-11-24 in Japan.
    expect(formatReceiptNumber(new Date("2026-11-23T20:00:00Z"), () => 0)).toBe("20261124-000000");
  });
  it("receipt numbers avoid ambiguous characters and do not repeat in practice", () => {
    const ids = createRandomIdGenerator();
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const r = ids.receiptNumber(new Date("2026-11-23T00:00:00Z"));
      expect(r).toMatch(/^20261123-[0-9A-HJKMNP-TV-Z]{6}$/);
      seen.add(r);
    }
    expect(seen.size).toBeGreaterThan(1990);
  });
  it("secrets carry at least 128 bits", () => {
    const s = createRandomIdGenerator().secret();
    expect(Buffer.from(s, "base64url").length).toBeGreaterThanOrEqual(16);
  });
  it("hashes with SHA-256", () => {
    expect(createSha256Hasher().sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("the fixed clock moves only when told", () => {
    const c = createFixedClock(new Date("2026-01-01T00:00:00Z"));
    c.advance(1000);
    expect(c.now().toISOString()).toBe("2026-01-01T00:00:01.000Z");
  });
});
