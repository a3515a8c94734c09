import { describe, expect, it } from "vitest";
import { resolveRoute } from "../src/router.ts";
import { callbackParams } from "../src/pages/account/jpki-api.ts";
import { jpkiMessages } from "../src/pages/account/jpki-messages.ts";

describe("JPKI login pages", () => {
  it("/account/jpki-callback is the page the Digital Authentication App sends the resident back to", () => {
    expect(resolveRoute("/account/jpki-callback")).toEqual({ name: "account", page: "jpkiCallback" });
  });

  it("reads the callback's state with its code, or the provider's error, and iss; nothing without a state", () => {
    expect(callbackParams("?code=c0de&state=s7a7e&iss=http%3A%2F%2F127.0.0.1%3A1%2Fapi%2Frealms%2Fmain")).toEqual({
      state: "s7a7e",
      code: "c0de",
      iss: "http://127.0.0.1:1/api/realms/main",
    });
    expect(callbackParams("?error=access_denied&state=s")).toEqual({ state: "s", error: "access_denied" });
    expect(callbackParams("?code=c0de")).toBeNull();
    expect(callbackParams("?code=&state=s")).toEqual({ state: "s" });
  });

  it("has every JPKI text in Japanese and English", () => {
    expect(Object.keys(jpkiMessages("en"))).toEqual(Object.keys(jpkiMessages("ja")));
    const texts = (locale: "ja" | "en") => Object.values(jpkiMessages(locale)).map((text) => (typeof text === "function" ? text(2) : text));
    expect(texts("en").every((text) => text.trim() !== "")).toBe(true);
    expect(texts("ja").every((text) => text.trim() !== "")).toBe(true);
    expect(jpkiMessages("ja").pinTries(2)).toContain("あと2回");
  });
});
