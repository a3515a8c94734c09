/**
 * The texts of the panel 住民記録から入力 (C5) on the counter page, Japanese first. The file's problems come in the
 * server's own words (one message per row and column); only what the page itself decides is worded here.
 */
export const recordsImportMessages = {
  ja: {
    heading: "住民記録から入力",
    intro: "転居・転出・世帯主変更では、住民記録システムから出力した来庁世帯の CSV を読み込んで、異動する人・住所・世帯主を入れられます。すでに入っている値は変えません。",
    notForMovingIn: "転入の方はまだ住民記録にありません。転出証明書などを読み取ってください。（届出の種類を転居・転出・世帯主変更にすると、住民記録から入れられます。）",
    file: "住民記録の CSV ファイル",
    fileHelp: "住民記録システムから、来庁した世帯だけを出力したファイルを選びます（1MBまで）。",
    encoding: "文字コード",
    encodingHelp: "文字化けしたときは、UTF-8 か Shift_JIS を選んで読み込み直してください。",
    encodings: { auto: "自動判定", "utf-8": "UTF-8", shift_jis: "Shift_JIS" },
    read: "住民記録を読み込む",
    reading: "読み込み中…",
    fileMissing: "読み込む CSV ファイルを選んでください。",
    fileTooLarge: "ファイルが大きすぎます（1MBまで）。来庁した世帯だけを出力してください。",
    issuesHeading: "問題のある行と列：",
    readAs: (encoding: string) => `文字コードは ${encoding} として読みました。`,
    chooseHousehold: "入れる世帯",
    chooseHelp: (n: number) => `このファイルには${n}世帯あります。来庁した世帯を選んでください。`,
    applyHousehold: "この世帯を入れる",
    chooseMissing: "入れる世帯を選んでください。",
    household: (id: string | null, head: string | null, persons: number) =>
      `世帯番号 ${id ?? "（なし）"}・世帯主 ${head ?? "（不明）"}・${persons} 人`,
    put: (n: number) => `${n} 人を入れました。`,
    leftOut: (n: number) => `${n} 人は用紙に入りません（2 枚目の届出が必要）。`,
    ignoredHeaders: (headers: readonly string[]) => `読み込まなかった列: ${headers.join("、")}`,
    /** Beside a value the records gave (the form's value field). */
    fromRecords: (line: number) => `住民記録（${line} 行目）`,
    unexpectedError: "予期しないエラーが発生しました。時間をおいて再度お試しください。",
    networkError: "通信できませんでした。接続を確認して、もう一度お試しください。",
  },
  en: {
    heading: "Fill from the resident records",
    intro:
      "For a change of address within the municipality, a move out or a change of head of household, read the CSV the resident-records system exported for the household at the counter: it puts in the persons, the address and the head. Values already on the form stay as they are.",
    notForMovingIn:
      "Residents moving in are not in the records yet: scan their certificate of moving out instead. (With the kind of notification set to change of address, moving out or change of head, the records can fill it.)",
    file: "CSV file of the resident records",
    fileHelp: "Choose the file the resident-records system exported for the household at the counter only (up to 1 MB).",
    encoding: "Character encoding",
    encodingHelp: "If the text comes out garbled, choose UTF-8 or Shift_JIS and read it again.",
    encodings: { auto: "Detect automatically", "utf-8": "UTF-8", shift_jis: "Shift_JIS" },
    read: "Read the resident records",
    reading: "Reading…",
    fileMissing: "Choose the CSV file to read.",
    fileTooLarge: "The file is too large (up to 1 MB). Export only the households at the counter.",
    issuesHeading: "Rows and columns with problems:",
    readAs: (encoding: string) => `Read as ${encoding}.`,
    chooseHousehold: "Household to put in",
    chooseHelp: (n: number) => `The file holds ${n} households. Choose the one at the counter.`,
    applyHousehold: "Put in this household",
    chooseMissing: "Choose the household to put in.",
    household: (id: string | null, head: string | null, persons: number) =>
      `Household ${id ?? "(no number)"}, head ${head ?? "(unknown)"}, ${persons} ${persons === 1 ? "person" : "persons"}`,
    put: (n: number) => `Put in ${n} ${n === 1 ? "person" : "persons"}.`,
    leftOut: (n: number) => `${n} ${n === 1 ? "person does" : "persons do"} not fit on the form (a second notification is needed).`,
    ignoredHeaders: (headers: readonly string[]) => `Columns not read: ${headers.join(", ")}`,
    fromRecords: (line: number) => `Resident records (row ${line})`,
    unexpectedError: "An unexpected error occurred. Please try again later.",
    networkError: "Could not connect. Check the connection and try again.",
  },
} as const;
