import { describe, expect, it } from "vitest";
import { createCryptoSecureRandom } from "../src/index.ts";

describe("createCryptoSecureRandom", () => {
  const random = createCryptoSecureRandom();

  it("returns the requested number of bytes, different each time", () => {
    const a = random.bytes(32);
    const b = random.bytes(32);
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
