import type { Locale } from "../../i18n/locale.ts";

/** Texts of the status page's payment of what is due (ADR 26), Japanese first. */
const ja = {
  heading: "お支払い",
  notFixed: "金額は職員が確定した後にお支払いいただきます。確定しましたらメールでお知らせしますので、この画面からお支払いください。",
  introFixed: "手数料が確定しました。下記の金額をクレジットカードでお支払いください。お支払いを確認した後に証明書を発送します。",
  introDifference: "手数料が変更になり、差額のお支払いが必要です。下記の金額をクレジットカードでお支払いください。",
  amountLabel: "お支払いいただく金額",
  paidSoFar: (amount: string) => `お支払い済み（確保済みを含む）：${amount}`,
  feeHeading: "確定した手数料の内訳",
  cardIntro: "カード情報は決済代行会社の画面に入力され、市のサーバーには送られません。",
  frameTitle: "カード情報入力（お支払い）",
  paying: "お支払いを処理しています。画面を閉じずにお待ちください…",
  paid: (amount: string, card: string) => `${amount}のお支払いを受け付けました（${card}）。ありがとうございました。`,
  challengeIntro: "ご利用のカード会社が本人確認を求めています。下の画面で認証してください。認証が終わると、お支払いを続けます。",
  cardError: "カード情報を確認してください。",
  tryAnotherCard: "別のカードで、もう一度お試しください。",
  retry: "もう一度送信する",
  loadFailed: "お支払いの状況を読み込めませんでした。画面を再読み込みしてください。",
};

const en: typeof ja = {
  heading: "Payment",
  notFixed: "You pay once our staff have fixed the amount. We will tell you by email when it is fixed; then pay on this page.",
  introFixed: "The fee has been fixed. Please pay the amount below by card; we post the certificate once it is paid.",
  introDifference: "The fee has changed and a difference is due. Please pay the amount below by card.",
  amountLabel: "Amount due",
  paidSoFar: (amount) => `Paid so far (including amounts held): ${amount}`,
  feeHeading: "The fixed fee",
  cardIntro: "Card details are typed into the payment provider's page and never reach the city's server.",
  frameTitle: "Card details (payment)",
  paying: "Processing the payment. Please keep this page open…",
  paid: (amount, card) => `Your payment of ${amount} was accepted (${card}). Thank you.`,
  challengeIntro: "Your card issuer asks you to confirm it is you. Complete the check below; the payment then continues.",
  cardError: "Please check the card details.",
  tryAnotherCard: "Please try again with another card.",
  retry: "Send again",
  loadFailed: "The payment status could not be loaded. Please reload the page.",
};

/** The texts in `locale`. */
export const payDueMessages = (locale: Locale) => (locale === "ja" ? ja : en);
