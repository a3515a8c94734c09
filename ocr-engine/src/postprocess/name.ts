import { collapseWhitespace, toHalfWidthAscii } from "./normalize-text.ts";

/**
 * A person's name as printed: full-width ASCII folded and whitespace collapsed to one space between
 * family and given name. The kanji themselves are never changed: 髙 stays 髙 (the registered character).
 */
export const normaliseName = (text: string): string => collapseWhitespace(toHalfWidthAscii(text));

/**
 * Variant (異体字) kanji folded to the common form, for comparisons only. OCR reads rare variants as
 * common ones (髙→高, 﨑→崎, 𠮷→吉), and a certificate may print either, so two names that differ only in
 * these must compare equal. Not exhaustive: MJ 文字 has tens of thousands; these are the frequent ones
 * in family names.
 */
export const MJ_VARIANTS: Readonly<Record<string, string>> = {
  髙: "高", 﨑: "崎", 嵜: "崎", 碕: "崎", "𠮷": "吉", 邊: "辺", 邉: "辺", 齋: "斎", 齊: "斎", 斉: "斎",
  濵: "浜", 濱: "浜", 澤: "沢", 櫻: "桜", 廣: "広", 國: "国", 藏: "蔵", 眞: "真", 德: "徳", 惠: "恵",
  榮: "栄", 峯: "峰", 嶋: "島", 嶌: "島", 嶹: "島", 冨: "富", 槇: "槙", 莊: "荘", 曻: "昇", 舘: "館",
  籠: "篭", 桒: "桑", 兒: "児", 實: "実", 壽: "寿", 學: "学", 淵: "渕", 渊: "渕", 龍: "竜", 瀨: "瀬",
  條: "条", 將: "将", 萬: "万", 與: "与", 步: "歩", 惣: "総", 圓: "円", 彌: "弥", 禮: "礼",
  // 斉 is folded with 齊/齋 because OCR reads 齊 as 斉 as often as 斎; the key is lenient on purpose and
  // names are confirmed by staff anyway.
};

/**
 * A comparison key for names: NFKC (which also maps CJK compatibility ideographs such as 神 U+FA19 to
 * their unified form), variant kanji folded by `MJ_VARIANTS`, hiragana as katakana, and no whitespace.
 * Never show or store it: it is not the person's name.
 */
export const mjVariantKey = (name: string): string => {
  let out = "";
  for (const c of name.normalize("NFKC")) {
    if (/\s/.test(c)) continue;
    const folded = MJ_VARIANTS[c] ?? c;
    const code = folded.codePointAt(0) ?? 0;
    out += code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : folded;
  }
  return out;
};
