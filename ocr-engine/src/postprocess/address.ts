import { KANJI_NUMERAL_CHARS, parseKanjiNumber } from "./kanji-numerals.ts";
import { dropSpacesBetweenJapanese, normaliseDashesBetweenDigits, normaliseText } from "./normalize-text.ts";

const K = `[${KANJI_NUMERAL_CHARS}]+`;
/**
 * Kanji numerals are converted only where they count blocks (丁目, 番地, 番, 号, 地割) or follow の
 * after such a count: place names full of numerals (一宮市, 四日市市, 八王子市, 九段北, 十日町) must stay,
 * and so must the 町 named by a number (千代田区六番町, 仙台市 一番町, 北一番丁).
 */
const COUNTED = new RegExp(`(${K})(?=丁目|番地|番(?![町丁])|号|地割)`, "g");
const AFTER_NO = new RegExp(`(?<=\\d(?:丁目|番地|番|号|地割)の?)(${K})(?=$|[号の\\-\\s])`, "g");
// Where a count after a counter may end, for the checks and the flagged repairs (never for the canonical form: a
// building may begin with a numeral, 三井ハイツ, 三つ葉荘): also before a building name in hiragana or kanji
// (番地二十一みほんハイツ).
const COUNT_END = "(?=$|[号の\\-\\s]|\\p{Script=Hiragana}|\\p{Script=Han})";
const COUNT_AFTER_NO = new RegExp(`(?<=\\d(?:丁目|番地|番|号|地割)の?)(${K})${COUNT_END}`, "gu");

// 九段北一ー二ー三: block numbers written as kanji joined by dashes, only at the end of the address.
const DASHED_TAIL = new RegExp(`(?<![${KANJI_NUMERAL_CHARS}])(${K})((?:[ー−－‐\\-](${K})){1,2})$`);

const NUMERAL_OR_COUNTER = `[${KANJI_NUMERAL_CHARS}\\d]|丁目|番|号|地割`;
// Katakana ニ and ー look exactly like the kanji 二 and 一 in 明朝; tesseract returns either. Next to a
// numeral, or just before a block counter, only the kanji makes sense (ユニ, センター are never followed
// by 丁目 or 番). ー between two numerals stays a dash (九段北一ー二ー三).
const KATAKANA_NI = new RegExp(`ニ(?=${NUMERAL_OR_COUNTER})|(?<=[${KANJI_NUMERAL_CHARS}])ニ`, "g");
const CHOON_ONE = new RegExp(`(?<=[${KANJI_NUMERAL_CHARS}]|^|[^\\p{Script=Katakana}ー])ー(?=丁目|番|号|地割)`, "gu");
// 丁月, 丁日: 目 read as 月 or 日 after a numbered 丁 (八丁月 → 八丁目, 2丁日 → 2丁目); neither follows 丁 in a
// place name. 了目, 耳目, ド目, ドド目: 丁 read as 了, 耳 or ド (once or twice) after a number and before 目 (七了目,
// 5耳目, 三ドド目): no place name has them.
const CHOME_MOON = new RegExp(`(?<=[${KANJI_NUMERAL_CHARS}\\d])(?:丁[月日]|[了耳]目|ド{1,2}目)`, "g");

/**
 * Repairs the look-alikes tesseract puts into block numbers, only where the context leaves one reading:
 * katakana ニ next to a numeral or before a counter → 二; ー right before a counter after a numeral or a
 * non-katakana character → 一; 丁月, 丁日, 了目 and 耳目 after a number → 丁目. Anything else (夫 for 六 …) is left for the
 * address grammar check to flag.
 */
export const fixNumeralLookalikes = (text: string): string => text.replace(KATAKANA_NI, "二").replace(CHOON_ONE, "一").replace(CHOME_MOON, "丁目");

// 1-.34-15: a speck of tint beside a dash between block numbers; nothing between them is written with both.
// 6.28-6 and 6-28.6: a dash read as a dot next to a dashed block number (a block number is never a decimal). A middle
// dot counts as a dot (3-21・26: a short dash on a small card line), since no address puts one between numbers.
const DOT_BESIDE_DASH = /(?<=\d)[.,．，・･]?-[.,．，・･]?(?=\d)|(?<=\d)[.,．，・･]-?(?=\d+-)|(?<=\d-\d+)[.,．，・･](?=\d)/g;
// 8.8.6: three block numbers joined by dots — a dash read as a dot (a block number is never a decimal).
const DOTTED_BLOCKS = /(?<![\d.・･])(\d+)[.．・･](\d+)[.．・･](\d+)(?![\d.・･])/g;
// 3-37-3_みほんハイツ, 二十六"みほんハイツ: an underscore, a double quote, a backquote or a bar is never written in an
// address; tesseract reads specks of tint on the baseline or at the cap height so.
const SPECK_MARKS = /[_＿"“”＂`｀|｜¦]/g;
// 1本日4番, 6本目, 1日4番: 丁目 with 丁 read as 本 or lost, after a block number and (for a lone 日 or 目)
// before the next one — no place name has 本目 or 本日 after a number, and no counter but 丁目 looks so. 二子目: 丁
// read as 子 (the same hook under a bar, a stroke more), likewise never after a number in a place name. 七耳日, 九了日,
// 六耳月: both characters read as look-alikes at once (丁 as 了, 耳, 子 or 本; 目 as 日 or 月; fixNumeralLookalikes
// mends one at a time). 七日631番地: the same after a kanji numeral, which canonicalisation left as it is (no counter
// followed it).
const CHOME_MISREAD = "[本子了耳][目日月]";
/** A digit or a kanji numeral: what a block number is written with (a character class). */
const NUMBER_CHAR = `[\\d${KANJI_NUMERAL_CHARS}]`;
const LOST_CHOME = new RegExp(`(?<=${NUMBER_CHAR})(?:${CHOME_MISREAD}|[日目](?=${NUMBER_CHAR}))`, "g");
// 港南ヒ丁目, ヒ番地: 七 read as katakana ヒ (the same two strokes in 明朝) where a count must stand, before a counter and
// not after other katakana (a katakana word never runs into 丁目 or 番地 without a number between).
const SEVEN_READ_AS_HI = new RegExp(`(?<![\\p{Script=Katakana}ー])ヒ(?=丁目|${CHOME_MISREAD}|番|号(?!室))`, "gu");

// 中央ご丁目398番地: a counter that needs a number (丁目, 番地, 号) with none before it, and in its place こ or ご —
// 二 (or 2) with its two strokes read as the kana, a speck for the dakuten. A number was there (no place name puts
// a kana right before 丁目), and こ is the look-alike of 二 as ニ is (see fixNumeralLookalikes).
const KANA_TWO = new RegExp(`(?<![\\d${KANJI_NUMERAL_CHARS}こご])[こご](?=丁目|番地|号(?!室))`, "g");

// 12番地十太メゾン: 六 read as 太 (the same strokes, the top dot shifted) in a kanji block number after a counter,
// where the number ends (the address ends, or 号, kana, a digit or a space follows: 12番十太号). A building name may
// begin with 太 (太陽ハイツ), but then a kanji other than 号 follows it.
// 若葉太丁目: the same before 丁目, which always follows its number (a place name ending in 太 would need one between).
const SIX_READ_AS_FAT = new RegExp(`(?<=(?:丁目|番地|番|号)[${KANJI_NUMERAL_CHARS}]*)太(?=$|号|[\\s\\d\\p{Script=Hiragana}\\p{Script=Katakana}ー])|(?<![${KANJI_NUMERAL_CHARS}\\d])太(?=丁目)`, "gu");

// 26番19呈, 308呈室, 504り室: 号 read as 呈 (口 over a stroke of the same width) after a block or room number, or as
// り before 室. Neither follows a number in an address.
const GO_LOOKALIKE = /(?<=\d)呈|(?<=\d)り(?=室)/g;
// 301号宝, 508号富, 309号家: 室 read as another kanji under the same crown 宀 (宝, 富, 家, 宰, 憲 …) ending a room
// number. Only at the end: a building may follow a block number's 号 (3号富士見ハイツ), and none of these names a
// building part as 棟 or 館 does (3号棟).
const ROOF_KANJI = "字宇守安宅完宏宋宗官宙定宛宜宝実客宣宮宰害宴宵家容宿寂寄密富寒寛寝察寡寧審寮憲";
const ROOM_LOOKALIKE = new RegExp(`(?<=\\d号)[${ROOF_KANJI}]$`, "u");
// 103旧室, 501け室, 106室: 号 before 室 ending a room number read as another character, or lost (a speck). A room
// number is written NNN号室: no other character stands between the number and 室.
const ROOM_WITHOUT_GO = /(?<=\d)(?:(?!号)[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])?室$/u;
// 二十六人号, 3人号: a speck before 号 read as 人 (its two strokes), between a block number and its 号; 号 follows the
// number itself, and no count is of persons in an address. Seen in 30 readings of seeds 60–91, 3 of them misses.
const SPECK_BEFORE_GO = new RegExp(`(?<=${NUMBER_CHAR})人(?=号)`, "gu");

/**
 * Repairs of a canonical address that guess more than {@link fixNumeralLookalikes} does (a stray dot
 * dropped, a dot or middle dot between block numbers read as a dash, ヒ before a counter read as 七, a lost 丁
 * restored, こ or ご before a counter that has no number read as 2, 太 ending a kanji block number read as 六, 呈
 * after a number read as 号, a 宀 kanji ending a room number read as 室, a room number's lost or misread 号 before
 * 室 restored, 人 before 号 dropped): the caller flags a field so repaired `text_repaired`, so that a person
 * confirms the guess.
 */
export const repairBlockNumbers = (canonical: string): string => {
  const repaired = canonical
    .replace(SPECK_MARKS, "")
    .replace(DOTTED_BLOCKS, "$1-$2-$3")
    .replace(DOT_BESIDE_DASH, "-")
    .replace(SEVEN_READ_AS_HI, "七")
    .replace(LOST_CHOME, "丁目")
    .replace(KANA_TWO, "2")
    .replace(SIX_READ_AS_FAT, "六")
    .replace(GO_LOOKALIKE, "号")
    .replace(ROOM_LOOKALIKE, "室")
    .replace(ROOM_WITHOUT_GO, "号室")
    .replace(SPECK_BEFORE_GO, "");
  // A restored 丁目 makes the numeral before it a count: canonicalised again (七丁目 → 7丁目).
  return repaired === canonical ? canonical : canonicalAddress(repaired);
};

/** 一十三: thirteen is written 十三, so 一 before 十 is no count a certificate writes (see {@link hasMalformedKanjiCount}). */
const isOneTen = (kanji: string): boolean => kanji.startsWith("一十");

// A count no certificate writes stays in kanji: read as 13 it would vote for a value its misread made up (二十三 read
// 一十三 twice and 十三 once outvoted two readings of 二十三).
const arabic = (kanji: string): string => {
  if (isOneTen(kanji)) return kanji;
  const n = parseKanjiNumber(kanji);
  return n === null ? kanji : String(n);
};

/**
 * The canonical form of an address as printed: full-width digits and letters half-width, kanji
 * numerals of block numbers as digits (一丁目二番三号 → 1丁目2番3号, 十二番地の五 → 12番地の5), hyphen
 * variants between digits as `-`, spaces dropped except next to Roman-letter words. Kanji of place
 * names are untouched.
 */
export const canonicalAddress = (text: string): string => {
  // tesseract's jpn model puts spaces between characters; in an address only a space next to a
  // Roman-letter word (a building name) carries meaning.
  let s = fixNumeralLookalikes(dropSpacesBetweenJapanese(normaliseText(text)));
  s = s.replace(COUNTED, arabic);
  s = s.replace(AFTER_NO, arabic);
  s = s.replace(DASHED_TAIL, (all: string) => {
    const parts = all.split(/[ー−－‐-]/).map((p) => parseKanjiNumber(p));
    return parts.every((p) => p !== null) ? parts.join("-") : all;
  });
  s = normaliseDashesBetweenDigits(s);
  return s;
};

/**
 * Whether a block number is written in kanji as no certificate writes one. Digit by digit without 〇 (二一番地,
 * 三二一番地, 番地ニ二一): certificates write counts with 十 (二十一番地), and a digit-by-digit form is written with 〇
 * where a digit is zero (二〇三); such a count is what tesseract makes of 十 read as 二 or lost (二十一 → 二二一, 三十一 →
 * 三二一, 十一 → 二一). Or with 一 before 十 (一十三): thirteen is written 十三, and 一十 is 二十 with a stroke lost (bench
 * seed 97: 二十三 read 一十三 twice and 十三 once beside two readings of 二十三). The address is flagged and another
 * reading that writes the count as certificates do is preferred.
 */
export const hasMalformedKanjiCount = (text: string): boolean => {
  const s = fixNumeralLookalikes(dropSpacesBetweenJapanese(normaliseText(text)));
  const malformed = (m: string | undefined): boolean => m !== undefined && ((m.length >= 2 && /^[一二三四五六七八九]+$/.test(m)) || isOneTen(m));
  if ([...s.matchAll(COUNTED)].some((m) => malformed(m[1]))) return true;
  return [...s.replace(COUNTED, arabic).matchAll(COUNT_AFTER_NO)].some((m) => malformed(m[1]));
};

// A kanji count after a counter, with the counter itself still in kanji or already in digits (番地二二一, 十五番地二二一).
const AFTER_COUNT = new RegExp(`(?<=${NUMBER_CHAR}(?:丁目|番地|番|号|地割)の?)(${K})${COUNT_END}`, "gu");
// X二Y of three bare digits (no 〇, no 十): the count X十Y with 十 read as 二.
const TEN_READ_AS_TWO = /^([一二三四五六七八九])二([一二三四五六七八九])$/u;

/**
 * An address whose block count is written in kanji as X二Y (三二一番地, 番地ニ二一) with 十 restored (三十一番地,
 * 番地二十一); the text as it was when there is none. A count is written with 十 on a certificate, and a
 * digit-by-digit form would need 〇 somewhere to be one (see {@link hasMalformedKanjiCount}); tesseract reads
 * 十 as 二 in 明朝 (both a long and a short horizontal stroke once the vertical fades). Only three digits with
 * 二 in the middle are read so: 二一 may be 十一 or 二十一 with 十 lost, and is left flagged. A guess: the caller
 * flags the field `text_repaired`.
 */
export const restoreTenReadAsTwo = (text: string): string => {
  const s = fixNumeralLookalikes(dropSpacesBetweenJapanese(normaliseText(text)));
  const ten = (m: string): string => m.replace(TEN_READ_AS_TWO, "$1十$2");
  const restored = s.replace(COUNTED, ten).replace(AFTER_COUNT, ten);
  return restored === s ? text : restored;
};

// 番地二二ーー, 番地ニ二ー: 一 ending a kanji count read as one or two long-vowel marks (in 明朝 it is wider than ー). A
// long-vowel mark never follows a kanji, and no count writes 一 twice in a row (11 is 十一). Before another numeral
// ー is a dash (九段北一ー二ー三), and is left to the dashed forms.
const ONE_READ_AS_CHOON = new RegExp(`(?<=[${KANJI_NUMERAL_CHARS}])ーー?(?![ー\\d${KANJI_NUMERAL_CHARS}\\p{Script=Katakana}])`, "gu");
// 番地二士二, 二ト三番地, 番地ニナー: 十 read as one of its look-alikes (士, 土, エ, 干, ト, ナ) between two kanji digits
// of a count, after a counter or before one. None of them stands between two numerals in a place name. 上 too, after
// a counter only (番地ニ上一, seed 70): before one it may end a place name (二上三番地: 二上町).
const TEN_LOOKALIKES = "士土エ干トナ";
const TEN_LOOKALIKE = `[${TEN_LOOKALIKES}]`;
const TEN_LOOKALIKE_AFTER_COUNTER = `[${TEN_LOOKALIKES}上]`;
// 番士三号: 十 opening a count of the teens (十三) right after a counter, read as 士, 土 or 干 — kanji that begin no
// building name before a numeral and 号 (bench seed 99: 日向二目二十五番士三号).
const TEN_BETWEEN_DIGITS = new RegExp(
  `(?<=(?:丁目|番地|番|号)の?[一二三四五六七八九])${TEN_LOOKALIKE_AFTER_COUNTER}(?=[一二三四五六七八九](?:$|[号の\\-\\s\\p{Script=Hiragana}\\p{Script=Katakana}]))|(?<=[一二三四五六七八九])${TEN_LOOKALIKE}(?=[一二三四五六七八九](?:丁目|番地|番|号))|(?<=(?:丁目|番地|番|号)の?)[士土干](?=[一二三四五六七八九](?:$|[号の\\-\\s]))`,
  "gu",
);

// 番地ニ, 番地ニエー, 番地ニーみほんハイツ: a count after a counter, read wholly or partly in the katakana look-alikes
// of its numerals (ニ for 二, ー for 一; 十's look-alikes are left to TEN_BETWEEN_DIGITS), where the count ends: at the
// end of the address, before 号, の, a dash, or before a building name in another script (hiragana, kanji). No
// building is named with such a run alone, and a katakana building name goes on in katakana (ニューハイツ, センター).
// A 十 lost beside it is not ruled out, hence flagged.
const COUNT_TAIL_IN_KATAKANA = new RegExp(
  `(?<=(?:丁目|番地|番|号)の?)[ニー${KANJI_NUMERAL_CHARS}${TEN_LOOKALIKES}上]*[ニー][ニー${KANJI_NUMERAL_CHARS}${TEN_LOOKALIKES}上]*${COUNT_END}`,
  "gu",
);

/**
 * An address with the kanji counts tesseract misread in ways only a count's grammar tells apart mended: 一 read as
 * ー or ーー, a count after a counter read in katakana look-alikes (番地ニ → 番地二), 十 read as a look-alike between
 * two digits, then 十 read as 二 ({@link restoreTenReadAsTwo}); the text as it was when there is none. A guess: the
 * caller flags the field `text_repaired`.
 */
export const restoreKanjiCounts = (text: string): string => {
  const s = fixNumeralLookalikes(dropSpacesBetweenJapanese(normaliseText(text)));
  // ーー after a numeral first: it is one 一, which the run below would make two.
  const mended = s
    .replace(ONE_READ_AS_CHOON, "一")
    .replace(COUNT_TAIL_IN_KATAKANA, (run) => run.replace(/ニ/g, "二").replace(/ー/g, "一"))
    .replace(TEN_BETWEEN_DIGITS, "十");
  return restoreTenReadAsTwo(mended === s ? text : mended);
};

/**
 * A key for comparing two addresses written differently: the canonical form with block units reduced
 * to hyphens (1丁目2番3号 = 1-2-3 = 1丁目2番地の3), 大字/字 dropped, ケ/ヶ/が/ガ/ヵ folded (霞が関 = 霞ヶ関),
 * and no spaces. Only for comparison: never show it or store it as the address.
 */
export const addressKey = (text: string): string =>
  canonicalAddress(text)
    .replace(/\s+/g, "")
    .replace(/(?<=\d)(丁目|番地の|番地|番の|番|号の|号|地割|の)(?=\d)/g, "-")
    .replace(/(?<=\d)(丁目|番地|番|号)$/g, "")
    .replace(/(?<=\d)(丁目|番地|番|号)(?=\D)/g, "")
    .replace(/大字|字(?=[^\d])/g, "")
    .replace(/[ケヶがガヵ]/g, "ケ");
