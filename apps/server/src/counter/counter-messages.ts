import type { CounterDocumentKind, KanjiQueryError, Localized, OcrReadError, ResidentRecordColumn, ResidentRecordIssue } from "@madoguchi/core";

/** The documents' names on the counter screen. */
export const COUNTER_DOCUMENT_KIND_NAMES: Readonly<Record<CounterDocumentKind, Localized>> = {
  "tenshutsu-shomeisho": { ja: "転出証明書", en: "Certificate of moving out" },
  "tenshutsu-kakunin": { ja: "転出証明書に係る情報確認書（特例転入）", en: "Moving-out information sheet (special moving in)" },
  "zairyu-card": { ja: "在留カード", en: "Residence card" },
  "tokubetsu-eijusha": { ja: "特別永住者証明書", en: "Special permanent resident certificate" },
  "unten-menkyo": { ja: "運転免許証", en: "Driver's licence" },
  "mynumber-card": { ja: "マイナンバーカード", en: "My Number card" },
  "koseki-zenbu": { ja: "戸籍全部事項証明書", en: "Family register (full certificate)" },
  "koseki-fuhyo": { ja: "戸籍の附票", en: "Family register's residence record (koseki fuhyo)" },
};

/** HTTP status of each reading error: the scan (4xx) or the server (503). */
export const ocrErrorStatus = (code: OcrReadError["code"]): number =>
  ({ "ocr.unreadable_image": 400, "ocr.image_too_large": 413, "ocr.unknown_template": 404, "ocr.unidentified": 422, "ocr.alignment_rejected": 422, "ocr.engine_failed": 503 })[code];

/** What the counter clerk reads, ja/en: what happened and what to do next. */
export const COUNTER_MESSAGES = {
  read: {
    "ocr.unreadable_image": { ja: "画像を読み込めませんでした。PNG・JPEG・TIFF・PDF のスキャン画像を選んでください。", en: "The image could not be decoded. Choose a PNG, JPEG, TIFF or PDF scan." },
    "ocr.image_too_large": { ja: "画像が大きすぎます。300 dpi 以下でスキャンし直してください。", en: "The image is too large. Scan again at 300 dpi or less." },
    "ocr.unknown_template": { ja: "選んだ様式は登録されていません。", en: "The chosen layout is not registered." },
    "ocr.unidentified": {
      ja: "登録済みの様式と一致しませんでした。書類の種類を選んで「項目名で読み取る」か、手で入力してください。",
      en: "The scan matches no registered layout. Choose the kind of document to read it by its labels, or type the values.",
    },
    "ocr.alignment_rejected": { ja: "書類の位置を合わせられませんでした。まっすぐ置いてスキャンし直してください。", en: "The page could not be aligned to its layout. Place it straight and scan again." },
    "ocr.engine_failed": { ja: "読み取り機能が一時的に使えません。しばらくしてからもう一度お試しください。", en: "Reading is unavailable for a moment. Please try again shortly." },
  } satisfies Readonly<Record<OcrReadError["code"], Localized>>,
  unsupportedMediaType: { ja: "スキャン画像（PNG・JPEG・TIFF・PDF）を送ってください。", en: "Send a scan (PNG, JPEG, TIFF or PDF)." },
  badQuery: { ja: "様式または書類の種類の指定が正しくありません。", en: "The layout or kind of document asked for is not valid." },
  emptyScan: { ja: "画像が空です。", en: "The image is empty." },
  badDraft: { ja: "届出の内容の形式が正しくありません。画面を再読み込みしてください。", en: "The form's data is malformed. Reload the page." },
  notReady: { ja: "確認されていない項目か、未入力の必須項目があります。", en: "Some values are not confirmed, or required values are missing." },
  unprintable: { ja: "印刷できない文字が含まれています。外字は文字検索から選び直してください。", en: "A character cannot be printed. Pick it again from the character search." },
  printFailed: { ja: "届出書を作成できませんでした。しばらくしてからもう一度お試しください。", en: "The form could not be made. Please try again shortly." },
  badTitle: { ja: "書類の名前（40 文字まで）を指定してください。", en: "Give the paper a name (up to 40 characters)." },
  badSearch: { ja: "検索条件の形式が正しくありません（日付は YYYY-MM-DD）。", en: "The search is malformed (dates as YYYY-MM-DD)." },
  searchRange: { ja: "検索期間は 1 日から 366 日までで指定してください。", en: "Search a period of 1 to 366 days." },
  recordNotFound: { ja: "記録が見つかりません。保存期間を過ぎて削除された可能性があります。", en: "No such record. It may have been deleted at the end of its retention." },
  formNotConfigured: { ja: "この様式は設定されていません。", en: "This form is not configured." },
  kanji: {
    empty: { ja: "読み（かな）か漢字 1 字を入力してください。", en: "Type a reading in kana or one kanji." },
    too_long: { ja: "読みは 10 文字までで入力してください。", en: "Type a reading of at most 10 kana." },
    not_kana_or_one_character: { ja: "読みはかなで、漢字は 1 字だけ入力してください。", en: "Type a reading in kana, or a single kanji." },
    not_in_dictionary: { ja: "その文字は漢字辞書にありません（IPAmj明朝で印刷できる漢字を検索できます）。", en: "That character is not in the kanji dictionary (it holds the kanji IPAmj Mincho prints)." },
  } satisfies Readonly<Record<KanjiQueryError["reason"], Localized>>,
  badMemo: { ja: "窓口メモは1000文字までで入力してください。", en: "The counter memo may have up to 1000 characters." },
  badMonth: { ja: "月は 2026-11 の形で指定してください。", en: "Give the month as 2026-11." },
  notKept: { ja: "届出書を保存できなかったため作成を中止しました。しばらくしてからもう一度お試しください。", en: "The form could not be kept, so it was not made. Please try again shortly." },
  records: {
    unsupportedMediaType: { ja: "住民記録システムから出力した CSV ファイルを送ってください。", en: "Send the CSV file exported from the resident-records system." },
    badQuery: { ja: "文字コードは auto・utf-8・shift_jis のいずれかで指定してください。", en: "Give the encoding as auto, utf-8 or shift_jis." },
    empty: { ja: "ファイルが空です。", en: "The file is empty." },
    unreadable: { ja: "CSV として読めませんでした（閉じていない \" があります）。出力し直してください。", en: "The file is not readable as CSV (a \" is left open). Export it again." },
    invalid: { ja: "住民記録のファイルに問題があります。該当の行を直すか、出力し直してください。", en: "The resident-records file has problems. Fix the rows named or export it again." },
    notForMovingIn: { ja: "転入の方はまだ住民記録にありません。転出証明書などを読み取ってください。", en: "Residents moving in are not in the records yet. Scan their certificate of moving out instead." },
  },
  unavailable: { ja: "記録を残せないため処理を中止しました。しばらくしてからもう一度お試しください。", en: "Stopped because the access could not be recorded. Please try again shortly." },
} as const;

const COLUMN_NAMES: Readonly<Record<ResidentRecordColumn, Localized>> = {
  householdId: { ja: "世帯番号", en: "household number" },
  name: { ja: "氏名", en: "name" },
  kana: { ja: "氏名カナ", en: "name in kana" },
  birthDate: { ja: "生年月日", en: "date of birth" },
  sex: { ja: "性別", en: "sex" },
  relationship: { ja: "続柄", en: "relationship" },
  residentCode: { ja: "住民票コード", en: "resident record code" },
  address: { ja: "住所", en: "address" },
  addressBuilding: { ja: "方書", en: "building" },
  head: { ja: "世帯主", en: "head of household" },
  domicileAddress: { ja: "本籍", en: "registered domicile" },
  domicileHead: { ja: "筆頭者", en: "head of the family register" },
};

/** One problem of a resident-records file as staff read it: where (row, column) and what, never the value. */
export const residentRecordIssueMessage = (issue: ResidentRecordIssue): Localized => {
  switch (issue.code) {
    case "no_header":
      return { ja: "1 行目に列名（氏名・生年月日など）がありません。", en: "Row 1 holds no column names (氏名, 生年月日 …)." };
    case "no_rows":
      return { ja: "住民の行がありません。", en: "The file holds no resident rows." };
    case "too_many_rows":
      return { ja: "行が多すぎます（200 行まで）。来庁した世帯だけを出力してください。", en: "Too many rows (at most 200). Export only the households at the counter." };
    case "missing_column": {
      const name = COLUMN_NAMES[issue.column];
      return { ja: `「${name.ja}」の列がありません。`, en: `The file has no ${name.en} column.` };
    }
    case "duplicate_column":
      return { ja: `「${issue.header}」の列が 2 つあります。`, en: `The column "${issue.header}" appears twice.` };
    default: {
      const what = ROW_PROBLEMS[issue.code];
      return { ja: `${issue.line} 行目の「${issue.header}」: ${what.ja}`, en: `Row ${issue.line}, "${issue.header}": ${what.en}` };
    }
  }
};

const ROW_PROBLEMS: Readonly<Record<Extract<ResidentRecordIssue, { line: number }>["code"], Localized>> = {
  required: { ja: "空欄です。", en: "empty." },
  invalid_date: { ja: "日付として読めません（昭和60年1月2日、1985-01-02 など）。", en: "not a date (1985-01-02, 昭和60年1月2日 …)." },
  invalid_sex: { ja: "男・女（または 1・2）ではありません。", en: "not 男 or 女 (or 1, 2)." },
  invalid_resident_code: { ja: "11 桁の住民票コードではないか、検査数字が合いません。", en: "not an 11-digit code, or its check digit does not match." },
  too_long: { ja: "長すぎます（200 文字まで）。", en: "too long (at most 200 characters)." },
  household_disagrees: { ja: "同じ世帯のほかの行と違います。", en: "differs from the other rows of the household." },
};
