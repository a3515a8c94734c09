import { describe, expect, it } from "vitest";
import { resolveRoute } from "../src/router.ts";
import { accountMessages } from "../src/pages/account/account-messages.ts";

describe("resident account routes", () => {
  it.each([
    ["/account", "applications"],
    ["/account/", "applications"],
    ["/account/register", "register"],
    ["/account/verify", "verify"],
    ["/account/login", "login"],
    ["/account/reset", "reset"],
    ["/account/confirm-email", "confirmEmail"],
    ["/account/settings", "settings"],
    ["/account/unlock", "unlock"],
  ])("%s is the %s page", (path, page) => {
    expect(resolveRoute(path)).toEqual({ name: "account", page });
  });

  it("unknown or deeper account paths are not found", () => {
    expect(resolveRoute("/account/nope")).toEqual({ name: "notFound" });
    expect(resolveRoute("/account/login/extra")).toEqual({ name: "notFound" });
    expect(resolveRoute("/account/toString")).toEqual({ name: "notFound" });
  });

  it("has every account text in Japanese and English", () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v).map((s) => `${k}.${s}`) : [k]));
    expect(keys(accountMessages("en"))).toEqual(keys(accountMessages("ja")));
  });
});
