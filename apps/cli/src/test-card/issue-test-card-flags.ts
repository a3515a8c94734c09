import type { CommandInput } from "../command.ts";

/** Validity of a JPKI signature certificate: about five years. */
export const DEFAULT_VALID_YEARS = 5;
/** Longest validity `--valid-years` accepts. */
export const MAX_VALID_YEARS = 10;

/** String options of `madoguchi test-card issue`. */
export const ISSUE_STRING_FLAGS = {
  dir: { value: "<dir>", required: true, description: { ja: "テストカードのディレクトリ（サーバーは <データ>/test-card を使う）", en: "test card directory (the server uses <data dir>/test-card)" } },
  name: { value: "<氏名>", required: true, description: { ja: "氏名（髙・𠮷 などの文字も可）", en: "holder's name (MJ characters such as 髙 or 𠮷 allowed)" } },
  address: { value: "<住所>", required: true, description: { ja: "住所（都道府県と市区町村から始める）", en: "address, starting with prefecture and city" } },
  birth: { value: "<EYYYYMMDD>", required: true, description: { ja: "生年月日: 元号の番号（1 明治〜5 令和）と西暦の年月日、例 419900102", en: "date of birth: era digit (1 Meiji … 5 Reiwa) and Gregorian date, e.g. 419900102" } },
  sex: { value: "1|2|3", required: true, description: { ja: "性別: 1 男、2 女、3 不明", en: "sex: 1 male, 2 female, 3 unknown" } },
  password: { value: "<password>", required: true, description: { ja: "署名用パスワード: 英大文字と数字 6〜16 文字", en: "signature password: 6–16 upper-case letters or digits" } },
  "name-substitute": { value: "<氏名代替文字>", required: false, description: { ja: "氏名代替文字（既定は氏名）", en: "name with 外字 replaced (default: the name)" } },
  "address-substitute": { value: "<住所代替文字>", required: false, description: { ja: "住所代替文字（既定は住所）", en: "address with 外字 replaced (default: the address)" } },
  "valid-years": { value: "<N>", required: false, description: { ja: `有効年数 1〜${MAX_VALID_YEARS}（既定 ${DEFAULT_VALID_YEARS}）`, en: `years of validity, 1–${MAX_VALID_YEARS} (default ${DEFAULT_VALID_YEARS})` } },
  "auth-pin": { value: "<4桁>", required: false, description: { ja: "利用者証明用電子証明書の暗証番号（数字 4 桁、3 回まで）。指定するとログイン用の鍵も発行する", en: "user-authentication PIN (4 digits, 3 tries); also issues the login key" } },
  "not-before": { value: "<ISO>", required: false, description: { ja: "有効期間の開始（ISO 8601、例 2024-04-01 または 2024-04-01T09:00:00+09:00。既定は現在）", en: "start of validity (ISO 8601, e.g. 2024-04-01 or 2024-04-01T09:00:00+09:00; default now)" } },
} as const;

/** On/off options of `madoguchi test-card issue`. */
export const ISSUE_BOOLEAN_FLAGS = {
  expired: { description: { ja: "有効期限の切れたカードを発行する（デモ・テスト用）", en: "issue a card whose validity has already ended (demos, tests)" } },
  revoked: { description: { ja: "失効したカードを発行する（テスト CA の失効リストに載せる。住所変更などで失効した証明書の再現）", en: "issue a revoked card (listed on the test CA's CRL, as after a change of address)" } },
} as const;

/** What `madoguchi test-card issue` is given. */
export type IssueInput = CommandInput<keyof typeof ISSUE_STRING_FLAGS, keyof typeof ISSUE_BOOLEAN_FLAGS>;
