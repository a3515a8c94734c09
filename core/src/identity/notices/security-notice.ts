import type { Locale } from "../../shared/localized.ts";

/**
 * What changed on an account that its owner must hear about (ASVS 5.0 V6: notify after a change of
 * password, email address or authenticator), so that a takeover does not go unnoticed.
 */
export type SecurityNoticeKind =
  | "password_changed"
  | "password_set"
  | "password_reset_requested_by_administrator"
  | "email_changed"
  | "totp_enrolled"
  | "totp_removed"
  | "recovery_codes_regenerated"
  | "recovery_code_used"
  | "account_locked"
  | "passkey_added"
  | "passkey_removed"
  | "jpki_linked"
  | "jpki_unlinked";

/** A rendered notice: subject and plain-text body. */
export interface SecurityNoticeEmail {
  readonly subject: string;
  readonly text: string;
}

const WHAT: { readonly [K in SecurityNoticeKind]: { readonly ja: string; readonly en: string } } = {
  password_changed: { ja: "パスワードが変更されました", en: "Your password was changed" },
  password_set: { ja: "パスワードが設定されました（設定用リンクから）", en: "A password was set for your account (through a set-up link)" },
  password_reset_requested_by_administrator: {
    ja: "職員がパスワード再設定の手続きを開始しました",
    en: "A staff member started a password reset for your account",
  },
  email_changed: { ja: "登録メールアドレスが変更されました", en: "The email address of your account was changed" },
  totp_enrolled: { ja: "認証アプリ（ワンタイムパスワード）が登録されました", en: "An authenticator app was added to your account" },
  totp_removed: { ja: "認証アプリ（ワンタイムパスワード）の登録が解除されました", en: "An authenticator app was removed from your account" },
  recovery_codes_regenerated: { ja: "リカバリーコードが再発行されました（以前のコードは使えません）", en: "New recovery codes were issued (the old ones no longer work)" },
  recovery_code_used: { ja: "リカバリーコードでログインしました（使ったコードは再び使えません）", en: "A recovery code was used to sign in (it cannot be used again)" },
  account_locked: { ja: "ログインの失敗が続いたため、アカウントを一時的にロックしました", en: "Your account was locked for a while after repeated failed logins" },
  passkey_added: { ja: "パスキーが登録されました", en: "A passkey was added to your account" },
  passkey_removed: { ja: "パスキーの登録が解除されました", en: "A passkey was removed from your account" },
  jpki_linked: { ja: "マイナンバーカードがログイン用に連携されました", en: "A My Number card was linked to your account for login" },
  jpki_unlinked: { ja: "ログイン用のマイナンバーカードの連携が解除されました", en: "A My Number card was unlinked from your account" },
};

/** Formats a UTC instant in Japan time, the way residents read it (`2026年11月23日 18時05分`). */
const formatJst = (at: Date): { readonly ja: string; readonly en: string } => {
  const jst = new Date(at.getTime() + 9 * 3_600_000);
  const [y, mo, d, h, mi] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate(), jst.getUTCHours(), jst.getUTCMinutes()];
  const pad = (n: number) => String(n).padStart(2, "0");
  return { ja: `${y}年${mo}月${d}日 ${pad(h)}時${pad(mi)}分（日本時間）`, en: `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)} Japan time` };
};

/** Who reads the notice: what to do if it was not them differs (a resident resets or calls the office; staff call IT). */
export type SecurityNoticeAudience = "resident" | "staff";

const ADVICE: { readonly [A in SecurityNoticeAudience]: (serviceName: string) => { readonly ja: readonly string[]; readonly en: readonly string[] } } = {
  resident: (serviceName) => ({
    ja: [
      "お心当たりがない場合は、第三者がアカウントを利用しているおそれがあります。",
      `${serviceName}のサイトを（このメールのリンクではなく）ブックマーク等から開き、パスワードを再設定するか、市区町村の担当窓口へご連絡ください。`,
    ],
    en: [
      "If this was not you, someone else may be using your account.",
      `Open ${serviceName} from your bookmarks (not from a link in an email) and reset your password, or contact your municipality's office.`,
    ],
  }),
  staff: () => ({
    ja: ["お心当たりがない場合は、第三者が職員アカウントを利用しているおそれがあります。すぐに情報システム担当にご連絡ください。"],
    en: ["If this was not you, someone else may be using your staff account. Contact your IT administrator at once."],
  }),
};

const body = (kind: SecurityNoticeKind, at: Date, locale: Locale, serviceName: string, audience: SecurityNoticeAudience): readonly string[] => {
  const when = formatJst(at);
  const what = WHAT[kind];
  const advice = ADVICE[audience](serviceName);
  return locale === "ja"
    ? [`${what.ja}。`, `日時: ${when.ja}`, "", ...advice.ja, "このメールは送信専用です。"]
    : [`${what.en}.`, `When: ${when.en}`, "", ...advice.en, "This address does not receive replies."];
};

/**
 * The email sent to an account's owner after a security-relevant change. It names what changed and
 * when, tells them what to do if it was not them, and contains no link (links in unexpected security
 * mail teach people to click phishing), no password and no code. For `email_changed`, send it to the
 * old address too.
 */
export const renderSecurityNotice = (kind: SecurityNoticeKind, at: Date, locale: Locale, serviceName: string): SecurityNoticeEmail => {
  const what = WHAT[kind];
  return {
    subject: locale === "ja" ? `【${serviceName}】${what.ja}` : `[${serviceName}] ${what.en}`,
    text: body(kind, at, locale, serviceName, "resident").join("\n"),
  };
};

/**
 * The same notice for a staff member: staff accounts have no language setting, so one mail carries
 * both (Japanese first), and the advice is to call the IT administrator. No link either.
 */
export const renderStaffSecurityNotice = (kind: SecurityNoticeKind, at: Date, serviceName: string): SecurityNoticeEmail => {
  const what = WHAT[kind];
  return {
    subject: `【${serviceName}】${what.ja} / ${what.en}`,
    text: [...body(kind, at, "ja", serviceName, "staff"), "", "----", "", ...body(kind, at, "en", serviceName, "staff")].join("\n"),
  };
};
