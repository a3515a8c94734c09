import type { Locale } from "../../i18n/locale.ts";

/** Texts of saved cards (R6) and of the 3-D Secure challenge, Japanese first. */
const ja = {
  brand: { visa: "VISA", mastercard: "Mastercard", jcb: "JCB", amex: "American Express", diners: "Diners Club" } as Record<string, string>,
  cardLabel: (brand: string, last4: string, expMonth: number, expYear: number) =>
    `${brand}（末尾 ${last4}、有効期限 ${String(expMonth).padStart(2, "0")}/${String(expYear % 100).padStart(2, "0")}）`,
  savedCardHeading: "保存済みのカードで支払う",
  savedCardPay: (label: string) => `${label} で支払う`,
  orNewCard: "別のカードで支払う場合は、下の欄に入力してください。",
  challengeHeading: "カード会社による本人認証（3-Dセキュア）",
  challengeIntro: "ご利用のカード会社が本人確認を求めています。下の画面で認証してください。認証が終わると、申請の送信を続けます。",
  challengeFrameTitle: "カード会社の本人認証画面",
  settingsHeading: "保存したお支払いカード",
  settingsIntro:
    "カードを保存すると、次回からカード番号を入力せずに手数料を支払えます。カード番号とセキュリティコードは決済代行会社の画面に入力され、本サービスには届きません。保存されるのはカードの種類・末尾4桁・有効期限だけです。",
  settingsNone: "保存したカードはありません。",
  settingsCurrent: "保存したカード",
  settingsChange: "カードを変更する",
  settingsAdd: "カードを保存する",
  settingsDelete: "保存したカードを削除する",
  settingsSaved: "カードを保存しました。",
  settingsDeleted: "保存したカードを削除しました。",
  settingsFrameTitle: "保存するカードの入力欄（決済代行会社）",
  settingsCancel: "やめる",
};

const en: typeof ja = {
  brand: ja.brand,
  cardLabel: (brand, last4, expMonth, expYear) => `${brand} ending ${last4}, expires ${String(expMonth).padStart(2, "0")}/${String(expYear % 100).padStart(2, "0")}`,
  savedCardHeading: "Pay with your saved card",
  savedCardPay: (label) => `Pay with ${label}`,
  orNewCard: "To pay with another card, enter it below.",
  challengeHeading: "Identity check by your card issuer (3-D Secure)",
  challengeIntro: "Your card issuer asks you to confirm it is you. Complete the check below; the application is then sent.",
  challengeFrameTitle: "Card issuer's identity check",
  settingsHeading: "Saved payment card",
  settingsIntro:
    "With a saved card you pay fees without entering the card number again. The card number and security code are typed into the payment provider's page and never reach this service; only the brand, last 4 digits and expiry are kept.",
  settingsNone: "No saved card.",
  settingsCurrent: "Saved card",
  settingsChange: "Change the card",
  settingsAdd: "Save a card",
  settingsDelete: "Delete the saved card",
  settingsSaved: "The card was saved.",
  settingsDeleted: "The saved card was deleted.",
  settingsFrameTitle: "Card to save (payment provider's fields)",
  settingsCancel: "Cancel",
};

/** The texts in `locale`. */
export const paymentMessages = (locale: Locale) => (locale === "ja" ? ja : en);

/** A saved card as the server shows it: display data only. */
export interface SavedCardView {
  readonly id: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/** "VISA（末尾 4242、有効期限 12/30）". */
export const savedCardLabel = (locale: Locale, card: SavedCardView): string => {
  const m = paymentMessages(locale);
  return m.cardLabel(m.brand[card.brand] ?? card.brand, card.last4, card.expMonth, card.expYear);
};
