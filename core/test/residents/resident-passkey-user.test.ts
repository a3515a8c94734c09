import { describe, expect, it } from "vitest";
import { maskResidentEmail } from "../../src/index.ts";

describe("maskResidentEmail (the name a synced passkey carries to the platform's cloud)", () => {
  it("keeps two characters of the local part and the domain, whatever the length or script", () => {
    expect(maskResidentEmail("taro.madoguchi@example.jp")).toBe("ta…@example.jp");
    expect(maskResidentEmail("a@example.jp")).toBe("a…@example.jp");
    expect(maskResidentEmail("まどぐち@example.jp")).toBe("まど…@example.jp");
    expect(maskResidentEmail("x@y@example.jp")).toBe("x@…@example.jp");
    expect(maskResidentEmail("no-at-sign")).toBe("…");
  });
});
