import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkNewPassword,
  codePointCount,
  createPasswordBlocklist,
  foldForComparison,
  isRepetitiveOrSequential,
  NO_PASSWORD_CONTEXT,
  passwordRejectionMessage,
  RESIDENT_PASSWORD_POLICY,
  STAFF_PASSWORD_POLICY,
  type PasswordContext,
  type PasswordRejectionReason,
} from "../../src/index.ts";

const blocklist = createPasswordBlocklist("test list", ["password1234", "iloveyou2020", "qwertyuiop"]);
const context: PasswordContext = {
  cityNames: ["千代田区", "Chiyoda City"],
  serviceNames: ["madoguchi"],
  userId: "tanaka.staff01",
  email: "hanako.example@example.jp",
};
const resident = { policy: RESIDENT_PASSWORD_POLICY, blocklist, context };
const staff = { policy: STAFF_PASSWORD_POLICY, blocklist, context };

const reasonOf = (raw: string, rules = resident): PasswordRejectionReason | "accepted" => {
  const r = checkNewPassword(raw, rules);
  return r.isOk() ? "accepted" : r.error.reason;
};

describe("checkNewPassword: length in code points after NFKC", () => {
  it("needs 8 for residents and 15 for staff", () => {
    expect(reasonOf("gmz4-tkw")).toBe("accepted");
    expect(reasonOf("gmz4-tk")).toBe("too_short");
    expect(reasonOf("gmz4-tkw-paq9-r", staff)).toBe("accepted");
    expect(reasonOf("gmz4-tkw-paq9-", staff)).toBe("too_short");
  });

  it("counts a kanji or an astral character as one, not as UTF-16 units or bytes", () => {
    // 7 code points, 8 UTF-16 units (𠮷 is a surrogate pair): still too short.
    expect("𠮷野家で牛丼を".length).toBe(8);
    expect(reasonOf("𠮷野家で牛丼を")).toBe("too_short");
    expect(reasonOf("𠮷野家で牛丼を食")).toBe("accepted");
  });

  it("counts after NFKC: a half-width katakana with a voiced mark becomes one character", () => {
    // ｶﾞ (2 code points) → ガ (1) under NFKC: 8 raw code points, 7 after normalisation.
    const raw = "ｶﾞｷﾞｸﾞｹﾞ";
    expect(codePointCount(raw)).toBe(8);
    expect(reasonOf(raw)).toBe("too_short");
  });

  it("accepts 64 and 128 code points, refuses 129", () => {
    const phrase = (n: number) => Array.from({ length: n }, (_, i) => "さくらもみじ"[i % 6]).join("");
    expect(reasonOf(phrase(64), staff)).toBe("accepted");
    expect(reasonOf(phrase(128), staff)).toBe("accepted");
    expect(reasonOf(phrase(129), staff)).toBe("too_long");
  });

  it("has no composition rules: any long enough text that is not listed is accepted (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 8, maxLength: 40 }), (s) => {
        const normalized = s.normalize("NFKC");
        fc.pre(codePointCount(normalized) >= 8 && codePointCount(normalized) <= 128);
        fc.pre(!isRepetitiveOrSequential(normalized) && !blocklist.has(normalized));
        fc.pre(!["千代田区", "chiyoda city", "madoguchi", "tanaka.staff01", "hanako.example", "hanako.example@example.jp"].includes(foldForComparison(normalized)));
        const result = checkNewPassword(s, resident);
        expect(result.isOk()).toBe(true);
        expect(result._unsafeUnwrap()).toBe(normalized);
      }),
    );
  });

  it("returns the NFKC form for hashing and keeps case", () => {
    expect(checkNewPassword("ＰａｓｓｗｏｒｄＯｆＭｙＣａｔ", resident)._unsafeUnwrap()).toBe("PasswordOfMyCat");
  });
});

describe("checkNewPassword: blocklist and context words, whole string after NFKC and case fold", () => {
  it("refuses listed passwords in any case or width", () => {
    expect(reasonOf("password1234")).toBe("common_password");
    expect(reasonOf("PassWord1234")).toBe("common_password");
    expect(reasonOf("ｐａｓｓｗｏｒｄ１２３４")).toBe("common_password");
  });

  it("compares whole strings: a listed password inside a longer one is fine", () => {
    expect(reasonOf("password1234 is what my cat uses")).toBe("accepted");
  });

  it("refuses each kind of context word and names which", () => {
    const cases: readonly [string, string][] = [
      ["千代田区千代田区".slice(0, 4), "city_name"],
      ["CHIYODA CITY", "city_name"],
      ["Madoguchi", "service_name"],
      ["Tanaka.Staff01", "user_id"],
      ["hanako.example@example.jp", "email"],
      ["ｈａｎａｋｏ．ｅｘａｍｐｌｅ", "email_local_part"],
    ];
    for (const [raw, kind] of cases) {
      const r = checkNewPassword(raw, { ...resident, policy: { ...RESIDENT_PASSWORD_POLICY, minCodePoints: 4 } });
      expect(r.isErr() && r.error.reason === "context_word" && r.error.contextWord, raw).toBe(kind);
    }
  });

  it("ignores an empty context", () => {
    expect(reasonOf("madoguchi", { ...resident, context: NO_PASSWORD_CONTEXT })).toBe("accepted");
  });

  it("folds ß like SS (full case folding, not only toLowerCase)", () => {
    const list = createPasswordBlocklist("t", ["strasse-strasse"]);
    expect(checkNewPassword("STRAẞE-Straße", { ...resident, blocklist: list }).isErr()).toBe(true);
  });

  it("refuses repeated characters and simple sequences, up or down", () => {
    for (const s of ["aaaaaaaa", "12345678", "87654321", "abcdefghij", "ＡＢＣＤＥＦＧＨ"]) expect(reasonOf(s), s).toBe("repetitive_or_sequential");
    for (const s of ["12345679", "abcdefgg", "あいうえおかきく"]) expect(reasonOf(s), s).toBe("accepted");
  });
});

describe("passwordRejectionMessage", () => {
  it("has Japanese and English for every reason, with the limits, and never the password", () => {
    const secret = "madoguchi";
    const reasons: readonly PasswordRejectionReason[] = ["too_short", "too_long", "common_password", "context_word", "repetitive_or_sequential"];
    const seen = new Set<string>();
    for (const reason of reasons) {
      const raw = { too_short: "x", too_long: "y".repeat(200), common_password: "password1234", context_word: secret, repetitive_or_sequential: "bbbbbbbbbbbb" }[reason];
      const r = checkNewPassword(raw, resident);
      if (r.isOk()) expect.fail(reason);
      expect(r.error.reason).toBe(reason);
      expect(r.error.code).toBe(`password.${reason}`);
      const m = passwordRejectionMessage(r.error);
      expect(m.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(m.en).toMatch(/[A-Za-z]/);
      expect(m.ja + m.en).not.toContain(raw);
      seen.add(m.en);
    }
    expect(seen.size).toBe(reasons.length);
    expect(passwordRejectionMessage(checkNewPassword("short", resident)._unsafeUnwrapErr()).ja).toContain("8文字以上");
    expect(passwordRejectionMessage(checkNewPassword("short", staff)._unsafeUnwrapErr()).en).toContain("15 characters");
  });
});
