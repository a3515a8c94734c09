import { describe, expect, it } from "vitest";
import { renderSecurityNotice, renderStaffSecurityNotice, type SecurityNoticeKind } from "../../src/index.ts";

const kinds: readonly SecurityNoticeKind[] = [
  "password_changed",
  "password_reset_requested_by_administrator",
  "email_changed",
  "totp_enrolled",
  "totp_removed",
  "recovery_codes_regenerated",
  "account_locked",
  "passkey_added",
  "passkey_removed",
  "password_set",
  "recovery_code_used",
];

describe("renderSecurityNotice", () => {
  it("names what changed and when (Japan time), in Japanese and English, with no link", () => {
    const at = new Date("2026-11-23T09:05:00Z");
    const subjects = new Set<string>();
    for (const kind of kinds) {
      const ja = renderSecurityNotice(kind, at, "ja", "千代田区 madoguchi");
      const en = renderSecurityNotice(kind, at, "en", "Chiyoda madoguchi");
      expect(ja.text).toContain("2026年11月23日 18時05分");
      expect(en.text).toContain("2026-11-23 18:05 Japan time");
      expect(ja.subject.startsWith("【千代田区 madoguchi】")).toBe(true);
      for (const m of [ja, en]) expect(m.text).not.toMatch(/https?:\/\//);
      subjects.add(ja.subject);
      subjects.add(en.subject);
    }
    expect(subjects.size).toBe(kinds.length * 2);
  });

  it("for staff: one mail in Japanese then English, the same what and when, and the advice to call IT (not the municipality's office)", () => {
    const at = new Date("2026-11-23T09:05:00Z");
    for (const kind of kinds) {
      const staff = renderStaffSecurityNotice(kind, at, "窓口");
      const ja = renderSecurityNotice(kind, at, "ja", "窓口");
      const en = renderSecurityNotice(kind, at, "en", "窓口");
      expect(staff.subject).toBe(`${ja.subject} / ${en.subject.replace("[窓口] ", "")}`);
      expect(staff.text.indexOf(ja.text.split("\n")[0]!)).toBe(0);
      expect(staff.text).toContain(en.text.split("\n")[0]!);
      expect(staff.text).toContain("2026年11月23日 18時05分");
      expect(staff.text).toContain("2026-11-23 18:05 Japan time");
      expect(staff.text).toContain("情報システム担当");
      expect(staff.text).toContain("IT administrator");
      expect(staff.text).not.toContain("窓口へご連絡");
      expect(staff.text).not.toMatch(/https?:\/\//);
    }
  });
});
