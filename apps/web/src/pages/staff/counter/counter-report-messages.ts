import type { Localized } from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";

/**
 * The texts of the counter's report (C13, 窓口の利用状況), Japanese first. The kinds of notification and the related
 * forms are named with core's labels, as on the forms themselves; the server's refusals come in its own words.
 */
export const reportMessages = {
  ja: {
    navLabel: "窓口の利用状況",
    title: "窓口の利用状況",
    intro:
      "書かない窓口で作成した届出書の件数（日ごと・届出の種類ごと）、処理時間、関連する様式の件数と、書類の読み取り（OCR）の結果を月ごと（日本時間）に表示します。件数と時間だけで、個人情報は含みません。",
    timeNote: (hours: number) =>
      `処理時間は、届出の最初の書類を読み取ってから住民異動届を印刷するまでの分数です。書類を読み取らずに作成した届出と、${hours}時間を超えたもの（作業の中断など）は含みません。90%値は、9割の届出がその時間内に終わったことを示します。`,
    month: "対象月",
    monthHelp: "2026-11 のように年と月を入力します。",
    monthMissing: "対象月を入力してください。",
    monthInvalid: "対象月は 2026-11 のように年と月で入力してください。",
    show: "表示する",
    loading: "読み込み中…",
    loaded: (month: string) => `${month}の利用状況を表示しています。`,
    formsHeading: "届出書の件数と処理時間",
    formsCaption: (month: string) => `${month}に作成した届出書（日ごと・届出の種類ごと）`,
    noForms: (month: string) => `${month}に作成した届出書はありません。`,
    colDay: "日付",
    colKind: "届出の種類",
    colForms: "件数",
    colMedian: "処理時間の中央値（分）",
    colP90: "90%値（分）",
    totalsHeading: "届出の種類ごとの合計",
    totalsCaption: (month: string) => `${month}の届出の種類ごとの件数`,
    total: "合計",
    relatedHeading: "関連する様式",
    relatedCaption: (month: string) => `${month}に作成した関連する様式の件数`,
    colForm: "様式",
    colPrinted: "件数",
    scansHeading: "書類の読み取り",
    scansRead: "読み取り件数",
    scansFailed: "失敗",
    flaggedShare: "確認が必要だった項目の割合",
    flaggedDetail: (flagged: number, fields: number) => `（${fields}項目のうち${flagged}項目）`,
    scansNote: "読み取った項目のうち、職員が書類と照らし合わせる必要があった項目の割合です。氏名は、読み取りの確からしさにかかわらず常に確認が必要な項目に数えられます。",
    unexpectedError: "予期しないエラーが発生しました。時間をおいて再度お試しください。",
  },
  en: {
    navLabel: "Counter usage",
    title: "Counter usage",
    intro:
      "The forms made at the no-writing counter per day and kind of notification, how long they took, the related forms printed and how the reading of documents (OCR) went, per month (Japan time). Counts and times only: no personal data.",
    timeNote: (hours: number) =>
      `Handling time is the minutes from reading the notification's first document to printing it. Notifications made without reading a document, and those over ${hours} hours (work left open), are not counted. The 90th percentile is the time within which 9 in 10 notifications were done.`,
    month: "Month",
    monthHelp: "Year and month, as 2026-11.",
    monthMissing: "Enter the month.",
    monthInvalid: "Enter the month as year and month, e.g. 2026-11.",
    show: "Show",
    loading: "Loading…",
    loaded: (month: string) => `Showing the counter's usage in ${month}.`,
    formsHeading: "Forms and handling times",
    formsCaption: (month: string) => `Forms made in ${month}, per day and kind of notification`,
    noForms: (month: string) => `No form was made in ${month}.`,
    colDay: "Day",
    colKind: "Kind of notification",
    colForms: "Forms",
    colMedian: "Median handling time (min)",
    colP90: "90th percentile (min)",
    totalsHeading: "Totals per kind of notification",
    totalsCaption: (month: string) => `Forms per kind of notification in ${month}`,
    total: "Total",
    relatedHeading: "Related forms",
    relatedCaption: (month: string) => `Related forms made in ${month}`,
    colForm: "Form",
    colPrinted: "Printed",
    scansHeading: "Reading documents",
    scansRead: "Documents read",
    scansFailed: "Failed",
    flaggedShare: "Share of values that needed checking",
    flaggedDetail: (flagged: number, fields: number) => ` (${flagged} of ${fields} values)`,
    scansNote: "Of the values read, the share staff had to check against the document. Names always count as needing a check, however well they were read.",
    unexpectedError: "An unexpected error occurred. Please try again later.",
  },
} as const satisfies Record<Locale, unknown>;

/** The report page's name in the navigation, under the counter. */
export const counterReportNavLabel: Localized = { ja: reportMessages.ja.navLabel, en: reportMessages.en.navLabel };
