import {
  assertNever,
  DRAFT_REASON_LABELS,
  MAX_COUNTER_MEMO_LENGTH,
  MAX_COUNTER_PHRASE_LENGTH,
  MAX_COUNTER_PHRASES,
  MAX_DRAFT_VALUE_LENGTH,
  MAX_KANJI_READING_LENGTH,
  NOTIFICATION_FIELD_LABELS,
  PERSON_FIELD_LABELS,
  type DraftIssue,
  type DraftPath,
  type KanjiRelation,
  type Localized,
} from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";
import type { CopyOutcome } from "./counter-copy.ts";
import type { PhraseProblem } from "./counter-phrases.ts";

/**
 * The texts of the no-writing counter's page (書かない窓口), Japanese first. The words of the form itself (異動日,
 * 氏名 …) are core's labels, as printed on the paper 住民異動届; the reasons a value is flagged come from the
 * server (`reasonLabels`: the OCR engine's and core's own).
 */
export const counterMessages = {
  ja: {
    title: "書かない窓口",
    intro:
      "住民が持参した書類（転出証明書・在留カード・運転免許証・マイナンバーカード・戸籍など）を読み取り、住民異動届を作成します。読み取った値は書類と照らし合わせて確認し、印刷した届出書に住民が署名します。",
    scanHeading: "書類の読み取り",
    file: "書類の画像（PNG・JPEG・TIFF・PDF）",
    fileHelp: (maxMb: string) => `スキャナーで読み取った画像を選びます（${maxMb}MBまで）。2枚目以降の書類は、いまの届出に足りない値だけを埋めます。`,
    template: "書類の様式",
    templateAuto: "自動判別",
    fallback: "様式が見つからないときの書類の種類",
    fallbackNone: "指定しない（読み取りをやめる）",
    fallbackHelp: "登録されていない様式の書類を、項目名を手がかりに読み取ります。読み取った値はすべて確認が必要です。",
    read: "読み取る",
    reading: "読み取り中…",
    readDone: (document: string, flagged: number) => `${document}を読み取りました。確認が必要な値は${flagged}件です。`,
    readByLabels: "登録されていない様式として、項目名を手がかりに読み取りました。すべての値を書類と照らし合わせてください。",
    fileMissing: "読み取る書類の画像を選んでください。",
    fileType: "PNG・JPEG・TIFF・PDF のいずれかの画像を選んでください。",
    fileTooLarge: (maxMb: string) => `画像が大きすぎます（${maxMb}MBまで）。解像度を下げて読み取り直してください。`,
    newNotification: "新しい届出",
    newNotificationHelp: "いまの届出の内容と読み取った書類を消して、最初から始めます。",
    scansHeading: "読み取った書類",
    scanName: (n: number, name: string) => `${n}枚目の書類（${name}）`,
    scanChoice: "表示する書類",
    scanImageAlt: (n: number, file: string) => `${n}枚目の書類の画像（${file}）`,
    noPreview: (file: string) => `${file}（PDF・TIFF はこの画面に表示できません。書類の原本と照らし合わせてください。）`,
    noScanYet: "書類を読み取ると、ここに画像が表示されます。",
    highlight: (label: string) => `「${label}」を読み取った位置を枠で示しています（目安）。`,
    documentFlags: "書類全体について確認が必要です：",
    personsLeftOut: (n: number) => `この書類には、届出書に書ききれない人が${n}人います。別の届出書が必要です。`,
    acknowledge: "確認した",
    acknowledged: "確認済み",
    formHeading: "住民異動届",
    kind: "届出の種類",
    personsHeading: "異動する人",
    personNumber: (n: number) => `${n}人目`,
    addPerson: "人を追加",
    removePerson: (n: number) => `${n}人目を削除`,
    removeShort: "削除",
    noPersons: "異動する人がいません。「人を追加」で入力するか、書類を読み取ってください。",
    required: "必須",
    flagged: "要確認",
    confirm: "確認済みにする",
    confirmFor: (label: string) => `「${label}」を確認済みにする`,
    confirmed: "確認済み",
    rawText: "読み取った文字：",
    rawEmpty: "（読み取れませんでした）",
    dateReading: (wareki: string) => `${wareki}として扱います`,
    copy: "コピー",
    copyFor: (label: string) => `${label}をコピー`,
    copyAll: "読取結果をまとめてコピー",
    copyAllHelp: "「項目名（タブ）値」の行にしてコピーします。ほかのシステムの入力画面や表計算ソフトに貼り付けられます。未確認の値には「（未確認）」が付きます。",
    copied: "コピーしました",
    copiedUnconfirmed: "未確認の値をコピーしました",
    copiedAll: (values: number, unconfirmed: number) =>
      unconfirmed === 0 ? `読取結果の${values}項目をコピーしました` : `読取結果の${values}項目をコピーしました（うち未確認の${unconfirmed}項目に「（未確認）」を付けています）`,
    copyFailed: "コピーできませんでした（この画面の値を選択してコピーしてください）",
    phrasesHeading: "登録語句",
    phrasesHelp: "よく入力する語句（建物名・長い町名・本籍など）を押すと、最後に選んだ欄のカーソルの位置に入ります（選択している文字は置き換わります）。",
    phrasesTarget: (label: string) => `挿入先：「${label}」`,
    phrasesNoTarget: "挿入先の欄を選んでから押してください",
    phrasesNone: "登録語句はまだありません。「語句を編集」から登録できます。",
    phrasesLoading: "登録語句を読み込んでいます…",
    phrasesCount: (n: number) => `（${n}件）`,
    phrasesEdit: "語句を編集",
    phraseNew: "登録する語句",
    phraseNewHelp: `1行・${MAX_COUNTER_PHRASE_LENGTH}文字まで、${MAX_COUNTER_PHRASES}件まで。窓口の職員全員で共有します。住民の氏名など個人情報は登録しないでください。`,
    phraseAdd: "登録",
    phraseRemove: "削除",
    phraseRemoveFor: (text: string) => `「${text}」を削除`,
    phrasesSaving: "保存しています…",
    phraseAdded: (text: string) => `「${text}」を登録しました。`,
    phraseRemoved: (text: string) => `「${text}」を削除しました。`,
    phrasesConflict: "ほかの職員が登録語句を変更したため、読み込み直しました。確かめてからもう一度操作してください。",
    phraseTargetGone: "挿入先の欄がなくなりました。挿入する欄を選び直してください。",
    phraseEmpty: "登録する語句を入力してください。",
    phraseTooLong: `語句は${MAX_COUNTER_PHRASE_LENGTH}文字までです。`,
    phraseLineBreak: "語句に改行やタブは使えません。1行で入力してください。",
    phraseDuplicate: "同じ語句がすでに登録されています。",
    phraseTooMany: `登録語句は${MAX_COUNTER_PHRASES}件までです。使わない語句を削除してから登録してください。`,
    kanjiHeading: "漢字検索",
    kanjiHelp: "IMEで出ない字（髙・﨑・𠮷 など）を探して入力します。字を押すと、最後に選んだ欄のカーソルの位置に入ります（選択している文字は置き換わります）。",
    kanjiQuery: "読み（かな）または漢字1字",
    kanjiQueryHelp: `読みは${MAX_KANJI_READING_LENGTH}文字まで（たか → 高・隆・鷹 …）。漢字1字で検索すると、その字の異体字（高 → 髙）と部首・画数が同じ字（吉 → 𠮷）も表示します。`,
    kanjiSearch: "検索",
    kanjiSearching: "検索しています…",
    kanjiQueryEmpty: "読み（かな）または漢字1字を入力してください。",
    kanjiNone: "見つかりませんでした",
    kanjiFound: (query: string, n: number) => `「${query}」で${n}字見つかりました。`,
    kanjiTruncated: "さらに候補があります。読みを長くすると絞り込めます",
    kanjiTarget: (label: string) => `入力先：「${label}」`,
    kanjiNoTarget: "入力欄を選んでから押してください",
    kanjiTargetGone: "入力先の欄がなくなりました。入力する欄を選び直してください。",
    kanjiRelations: { same: "同じ字", variant: "異体字", reading: "読みが一致", same_radical_strokes: "部首・画数が同じ字" } satisfies Record<KanjiRelation, string>,
    kanjiCount: (n: number) => `（${n}字）`,
    kanjiStrokes: (n: number) => `${n}画`,
    kanjiInsert: (char: string, details: readonly string[]) => `${char}（${details.join("、")}）を入力`,
    memoLabel: "窓口メモ（届書には印刷されません）",
    memoHelp: "確認したこと・残っている手続きなど、窓口での対応を書き留めます。印刷すると保存記録に残ります。改行できます。",
    memoCount: (n: number) => `${n} / ${MAX_COUNTER_MEMO_LENGTH}文字`,
    memoTooLong: `窓口メモは${MAX_COUNTER_MEMO_LENGTH}文字以内で入力してください。`,
    memoName: "窓口メモ",
    issuesHeading: "印刷の前に必要なこと",
    noIssues: "印刷できます。",
    print: "印刷用PDFを作成",
    printing: "作成中…",
    printHelp: "確認がすべて終わると押せます。作成したPDFを印刷し、住民に署名してもらいます。",
    printed: "印刷用PDFを作成しました。",
    confirmationNumber: "確認番号",
    serverIssues: "サーバーで確認したところ、次の点が残っています：",
    unexpectedError: "予期しないエラーが発生しました。時間をおいて再度お試しください。",
    networkError: "通信できませんでした。接続を確認して、もう一度お試しください。",
  },
  en: {
    title: "No-writing counter",
    intro:
      "Read the documents a resident brings (moving-out certificate, residence card, driving licence, My Number card, family register …) into a residence change notification. Check the values read against the document; the resident signs the printed form.",
    scanHeading: "Reading a document",
    file: "Image of the document (PNG, JPEG, TIFF or PDF)",
    fileHelp: (maxMb: string) => `Choose the scanned image (up to ${maxMb} MB). A second document only fills the values this notification still lacks.`,
    template: "Layout of the document",
    templateAuto: "Identify automatically",
    fallback: "Kind of document when no layout matches",
    fallbackNone: "None (stop reading)",
    fallbackHelp: "Reads a document of an unregistered layout by its labels. Every value read then needs checking.",
    read: "Read",
    reading: "Reading…",
    readDone: (document: string, flagged: number) => `Read the ${document}. ${flagged} ${flagged === 1 ? "value needs" : "values need"} checking.`,
    readByLabels: "Read as an unregistered layout, by its labels. Check every value against the document.",
    fileMissing: "Choose the image of the document to read.",
    fileType: "Choose a PNG, JPEG, TIFF or PDF image.",
    fileTooLarge: (maxMb: string) => `The image is too large (up to ${maxMb} MB). Scan it again at a lower resolution.`,
    newNotification: "New notification",
    newNotificationHelp: "Clears this notification and the documents read, and starts again.",
    scansHeading: "Documents read",
    scanName: (n: number, name: string) => `Document ${n} (${name})`,
    scanChoice: "Document shown",
    scanImageAlt: (n: number, file: string) => `Image of document ${n} (${file})`,
    noPreview: (file: string) => `${file} (PDF and TIFF cannot be shown here: compare with the original document.)`,
    noScanYet: "The image of a document read shows here.",
    highlight: (label: string) => `The box shows roughly where “${label}” was read.`,
    documentFlags: "The document as a whole needs checking:",
    personsLeftOut: (n: number) => `This document lists ${n} more ${n === 1 ? "person" : "persons"} than the form has rows for: a second form is needed.`,
    acknowledge: "Checked",
    acknowledged: "Checked",
    formHeading: "Residence change notification",
    kind: "Kind of notification",
    personsHeading: "Persons moving",
    personNumber: (n: number) => `Person ${n}`,
    addPerson: "Add a person",
    removePerson: (n: number) => `Remove person ${n}`,
    removeShort: "Remove",
    noPersons: "Nobody is listed. Add a person, or read a document.",
    required: "Required",
    flagged: "Check",
    confirm: "Mark as checked",
    confirmFor: (label: string) => `Mark “${label}” as checked`,
    confirmed: "Checked",
    rawText: "Text read: ",
    rawEmpty: "(nothing could be read)",
    dateReading: (wareki: string) => `Read as ${wareki}`,
    copy: "Copy",
    copyFor: (label: string) => `Copy ${label}`,
    copyAll: "Copy all values read",
    copyAllHelp: "Copies the values as lines of “label (tab) value”, to paste into other systems' screens or a spreadsheet. Unchecked values end with “(unchecked)”.",
    copied: "Copied",
    copiedUnconfirmed: "Copied a value not checked yet",
    copiedAll: (values: number, unconfirmed: number) =>
      unconfirmed === 0
        ? `Copied ${values} ${values === 1 ? "value" : "values"}`
        : `Copied ${values} ${values === 1 ? "value" : "values"} (${unconfirmed} not checked yet, marked “(unchecked)”)`,
    copyFailed: "Could not copy (select the value on this page and copy it)",
    phrasesHeading: "Registered phrases",
    phrasesHelp: "Press a phrase you type often (a building's name, a long town name, a registered domicile …) to put it into the value you chose last, at the caret (replacing the selected text).",
    phrasesTarget: (label: string) => `Goes into: “${label}”`,
    phrasesNoTarget: "Choose the value to put the phrase into first",
    phrasesNone: "No phrases yet. Register them under “Edit phrases”.",
    phrasesLoading: "Loading the phrases…",
    phrasesCount: (n: number) => ` (${n})`,
    phrasesEdit: "Edit phrases",
    phraseNew: "Phrase to register",
    phraseNewHelp: `One line of at most ${MAX_COUNTER_PHRASE_LENGTH} characters, at most ${MAX_COUNTER_PHRASES} phrases, shared by all the counter's staff. Do not register personal data such as a resident's name.`,
    phraseAdd: "Register",
    phraseRemove: "Remove",
    phraseRemoveFor: (text: string) => `Remove “${text}”`,
    phrasesSaving: "Saving…",
    phraseAdded: (text: string) => `Registered “${text}”.`,
    phraseRemoved: (text: string) => `Removed “${text}”.`,
    phrasesConflict: "Another staff member changed the phrases, so they were loaded again. Check them and try again.",
    phraseTargetGone: "The value chosen is no longer on the form. Choose the value to put the phrase into again.",
    phraseEmpty: "Enter the phrase to register.",
    phraseTooLong: `A phrase has at most ${MAX_COUNTER_PHRASE_LENGTH} characters.`,
    phraseLineBreak: "A phrase is one line: no line breaks or tabs.",
    phraseDuplicate: "This phrase is registered already.",
    phraseTooMany: `At most ${MAX_COUNTER_PHRASES} phrases. Remove one you no longer use first.`,
    kanjiHeading: "Kanji search",
    kanjiHelp: "Find and enter a character no input method offers (髙, 﨑, 𠮷 …). Press a character to put it into the value you chose last, at the caret (replacing the selected text).",
    kanjiQuery: "Reading (kana) or one kanji",
    kanjiQueryHelp: `A reading of at most ${MAX_KANJI_READING_LENGTH} kana (たか → 高, 隆, 鷹 …). One kanji also finds its variants (高 → 髙) and the characters with the same radical and strokes (吉 → 𠮷).`,
    kanjiSearch: "Search",
    kanjiSearching: "Searching…",
    kanjiQueryEmpty: "Enter a reading in kana or one kanji.",
    kanjiNone: "Nothing found",
    kanjiFound: (query: string, n: number) => `${n} ${n === 1 ? "character" : "characters"} found for “${query}”.`,
    kanjiTruncated: "There are more candidates. A longer reading narrows the search",
    kanjiTarget: (label: string) => `Goes into: “${label}”`,
    kanjiNoTarget: "Choose the value to enter the character into first",
    kanjiTargetGone: "The value chosen is no longer on the form. Choose the value to enter the character into again.",
    kanjiRelations: {
      same: "The same character",
      variant: "Variants (異体字)",
      reading: "Matching reading",
      same_radical_strokes: "Same radical and strokes",
    } satisfies Record<KanjiRelation, string>,
    kanjiCount: (n: number) => ` (${n})`,
    kanjiStrokes: (n: number) => (n === 1 ? "1 stroke" : `${n} strokes`),
    kanjiInsert: (char: string, details: readonly string[]) => `Enter ${char} (${details.join(", ")})`,
    memoLabel: "Counter memo (not printed on the form)",
    memoHelp: "A note on the visit: what was checked, what is left to do. It is kept with the record when the form is printed. Line breaks are allowed.",
    memoCount: (n: number) => `${n} / ${MAX_COUNTER_MEMO_LENGTH} characters`,
    memoTooLong: `Keep the counter memo to ${MAX_COUNTER_MEMO_LENGTH} characters or fewer.`,
    memoName: "Counter memo",
    issuesHeading: "Before printing",
    noIssues: "Ready to print.",
    print: "Create the PDF to print",
    printing: "Creating…",
    printHelp: "Available once everything is checked. Print the PDF and have the resident sign it.",
    printed: "The PDF to print is ready.",
    confirmationNumber: "Confirmation number",
    serverIssues: "The server found these still open:",
    unexpectedError: "An unexpected error occurred. Please try again later.",
    networkError: "Could not connect. Check the connection and try again.",
  },
} as const;

/** The counter page's name in the navigation. */
export const counterNavLabel: Localized = { ja: counterMessages.ja.title, en: counterMessages.en.title };

/** A value's name on the page: the form's label, with the person's row for a person's value (「2人目の氏名」). */
export const pathLabel = (path: DraftPath, locale: Locale): string => {
  if (!("person" in path)) return NOTIFICATION_FIELD_LABELS[path.field][locale];
  const label = PERSON_FIELD_LABELS[path.field][locale];
  return locale === "ja" ? `${path.person + 1}人目の${label}` : `Person ${path.person + 1}: ${label}`;
};

/**
 * What staff read beside a flagged value: the server's words for the reason (the engine's and core's), else
 * core's own words for the counter's reasons, else the reason's code (a newer engine: still shown, never hidden).
 */
export const reasonText = (reason: string, labels: Readonly<Record<string, Localized>>, locale: Locale): string =>
  labels[reason]?.[locale] ?? (DRAFT_REASON_LABELS as Readonly<Record<string, Localized>>)[reason]?.[locale] ?? reason;

/**
 * One thing that stops the draft from being printed, in words. `scanName` names a scanned document (「1枚目：転出証明書」)
 * for its document-level flags.
 */
export const issueText = (issue: DraftIssue, locale: Locale, scanName: (index: number) => string): string => {
  const ja = locale === "ja";
  switch (issue.code) {
    case "unconfirmed": {
      const label = pathLabel(issue.path, locale);
      return ja ? `「${label}」を書類と照らし合わせて、確認済みにしてください。` : `Check “${label}” against the document and mark it as checked.`;
    }
    case "required": {
      const label = pathLabel(issue.path, locale);
      return ja ? `「${label}」を入力してください。` : `Enter “${label}”.`;
    }
    case "invalid_date": {
      const label = pathLabel(issue.path, locale);
      return ja ? `「${label}」を日付として読めません（例：令和8年11月25日、S50.3.4、2026-11-25）。` : `“${label}” is not a date (e.g. 令和8年11月25日, S50.3.4, 2026-11-25).`;
    }
    case "date_in_future": {
      const label = pathLabel(issue.path, locale);
      return ja ? `「${label}」が今日より後の日付です。` : `“${label}” is after today.`;
    }
    case "too_long": {
      const label = pathLabel(issue.path, locale);
      return ja ? `「${label}」が長すぎます（${MAX_DRAFT_VALUE_LENGTH}文字まで）。` : `“${label}” is too long (${MAX_DRAFT_VALUE_LENGTH} characters at most).`;
    }
    case "no_person":
      return ja ? "異動する人を1人以上入力してください。" : "List at least one person who moves.";
    case "document_flags":
      return ja ? `${scanName(issue.scan)}の注意を確認してください。` : `Check the notes on ${scanName(issue.scan)}.`;
    default:
      return assertNever(issue);
  }
};

/** What the copy status says after a copy. */
export const copyOutcomeText = (outcome: CopyOutcome, locale: Locale): string => {
  const m = counterMessages[locale];
  switch (outcome.kind) {
    case "copied":
      return outcome.unconfirmed ? m.copiedUnconfirmed : m.copied;
    case "copied_all":
      return m.copiedAll(outcome.values, outcome.unconfirmed);
    case "failed":
      return m.copyFailed;
    default:
      return assertNever(outcome);
  }
};

/** Why a phrase was not registered, in words (the page's own check, before sending). */
export const phraseProblemText = (problem: PhraseProblem, locale: Locale): string => {
  const m = counterMessages[locale];
  switch (problem) {
    case "empty":
      return m.phraseEmpty;
    case "too_long":
      return m.phraseTooLong;
    case "line_break":
      return m.phraseLineBreak;
    case "duplicate":
      return m.phraseDuplicate;
    case "too_many":
      return m.phraseTooMany;
    default:
      return assertNever(problem);
  }
};
