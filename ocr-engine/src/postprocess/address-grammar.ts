/**
 * The grammar of an address's block numbers (丁目・番・番地・号, 1-2-3, 地割, 札幌の条) and of what may
 * follow them (a building name and a room number). A character tesseract invents in that tail (1-.34-15,
 * 204木号室, 二十夫番地, 番地ニエー) is not an address any more: the field is flagged, never passed on silently.
 */
import { KANJI_NUMERAL_CHARS } from "./kanji-numerals.ts";

const K = `[${KANJI_NUMERAL_CHARS}]+`;
// A kanji numeral still in front of a counter after canonicalisation is one that did not parse (二二十一番地).
const UNPARSED_COUNT = new RegExp(`${K}(?:丁目|番地|番(?![町丁])|号(?!室)|地割)`);

// A counter with no number before it: 二十示番地五 (示 for 六, so 二十 was not converted and 示番地 counts
// nothing). Only 丁目, 番地 and 号 (not 号室): no place name has them without a number, while 番 alone
// does (番場, 番田).
// 了目 and 耳目 are 丁目 misread (after a number they are repaired so: fixNumeralLookalikes); without one they count nothing.
const UNCOUNTED_COUNTER = /(?<!\d)(?:[丁了耳]目|番地|号(?!室))/;

// 二 read ニ or こ, 十 read エ, 土, 士, 干 or ト, 一 read ー, 七 read 上: in 明朝 these are the strokes of a kanji numeral.
const NUMERAL_LOOKALIKES = "ニこエー土士干工ト上";
// 15番地ニエー, 32番地ここトー: right after a block number (or its counter), where a count may follow, a "building
// name" made only of numerals and their look-alikes is that count misread (no building is named ニエー); so is
// one before a room number.
const COUNT_OF_LOOKALIKES = new RegExp(`(?:\\d|丁目|番地|番|号|地割)[${NUMERAL_LOOKALIKES}${KANJI_NUMERAL_CHARS}]*[${NUMERAL_LOOKALIKES}][${NUMERAL_LOOKALIKES}${KANJI_NUMERAL_CHARS}]*(?=\\d|$)`, "u");

// 3丁目12番5号, 12番地の5, 1-2-3, 第1地割12番地, 北3条西5丁目 (札幌: 条 and 線 may be followed by a direction).
const SEPARATOR = "(?:丁目|番地の?|番の?|号の?|地割|[条線][東西南北]?|の|-)";
const BLOCKS = `\\d+(?:${SEPARATOR}\\d+)*(?:丁目|番地|番|号|地割)?`;
// A building name starts with a letter (kana, kanji, Latin) but not a kanji numeral or a counter, holds no
// digit and no 丁目 or 番地 (二十夫番地五, 番二十六人号 are misread block numbers, not buildings), and has two
// characters at least (14喘: 号 misread, no building is named by one character); then a room or floor number.
const BUILDING = `(?: ?(?![${KANJI_NUMERAL_CHARS}]|丁目|番|号|地割|の)\\p{L}(?:(?!丁目|番地)[^\\d])+)?`;
const ROOM = "(?:\\d+(?:-\\d+)?(?:号室|号|階|F)?)?";
const TAIL = new RegExp(`^${BLOCKS}${BUILDING}${ROOM}$`, "u");

/**
 * Whether a canonical address (see `canonicalAddress`) has a well-formed tail: from its first digit on,
 * block numbers joined by counters or hyphens, then at most a building name and a room number. An
 * address without digits has no tail to check, unless a kanji count before a counter failed to parse.
 */
export const isWellFormedAddressTail = (canonical: string): boolean => {
  if (UNPARSED_COUNT.test(canonical) || UNCOUNTED_COUNTER.test(canonical) || COUNT_OF_LOOKALIKES.test(canonical)) return false;
  const first = canonical.search(/\d/);
  return first === -1 || TAIL.test(canonical.slice(first));
};
