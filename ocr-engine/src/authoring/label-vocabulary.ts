/**
 * The label words printed on certificates and cards, and what a field found beside each one is: its
 * key (the scheme of the README, so adapters need no change), type, recogniser hints, post-processing
 * and review defaults. Data only: drafting and the label-anchored fallback read it; staff adjust the
 * draft, not this list. Wordings are those seen on real forms (the synthetic generator's `WORDING`
 * draws from the same set), with spaces removed: labels are matched with spaces squashed.
 */
import type { DocumentKind, FieldType, TemplateField } from "../templates/template.ts";

/** The 続柄 a 住民票 prints (the closed list of the shipped templates). */
export const RELATIONSHIP_VALUES: readonly string[] = [
  "世帯主", "妻", "夫", "子", "父", "母", "孫", "祖父", "祖母", "兄", "姉", "弟", "妹", "同居人",
  "妻の父", "妻の母", "夫の父", "夫の母", "子の妻", "子の夫", "叔父", "叔母", "甥", "姪", "縁故者", "未届の妻", "未届の夫",
];

/** 性別 as printed. */
export const SEX_VALUES: readonly string[] = ["男", "女"];

/** One known label: the wordings that print it and the field read beside it. */
export interface LabelEntry {
  /** Field key, e.g. `household.address` or `members[].birthDate`. */
  readonly key: string;
  /** Wordings, without spaces (`氏　名` is matched as `氏名`). */
  readonly words: readonly string[];
  readonly type: FieldType;
  /** English label for the review screen. */
  readonly en: string;
  readonly hints: TemplateField["hints"];
  readonly post: TemplateField["post"];
  readonly review: TemplateField["review"];
  /** Whether an empty value is flagged. */
  readonly required: boolean;
}

const WAREKI_WHITELIST = "明治大正昭和平成令和元年月日0123456789";

const text = (key: string, words: readonly string[], en: string, type: FieldType, required = true): LabelEntry => ({
  key, words, en, type, required,
  hints: { psm: 7 },
  post: {},
  review: { minConfidence: 80, always: type === "name" },
});
const date = (key: string, words: readonly string[], en: string, minDate: string, type: FieldType = "date-wareki"): LabelEntry => ({
  key, words, en, type, required: true,
  hints: type === "date-wareki" ? { psm: 7, whitelist: WAREKI_WHITELIST } : { psm: 7 },
  post: { minDate },
  review: { minConfidence: 80, always: false },
});
const choice = (key: string, words: readonly string[], en: string, values: readonly string[], psm: 7 | 8 = 7): LabelEntry => ({
  key, words, en, type: "enum", required: true,
  hints: { psm },
  post: { values },
  review: { minConfidence: 80, always: false },
});

/** 転出証明書 and 情報確認書: household, move and 本籍 fields, and the `members` rows. */
const TENSHUTSU: readonly LabelEntry[] = [
  text("household.address", ["住所", "転出前住所", "住所（転出元）", "住所(転出元)", "現住所", "転出元住所", "旧住所"], "Address", "address"),
  text("household.head", ["世帯主", "世帯主氏名", "世帯主の氏名"], "Head of household", "name"),
  text("move.destination", ["転出先", "転出先住所", "新住所", "転出先の住所"], "Destination", "address"),
  date("move.plannedDate", ["転出予定年月日", "転出予定日", "異動予定年月日", "転出予定", "異動年月日"], "Planned move date", "1989-01-08"),
  text("domicile.address", ["本籍", "本籍地"], "Registered domicile", "address"),
  text("domicile.head", ["筆頭者", "筆頭者氏名", "筆頭者の氏名"], "Head of family register", "name"),
  text("members[].name", ["氏名", "転出者氏名", "異動者氏名"], "Name", "name"),
  text("members[].kana", ["ふりがな", "フリガナ"], "Furigana", "kana", false),
  date("members[].birthDate", ["生年月日"], "Date of birth", "1900-01-01"),
  choice("members[].sex", ["性別", "性"], "Sex", SEX_VALUES, 8),
  choice("members[].relationship", ["続柄", "世帯主との続柄"], "Relationship", RELATIONSHIP_VALUES),
  { ...text("members[].residentCode", ["住民票コード"], "Resident record code", "number"), hints: { psm: 7, whitelist: "0123456789" }, post: { pattern: "^\\d{11}$" } },
];

/** ID cards (front): 氏名, 住所, 生年月日 … (never the 個人番号 on the back of a マイナンバーカード). */
const CARDS: readonly LabelEntry[] = [
  text("person.name", ["氏名"], "Name", "name"),
  text("person.address", ["住所", "住居地"], "Address", "address"),
  date("person.birthDate", ["生年月日"], "Date of birth", "1900-01-01", "date"),
  choice("person.sex", ["性別"], "Sex", SEX_VALUES, 8),
  text("person.nationality", ["国籍・地域", "国籍地域", "国籍"], "Nationality / region", "text"),
  date("card.expiry", ["有効期限", "有効期間", "まで有効"], "Valid until", "2000-01-01", "date"),
  text("residence.status", ["在留資格"], "Status of residence", "text"),
  date("residence.periodEnd", ["在留期間", "在留期間（満了日）", "在留期間(満了日)"], "Period of stay (until)", "2000-01-01", "date"),
  date("license.issuedOn", ["交付"], "Issued on", "1950-01-01", "date"),
  { ...text("card.number", ["番号"], "Card number", "code"), hints: { psm: 7 } },
];

/** 戸籍 documents: the 本籍 and 筆頭者 at the top (the person blocks are left to staff). */
const KOSEKI: readonly LabelEntry[] = [
  text("koseki.domicile", ["本籍", "本籍地"], "Registered domicile", "address"),
  text("koseki.head", ["筆頭者", "筆頭者氏名", "氏名"], "Head of family register", "name"),
];

/** The label vocabulary of each document kind. */
export const LABEL_VOCABULARY: { readonly [K in DocumentKind]: readonly LabelEntry[] } = {
  "tenshutsu-shomeisho": TENSHUTSU,
  "tenshutsu-kakunin": TENSHUTSU,
  "zairyu-card": CARDS,
  "tokubetsu-eijusha": CARDS,
  "unten-menkyo": CARDS,
  "mynumber-card": CARDS,
  "koseki-zenbu": KOSEKI,
  "koseki-fuhyo": KOSEKI,
};

/** The repeat group whose rows the `<group>[].…` keys of the vocabulary fill (`members`). */
export const groupOfKey = (key: string): string | null => /^([a-z][A-Za-z0-9]*)\[\]\./.exec(key)?.[1] ?? null;

/**
 * Printed words that look like labels but are not (titles, the certifying sentence): a fuzzy match
 * would otherwise take 転出証明書 for 転出先 with one character misread.
 */
export const NOT_LABELS: readonly string[] = ["転出証明書", "転出証明書に係る情報確認書", "上記のとおり", "この写しは", "証明します", "証明する"];

/** Document titles and page sizes by kind, for the draft's name and page geometry. */
export const KIND_DEFAULTS: {
  readonly [K in DocumentKind]: { readonly ja: string; readonly en: string; readonly card: boolean };
} = {
  "tenshutsu-shomeisho": { ja: "転出証明書", en: "Certificate of moving out", card: false },
  "tenshutsu-kakunin": { ja: "転出証明書に係る情報確認書", en: "Confirmation of moving-out certificate information", card: false },
  "zairyu-card": { ja: "在留カード", en: "Residence card", card: true },
  "tokubetsu-eijusha": { ja: "特別永住者証明書", en: "Special permanent resident certificate", card: true },
  "unten-menkyo": { ja: "運転免許証", en: "Driving licence", card: true },
  "mynumber-card": { ja: "マイナンバーカード", en: "My Number card", card: true },
  "koseki-zenbu": { ja: "戸籍全部事項証明書", en: "Certificate of all family register entries", card: false },
  "koseki-fuhyo": { ja: "戸籍の附票の写し", en: "Copy of the family register supplement", card: false },
};
