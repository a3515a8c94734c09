import type { ReviewReason } from "./field-result.ts";

/**
 * What staff read beside a flagged field, in Japanese and English. A `Record` over the closed union, so
 * adding a reason breaks the build until it has both texts. No personal data: the texts name the check,
 * never the value.
 */
export const REVIEW_REASON_LABELS: { readonly [R in ReviewReason]: { readonly ja: string; readonly en: string } } = {
  name_always_confirmed: { ja: "氏名は必ず原本と照合してください", en: "Names are always checked against the document" },
  low_confidence: { ja: "読み取りの確信度が低い", en: "Low recognition confidence" },
  always_review: { ja: "この項目は必ず確認します", en: "This field is always confirmed" },
  pattern_mismatch: { ja: "形式が合わない", en: "Does not match the expected format" },
  check_digit_failed: { ja: "検査用数字が合わない", en: "Check digit does not verify" },
  invalid_date: { ja: "存在しない日付", en: "No such date" },
  date_out_of_range: { ja: "日付が想定範囲外", en: "Date outside the expected range" },
  date_in_future: { ja: "生年月日が未来の日付", en: "Date of birth in the future" },
  not_kana: { ja: "カナ以外の文字がある", en: "Contains characters other than kana" },
  spacing_uncertain: { ja: "区切り（空白）の位置が不確か", en: "Where the words are separated is uncertain" },
  unknown_enum_value: { ja: "選択肢にない値", en: "Not one of the allowed values" },
  enum_corrected: { ja: "最も近い選択肢に補正した", en: "Corrected to the closest allowed value" },
  required_missing: { ja: "必須項目が空欄", en: "Required field is empty" },
  head_not_a_member: { ja: "世帯主が世帯員の中にいない", en: "The head of household is not among the members" },
  relationship_inconsistent: { ja: "続柄が世帯主と合わない", en: "Relationship inconsistent with the head of household" },
  age_implausible: { ja: "生年月日が続柄と合わない", en: "Date of birth implausible for the relationship" },
  unreadable: { ja: "読み取れない", en: "Unreadable" },
  weak_character: { ja: "確信度の低い文字がある", en: "One or more characters were read with low confidence" },
  readings_disagree: { ja: "2回の読み取り結果が一致しない", en: "Two readings of the field disagree" },
  text_repaired: { ja: "書式に合わない文字を補正した", en: "A character that cannot be there was corrected" },
  place_name_corrected: { ja: "住所の地名を辞書の表記に補正した", en: "A place name was corrected to the dictionary's spelling" },
  place_name_unknown: { ja: "住所の地名が辞書にない", en: "A place name is not in the dictionary" },
  label_anchored_fallback: { ja: "様式未登録のため項目名から読み取った", en: "Read by labels: no template for this layout" },
  text_too_small: { ja: "文字が小さく誤読しやすい（高い解像度での再スキャンを推奨）", en: "Text too small in the scan to read reliably (rescan at a higher resolution)" },
};
