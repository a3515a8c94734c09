import type { IntakeChannel, IntakePayment } from "../../../api-types.ts";
import type { Locale, Localized } from "../../../i18n/locale.ts";

/**
 * S5: the texts of the proxy entry (代理入力, `/staff/applications/new`) and of the intake record on the staff detail,
 * Japanese first. The server's own messages (422 field errors, 403) come localised and are shown as they are.
 */
const ja = {
  title: "申請の代理入力",
  /** The list page's button to this page. */
  open: "申請を代理入力",
  back: "申請一覧へ戻る",
  intro:
    "郵送・窓口・書面・電話・メールで受け付けた申請を、申請者に代わって入力します。登録した申請は、オンラインの申請と同じく申請一覧に「申請済」で加わります。手数料はこの画面では決済しません（支払い方法を受付の記録に残します）。",
  procedure: "手続",
  chooseProcedure: "手続を選ぶと、入力欄が表示されます。",
  noProcedures: "受け付けている手続がありません。",
  locale: "申請者への連絡の言語",
  localeHelp: "申請者に送るメールの言語です。",
  localeNames: { ja: "日本語", en: "English（英語）" } as Readonly<Record<Locale, string>>,
  emailOptional: "メールアドレスがない場合は空欄にしてください（申請者にメールは送られません）。",
  feeHeading: "手数料",
  feeIncomplete: "通数と送付方法を入力すると、手数料を表示します。",
  intakeLegend: "受付の記録",
  channel: "受付方法",
  channels: { mail: "郵送", counter: "窓口", paper: "書面", phone: "電話", email: "メール" } as Readonly<Record<IntakeChannel, string>>,
  channelSignature: "本人確認が必要な手続きは電話・メールでは受け付けられません。",
  receivedOn: "受付日",
  receivedOnHelp: (earliest: string) => `申請書が届いた日（窓口・電話では受け付けた日）です。${earliest}から今日までの日付を、2026-04-01 の形で入力できます。`,
  payment: "手数料の支払い",
  payments: { postal_money_order: "定額小為替", cash: "現金（窓口）", not_required: "支払いなし" } as Readonly<Record<IntakePayment, string>>,
  paymentFeeDue: "「支払いなし」は手数料が0円のときだけ選べます。",
  note: "受付メモ",
  noteHelp: (max: number) => `同封物や連絡事項など、職員向けのメモです（${max}文字以内、改行できます）。`,
  submit: "登録する",
  submitting: "登録しています…",
  check: {
    procedureRequired: "手続を選んでください。",
    channelRequired: "受付方法を選んでください。",
    channelNotAllowed: "本人確認が必要な手続きは、電話やメールでは受け付けられません。郵送・窓口・書面で受け付けたものを入力してください。",
    receivedOnRequired: "受付日を入力してください。",
    receivedOnFormat: "受付日は 2026-04-01 の形で、実在する日付を入力してください。",
    receivedOnFuture: "受付日に今日より後の日付は入力できません。",
    receivedOnTooOld: (earliest: string) => `受付日は${earliest}以降の日付を入力してください（366日より前に届いた申請は入力できません）。`,
    paymentRequired: "手数料の支払いを選んでください。",
    paymentFeeDue: "手数料がかかる申請です。定額小為替または現金を選んでください。",
    noteTooLong: (max: number, length: number) => `受付メモは${max}文字以内で入力してください（いま${length}文字です）。`,
  },
  forbidden: "この手続の申請を入力する権限がありません。",
  conflict:
    "この入力は、別の内容ですでに登録されています。二重に登録しないよう、申請一覧で登録済みの申請を確かめてください。別の申請として入力し直すときは「新しい入力を始める」を押してください（入力した内容は残ります）。",
  newEntry: "新しい入力を始める",
  // The receipt (受付票).
  saved: "申請を登録しました",
  replayed: "この入力はすでに登録されています（同じ内容をもう一度送りました）。照会用パスワードは最初の登録のときにだけ表示されます。",
  slipTitle: "受付票",
  receiptNumber: "受付番号",
  accessSecret: "照会用パスワード",
  handOver: "申請者にお渡しください（受付票）。この画面を離れると再表示できません。",
  statusPage: (url: string) => `申請の状況は ${url} で、受付番号と照会用パスワードを入力すると確認できます。`,
  toDetail: "登録した申請を開く",
  print: "受付票を印刷する",
  again: "続けて入力する",
  againHelp: "手続・受付方法・受付日はそのまま残ります。",
  // The intake record on the staff detail.
  record: {
    heading: "受付の記録",
    proxy: "この申請は、職員が申請者に代わって入力しました（代理入力）。",
    channel: "受付方法",
    receivedOn: "受付日",
    payment: "手数料の支払い",
    note: "受付メモ",
    noNote: "（なし）",
    enteredBy: "入力した職員（ID）",
    corrected: "最終訂正",
    /** When, and who (a staff id, as 入力した職員). */
    correctedBy: (staffId: string) => `（訂正した職員ID: ${staffId}）`,
  },
  // Correcting the intake record on the staff detail.
  correction: {
    open: "受付の記録を訂正",
    heading: "受付の記録を訂正",
    intro: (entryDay: string) =>
      `代理入力のときと同じ決まりで確かめます。受付日は、この申請を入力した日（${entryDay}）までの日付にしてください。訂正すると、訂正した職員と日時が記録されます。`,
    receivedOnHelp: (earliest: string, entryDay: string) =>
      `申請書が届いた日（窓口・電話では受け付けた日）です。${earliest}から入力した日（${entryDay}）までの日付を、2026-04-01 の形で入力できます。`,
    receivedOnAfterEntry: (entryDay: string) => `受付日に、この申請を入力した日（${entryDay}）より後の日付は入力できません。`,
    save: "保存",
    saving: "保存しています…",
    cancel: "取消",
    saved: "受付の記録を訂正しました。",
    unchanged: "受付の記録は変わっていません（訂正する内容がありませんでした）。",
    conflict: "ほかの職員が先にこの申請を変更しました。最新の内容を表示しています。受付の記録を確かめてから、もう一度訂正してください。",
    notEnteredByStaff: "この申請は申請者がオンラインで申請したもので、訂正する受付の記録がありません。",
    forbidden: "この申請の受付の記録を訂正する権限がありません。",
  },
};

const en: typeof ja = {
  title: "Enter an application for a resident",
  open: "Enter an application for a resident",
  back: "Back to the applications",
  intro:
    "Enter an application a resident made by mail, at the counter, on a paper form, by phone or by email. It joins the list of applications as “Submitted”, as online applications do. No fee is charged here: the intake record keeps how it is paid.",
  procedure: "Procedure",
  chooseProcedure: "Choose the procedure to see the form.",
  noProcedures: "No procedure is open for applications.",
  locale: "Language for the resident",
  localeHelp: "The language of the emails the resident is sent.",
  localeNames: { ja: "日本語 (Japanese)", en: "English" },
  emailOptional: "Leave it empty if the resident has none (no email is then sent).",
  feeHeading: "Fee",
  feeIncomplete: "The fee is shown once the number of copies and the delivery method are entered.",
  intakeLegend: "Intake record",
  channel: "Received by",
  channels: { mail: "Mail", counter: "Counter", paper: "Paper form", phone: "Phone", email: "Email" },
  channelSignature: "A procedure that needs the resident's identity cannot be received by phone or email.",
  receivedOn: "Received on",
  receivedOnHelp: (earliest: string) => `The day the request arrived (at the counter or by phone: the day it was taken). From ${earliest} to today, written as 2026-04-01.`,
  payment: "Fee payment",
  payments: { postal_money_order: "Postal money order", cash: "Cash at the counter", not_required: "Nothing to pay" },
  paymentFeeDue: "“Nothing to pay” can be chosen only when the fee is 0 yen.",
  note: "Intake note",
  noteHelp: (max: number) => `For colleagues: enclosures, things to tell (up to ${max} characters, line breaks allowed).`,
  submit: "Save",
  submitting: "Saving…",
  check: {
    procedureRequired: "Choose the procedure.",
    channelRequired: "Choose how the request was received.",
    channelNotAllowed: "A procedure that needs the resident's identity cannot be received by phone or email; enter it only when received by mail, at the counter or on paper.",
    receivedOnRequired: "Enter the day the request was received.",
    receivedOnFormat: "Enter the received date as a real date written as 2026-04-01.",
    receivedOnFuture: "The received date cannot be after today.",
    receivedOnTooOld: (earliest: string) => `Enter a received date from ${earliest} on (requests older than 366 days are not entered).`,
    paymentRequired: "Choose how the fee is paid.",
    paymentFeeDue: "This application has a fee: choose postal money order or cash.",
    noteTooLong: (max: number, length: number) => `The intake note must be at most ${max} characters (it has ${length}).`,
  },
  forbidden: "You may not enter applications of this procedure.",
  conflict:
    "This entry was already saved with other content. Check the saved application in the list so as not to enter it twice. To enter it again as another application, press “Start a new entry” (what you typed stays).",
  newEntry: "Start a new entry",
  saved: "The application is saved",
  replayed: "This entry was already saved (the same content was sent again). The access password is shown only when it is first saved.",
  slipTitle: "Receipt slip",
  receiptNumber: "Receipt number",
  accessSecret: "Access password",
  handOver: "Give this to the applicant (receipt slip). It cannot be shown again once you leave this screen.",
  statusPage: (url: string) => `The application's progress can be checked at ${url} with the receipt number and the access password.`,
  toDetail: "Open the saved application",
  print: "Print the receipt slip",
  again: "Enter another",
  againHelp: "The procedure, how it was received and the received date stay.",
  record: {
    heading: "Intake record",
    proxy: "Staff entered this application for the resident (proxy entry).",
    channel: "Received by",
    receivedOn: "Received on",
    payment: "Fee payment",
    note: "Intake note",
    noNote: "(none)",
    enteredBy: "Entered by (staff ID)",
    corrected: "Last corrected",
    correctedBy: (staffId: string) => ` (by staff ID ${staffId})`,
  },
  correction: {
    open: "Correct the intake record",
    heading: "Correct the intake record",
    intro: (entryDay: string) =>
      `Checked by the same rules as the entry. The received date must be on or before the day this application was entered (${entryDay}). The correction records who made it and when.`,
    receivedOnHelp: (earliest: string, entryDay: string) =>
      `The day the request arrived (at the counter or by phone: the day it was taken). From ${earliest} to the day it was entered (${entryDay}), written as 2026-04-01.`,
    receivedOnAfterEntry: (entryDay: string) => `The received date cannot be after the day this application was entered (${entryDay}).`,
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    saved: "The intake record is corrected.",
    unchanged: "The intake record is unchanged (there was nothing to correct).",
    conflict: "Another staff member changed this application first. The latest version is shown: check the intake record, then correct it again.",
    notEnteredByStaff: "The resident applied online: this application has no intake record to correct.",
    forbidden: "You may not correct the intake record of this application.",
  },
};

/** The texts in both languages. */
export const proxyEntryMessages: Readonly<Record<Locale, typeof ja>> = { ja, en };

/** The texts of one language. */
export type ProxyEntryMessages = typeof ja;

/** The page's name, for its button on the list. */
export const proxyEntryLabel: Localized = { ja: ja.open, en: en.open };
