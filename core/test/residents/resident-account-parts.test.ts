import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkResidentEmailToken,
  isPlausibleEmail,
  issueResidentEmailToken,
  normalizeResidentEmail,
  renderResidentMail,
  type ResidentMailContent,
} from "../../src/index.ts";
import { cryptoRandom, sha256Hasher } from "../identity/identity-fakes.ts";

const deps = { random: cryptoRandom, hasher: sha256Hasher };
const now = new Date("2026-11-23T04:00:00Z");

describe("resident addresses", () => {
  it("are compared in one form: full-width typed with an IME, spaces around, any case", () => {
    expect(normalizeResidentEmail("　ＴＡＲＯ＠Ｅｘａｍｐｌｅ．ＪＰ ")).toBe("taro@example.jp");
    expect(normalizeResidentEmail("Taro@Example.jp")).toBe(normalizeResidentEmail("taro@example.JP"));
  });

  it("normalising twice changes nothing (property)", () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeResidentEmail(normalizeResidentEmail(s)) === normalizeResidentEmail(s)));
  });

  it("refuses what cannot be an address", () => {
    for (const bad of ["", "taro", "taro@", "@example.jp", "taro@example", "ta ro@example.jp", `${"a".repeat(250)}@example.jp`]) {
      expect(isPlausibleEmail(bad)).toBe(false);
    }
    expect(isPlausibleEmail("taro.madoguchi+city@example.lg.jp")).toBe(true);
  });
});

describe("emailed tokens (verification, change of address, unlock)", () => {
  it("store only a hash, and check the right token until it expires", () => {
    const { token, pending } = issueResidentEmailToken(deps, "verify_email", now, 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pending.tokenHash).not.toContain(token);
    expect(checkResidentEmailToken(deps, "verify_email", pending, token, now).isOk()).toBe(true);
    expect(checkResidentEmailToken(deps, "verify_email", pending, token, new Date(now.getTime() + 60_000))._unsafeUnwrapErr()).toBe("expired");
    expect(checkResidentEmailToken(deps, "verify_email", pending, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, now)._unsafeUnwrapErr()).toBe("mismatch");
    expect(checkResidentEmailToken(deps, "verify_email", null, token, now)._unsafeUnwrapErr()).toBe("missing");
  });

  it("a token for one purpose is worth nothing for another", () => {
    const { token, pending } = issueResidentEmailToken(deps, "unlock", now, 60_000);
    expect(checkResidentEmailToken(deps, "verify_email", pending, token, now)._unsafeUnwrapErr()).toBe("mismatch");
    expect(checkResidentEmailToken(deps, "change_email", pending, token, now)._unsafeUnwrapErr()).toBe("mismatch");
  });
});

describe("resident mails", () => {
  const contents: ResidentMailContent[] = [
    { kind: "verify_email", link: "https://example.jp/account/verify?x" },
    { kind: "already_registered", loginLink: "https://example.jp/account/login" },
    { kind: "reset_password", link: "https://example.jp/account/reset?x" },
    { kind: "login_code", code: "123456" },
    { kind: "confirm_email_change", link: "https://example.jp/account/confirm-email?x" },
    { kind: "unlock_account", link: "https://example.jp/account/unlock?x" },
  ];
  it.each(contents)("$kind is written in Japanese and English, with what it carries", (content) => {
    for (const locale of ["ja", "en"] as const) {
      const mail = renderResidentMail(locale, "みほん市 madoguchi", content);
      expect(mail.subject).toContain("みほん市 madoguchi");
      const carried = "link" in content ? content.link : "loginLink" in content ? content.loginLink : content.code;
      expect(mail.text).toContain(carried);
      expect(/[ぁ-んァ-ン]/.test(mail.text)).toBe(locale === "ja");
    }
  });
});
