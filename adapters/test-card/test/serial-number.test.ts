import { describe, expect, it } from "vitest";
import { randomSerialNumber } from "../src/certificate-builder.ts";

describe("randomSerialNumber", () => {
  it("is always positive and minimally encoded, with 00 in front exactly when the high bit is set", () => {
    const firstBytes = new Set<"prefixed" | "plain">();
    for (let i = 0; i < 400; i += 1) {
      const serial = randomSerialNumber();
      if (serial[0] === 0) {
        firstBytes.add("prefixed");
        expect(serial.length).toBe(17);
        expect(serial[1]! & 0x80).toBe(0x80); // the 00 is needed, not padding
      } else {
        firstBytes.add("plain");
        expect(serial.length).toBe(16);
        expect(serial[0]! & 0x80).toBe(0); // positive without a prefix
      }
    }
    expect(firstBytes).toEqual(new Set(["prefixed", "plain"]));
  });
});
