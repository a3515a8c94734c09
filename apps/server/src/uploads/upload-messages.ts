import type { Localized } from "@madoguchi/core";

/** What staff read when an upload is refused before anything reads it (N9), ja/en: what happened and what to do. */
export const UPLOAD_MESSAGES = {
  scanTypeMismatch: { ja: "ファイルの中身が種類（PNG・JPEG・TIFF・PDF）と一致しません。", en: "The file's content does not match its type (PNG, JPEG, TIFF or PDF)." },
  textTypeMismatch: {
    ja: "ファイルの中身が CSV（テキスト）ではありません。住民記録システムから出力した CSV ファイルを送ってください。",
    en: "The file's content is not text (CSV). Send the CSV file exported from the resident-records system.",
  },
  malwareFound: {
    ja: "ウイルスなどの不正なプログラムが見つかったため、ファイルを受け付けませんでした。情報システム担当に連絡してください。",
    en: "The file was refused because a virus or other malicious program was found in it. Contact your information systems staff.",
  },
  scanUnavailable: { ja: "ファイルを検査できないため受け付けませんでした。しばらくしてからもう一度お試しください。", en: "The file could not be checked, so it was not accepted. Please try again shortly." },
  tooLargeToScan: {
    ja: "ファイルが大きすぎて検査できないため受け付けませんでした。解像度を下げるなどして小さくしてから、もう一度お試しください。",
    en: "The file is too large to be checked, so it was not accepted. Make it smaller (scan at a lower resolution, for example) and try again.",
  },
} as const satisfies Readonly<Record<string, Localized>>;
