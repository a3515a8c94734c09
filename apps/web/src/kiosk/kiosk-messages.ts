import type { Locale } from "../i18n/locale.ts";

/** R11: the kiosk's texts. Japanese first. */
const ja = {
  barLabel: "窓口の端末",
  barNote: "この端末は、どなたでもお使いいただけます。終わったら「はじめから」を押してください。",
  startOver: "はじめから",
  noCard: "マイナンバーカードをお持ちでない方も、カードが不要な手続はここで申請できます。カードが必要な手続は窓口でお申し出ください。",
  cardRequired: "マイナンバーカードが必要",
  nextTimeHeading: "次回はご自宅のスマートフォンやパソコンから申請できます",
  nextTimeBody: "次のアドレスを開くか、QRコードを読み取ってください。同じ手続を、いつでも申請できます。",
  addressLabel: "アドレス",
  qrAlt: "ポータルのアドレスのQRコード",
  idleHeading: "まだお使いですか？",
  idleMessage: "操作がないため、まもなく最初の画面に戻ります（入力した内容は消去されます）",
  secondsLeft: (n: number) => `あと${n}秒`,
  continue: "続ける",
  accountTitle: "この端末ではアカウントのページを使えません",
  accountBody:
    "窓口の端末では、ログインやアカウントの登録はできません。アカウントがなくても申請できます。アカウントのページは、ご自宅のスマートフォンやパソコンからお使いください。",
  toProcedures: "手続の一覧へ",
};

export type KioskMessages = typeof ja;

const en: KioskMessages = {
  barLabel: "Counter terminal",
  barNote: "Anyone may use this terminal. When you have finished, press “Start over”.",
  startOver: "Start over",
  noCard:
    "Without a My Number Card you can still apply here for the procedures that do not need it. For those that need the card, please ask at the counter.",
  cardRequired: "My Number Card needed",
  nextTimeHeading: "Next time, you can apply from your smartphone or computer at home",
  nextTimeBody: "Open this address or scan the QR code. You can apply for the same procedures at any time.",
  addressLabel: "Address",
  qrAlt: "QR code of the portal's address",
  idleHeading: "Are you still there?",
  idleMessage: "As nothing has happened for a while, the terminal will soon return to the first screen (what you entered will be erased).",
  secondsLeft: (n: number) => `${n} s left`,
  continue: "Continue",
  accountTitle: "Account pages are not available on this terminal",
  accountBody:
    "You cannot log in or create an account on the counter terminal. You can apply without an account. Please use the account pages from your smartphone or computer at home.",
  toProcedures: "To the procedures",
};

/** The kiosk's texts in `locale`. */
export const kioskMessages = (locale: Locale): KioskMessages => (locale === "ja" ? ja : en);
