import type { Locale } from "../../i18n/locale.ts";

/** Texts of JPKI login and card linking (R10), Japanese first. */
const ja = {
  loginWithApp: "デジタル認証アプリでログイン",
  loginWithAppHint: "マイナンバーカードとスマートフォンの「デジタル認証アプリ」で本人確認をしてログインします（アカウント設定でカードを連携した方）。",
  callbackTitle: "マイナンバーカードでの本人確認",
  working: "確認しています…",
  linked: "マイナンバーカードを連携しました。次回から「デジタル認証アプリでログイン」が使えます。",
  alreadyLinked: "このマイナンバーカードは連携済みです。",
  backToLogin: "ログイン画面へ戻る",
  backToSettings: "アカウント設定へ戻る",
  heading: "マイナンバーカードでのログイン",
  explain: "マイナンバーカードを連携すると、デジタル認証アプリでの本人確認（利用者証明用電子証明書と4桁の暗証番号）だけでログインできます。カードを更新したときは、もう一度連携してください。",
  link: "デジタル認証アプリでカードを連携する",
  none: "連携しているカードはありません。",
  method: "方法",
  methodApp: "デジタル認証アプリ",
  methodCard: "利用者証明用電子証明書",
  linkedAt: "連携日時",
  unlink: "連携を解除",
  unlinked: "連携を解除しました。",
  unavailable: "この環境ではデジタル認証アプリを利用できません。",
};

const en: typeof ja = {
  loginWithApp: "Log in with the Digital Authentication App",
  loginWithAppHint: "Confirm your identity with your My Number card and the Digital Authentication App on your smartphone (after linking the card in the account settings).",
  callbackTitle: "Confirming your My Number card",
  working: "Confirming…",
  linked: "Your My Number card is linked. From now on you can use “Log in with the Digital Authentication App”.",
  alreadyLinked: "This My Number card is already linked.",
  backToLogin: "Back to the login page",
  backToSettings: "Back to the account settings",
  heading: "Logging in with your My Number card",
  explain: "With your My Number card linked, confirming your identity in the Digital Authentication App (user-authentication certificate and its 4-digit PIN) is enough to log in. When your card is renewed, link it again.",
  link: "Link a card with the Digital Authentication App",
  none: "No card is linked.",
  method: "Method",
  methodApp: "Digital Authentication App",
  methodCard: "User-authentication certificate",
  linkedAt: "Linked at",
  unlink: "Unlink",
  unlinked: "The card is unlinked.",
  unavailable: "The Digital Authentication App is not available here.",
};

/** The JPKI texts in the UI language. */
export const jpkiMessages = (locale: Locale) => (locale === "ja" ? ja : en);
