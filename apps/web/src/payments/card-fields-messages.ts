import type { Locale } from "../i18n/locale.ts";

/** Texts around Stripe's card fields (Stripe's iframes show their own labels and errors), Japanese first. */
const ja = {
  pay: "このカードで支払う",
  save: "このカードを保存する",
  sending: "カード情報を決済代行会社に送っています…",
  loading: "カード入力欄を読み込んでいます…",
  unavailable: "カード入力欄を読み込めませんでした。通信環境をご確認のうえ、画面を再読み込みしてください。",
  cardError: "カード情報を確認してください。",
  fieldsLabel: "カード番号・有効期限・セキュリティコード",
};

const en: typeof ja = {
  pay: "Pay with this card",
  save: "Save this card",
  sending: "Sending the card to the payment provider…",
  loading: "Loading the card fields…",
  unavailable: "The card fields could not be loaded. Check your connection and reload the page.",
  cardError: "Please check the card details.",
  fieldsLabel: "Card number, expiry date and security code",
};

/** The texts in `locale`. */
export const cardFieldsMessages = (locale: Locale) => (locale === "ja" ? ja : en);
