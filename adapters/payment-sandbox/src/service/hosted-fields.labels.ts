/** The hosted fields' texts, in Japanese and English. */
import type { CardBrand } from "../cards/card-brand.ts";

/** How each brand is written for people (the same in Japanese and English). */
export const BRAND_NAMES: Readonly<Record<CardBrand, string>> = { visa: "VISA", mastercard: "Mastercard", jcb: "JCB", amex: "American Express", diners: "Diners Club" };

/** Languages of the hosted fields (`?lang=`). */
export type HostedFieldsLang = "ja" | "en";

/** Texts of the page; `errors` is keyed by the error codes the page can show. */
export interface HostedFieldsLabels {
  readonly title: string;
  readonly notice: string;
  readonly number: string;
  readonly expiry: string;
  readonly cvc: string;
  readonly name: string;
  readonly pay: string;
  readonly refused: string;
  /** The line above the fields naming the accepted brands. */
  readonly accepted: (brands: string) => string;
  /** Replaces `errors.unsupported_brand` when the accepted brands are known: names them. */
  readonly unsupportedBrand: (brands: string) => string;
  /** Separator of brand names in a list. */
  readonly listSeparator: string;
  readonly errors: Readonly<Record<string, string>>;
}

/** Texts by language. */
export const HOSTED_FIELDS_LABELS: Readonly<Record<HostedFieldsLang, HostedFieldsLabels>> = {
  ja: {
    title: "カードでのお支払い",
    notice: "テスト用の決済画面です。実在するカードの番号は入力しないでください。",
    number: "カード番号",
    expiry: "有効期限（MM/YY）",
    cvc: "セキュリティコード",
    name: "カード名義人",
    pay: "このカードで支払う",
    refused: "このお支払い画面は、登録されていないサイトからは表示できません。",
    accepted: (brands) => `ご利用いただけるカード：${brands}`,
    unsupportedBrand: (brands) => `このカードの種類（ブランド）はご利用いただけません。ご利用いただけるカードは ${brands} です。`,
    listSeparator: "、",
    errors: {
      invalid_number: "カード番号が正しくありません。",
      unsupported_brand: "このカードの種類はご利用いただけません。",
      invalid_expiry: "有効期限を MM/YY の形で入力してください。",
      expired_card: "このカードは有効期限が切れています。",
      invalid_cvc: "セキュリティコードが正しくありません。",
      invalid_name: "カード名義人を入力してください。",
      network_error: "通信に失敗しました。しばらくしてからもう一度お試しください。",
      default: "カードを確認できませんでした。入力内容をお確かめください。",
    },
  },
  en: {
    title: "Pay by card",
    notice: "This is a test payment page. Do not enter a real card number.",
    number: "Card number",
    expiry: "Expiry (MM/YY)",
    cvc: "Security code",
    name: "Cardholder name",
    pay: "Pay with this card",
    refused: "This payment page cannot be shown on a site that is not registered.",
    accepted: (brands) => `Cards accepted: ${brands}`,
    unsupportedBrand: (brands) => `This card brand is not accepted. Cards accepted: ${brands}.`,
    listSeparator: ", ",
    errors: {
      invalid_number: "The card number is not valid.",
      unsupported_brand: "This card brand is not accepted.",
      invalid_expiry: "Enter the expiry date as MM/YY.",
      expired_card: "This card has expired.",
      invalid_cvc: "The security code is not valid.",
      invalid_name: "Enter the cardholder name.",
      network_error: "The connection failed. Please try again in a moment.",
      default: "The card could not be checked. Please review what you entered.",
    },
  },
};
