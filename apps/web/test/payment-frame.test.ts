import { describe, expect, it } from "vitest";
import { hostedFieldsSrc, readSandboxMessage } from "../src/pages/apply/payment-frame.ts";

const gateway = "http://127.0.0.1:4100";

describe("readSandboxMessage", () => {
  it("accepts a token only from the gateway's origin", () => {
    const data = { type: "madoguchi-sandbox:token", token: "tok_1", brand: "VISA", last4: "4242" };
    expect(readSandboxMessage({ origin: gateway, data }, gateway)).toEqual({ type: "madoguchi-sandbox:token", token: "tok_1" });
    expect(readSandboxMessage({ origin: "http://127.0.0.1:4101", data }, gateway)).toBeNull();
    expect(readSandboxMessage({ origin: "null", data }, gateway)).toBeNull();
    // A configured origin with a trailing slash or a path still means the same origin.
    expect(readSandboxMessage({ origin: gateway, data }, `${gateway}/`)).not.toBeNull();
  });

  it("reads errors and ignores anything else", () => {
    expect(readSandboxMessage({ origin: gateway, data: { type: "madoguchi-sandbox:error", code: "luhn" } }, gateway)).toEqual({
      type: "madoguchi-sandbox:error",
      code: "luhn",
    });
    expect(readSandboxMessage({ origin: gateway, data: { type: "madoguchi-sandbox:token" } }, gateway)).toBeNull();
    expect(readSandboxMessage({ origin: gateway, data: "madoguchi-sandbox:token" }, gateway)).toBeNull();
    expect(readSandboxMessage({ origin: gateway, data: null }, gateway)).toBeNull();
  });
});

describe("hostedFieldsSrc", () => {
  it("adds the parent origin and the language", () => {
    const src = new URL(hostedFieldsSrc(`${gateway}/hosted-fields.html`, "http://127.0.0.1:3000", "en"));
    expect(src.origin + src.pathname).toBe(`${gateway}/hosted-fields.html`);
    expect(src.searchParams.get("origin")).toBe("http://127.0.0.1:3000");
    expect(src.searchParams.get("lang")).toBe("en");
  });
});
