import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageIdFor } from "../src/index.ts";

/** RFC 5322 msg-id with a dot-atom left part (atext only, here). */
const MSG_ID = /^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9.-]+>$/;

describe("messageIdFor", () => {
  it("keeps UUIDs as they are", () => {
    expect(messageIdFor("0f8c3c1e-5b7a-4c1d-9f00-1234567890ab", "city.example.jp")).toBe("<0f8c3c1e-5b7a-4c1d-9f00-1234567890ab@city.example.jp>");
  });

  it("gives a valid msg-id for any id, the same for the same id (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1 }), (id) => {
        expect(messageIdFor(id, "city.example.jp")).toMatch(MSG_ID);
        expect(messageIdFor(id, "city.example.jp")).toBe(messageIdFor(id, "city.example.jp"));
      }),
    );
  });

  it("never gives two different ids the same msg-id (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        fc.pre(a !== b);
        expect(messageIdFor(a, "x.jp")).not.toBe(messageIdFor(b, "x.jp"));
      }),
    );
    expect(messageIdFor("a=2E", "x.jp")).not.toBe(messageIdFor("a.", "x.jp"));
  });
});
