/**
 * Block numbers from tesseract's legacy recogniser, for small one-line addresses (ADR 19, sixteenth session).
 *
 * On 在留カード and 特別永住者証明書 lines scanned at 200–250 dpi (glyphs of 11–21 px), the line model turns kanji
 * block numbers into other kanji (三丁目十一番十一号 → 三丁目トー番十呂, 二十七 → ミトセ) while reading the place names
 * well; the legacy character classifier does the opposite: it garbles kana and place names but reads 十一, 二十四,
 * 十三 as printed (probe on fresh seeds 900100–900119: of the 40 card addresses, the legacy reading's block numbers
 * were right on 6 the line model's CLI reading got wrong). So the legacy reading lends only its block numbers, and
 * only where they are anchored and the line model's are broken.
 */

/** Block numbers only, canonical (digits): 3丁目11番11号, 12番地5, 6-24-9; nothing after them (no building, no room). */
const PURE_BLOCKS = /\d+(?:(?:丁目|番地の?|番の?|号|-)\d+)*(?:丁目|番地|番|号)?$/u;

/** The block numbers at the end of a canonical address, or null when it does not end in them. */
export const trailingBlockNumbers = (canonical: string): string | null => {
  const m = PURE_BLOCKS.exec(canonical);
  if (m === null) return null;
  // Not the tail of a longer number (…12 of 312) or of a building's room: the match must start after a non-digit.
  return m.index === 0 || !/\d/.test(canonical[m.index - 1]!) ? m[0] : null;
};

/** The first number of block numbers (3 of 3丁目…, 6 of 6-24-9): the anchor both readings must agree on. */
const FIRST_NUMBER = /^\d+/u;
/** A first block of 丁目 (3丁目), which the legacy reading may have garbled while reading the rest. */
const FIRST_CHOME = /^\d+丁目/u;

/**
 * What the legacy recogniser writes for the strokes of block numbers, as the line normaliser does not expect them:
 * 丁 as T, ], 「 (a 丁 with its hook lost) before 目, 十 as +. Only in the legacy reading, and only there.
 */
export const mendLegacyLookalikes = (text: string): string =>
  text
    .replace(new RegExp(`([一二三四五六七八九十〇0-9０-９])${MARKS}[T\\]〕「」』]${MARKS}[目曰]`, "gu"), "$1丁目")
    .replace(/\+/g, "十")
    // 十 as ト or 卜 between a numeral or a counter and a numeral (二十七 read 二 `卜七, 十四 read ト四), stray marks dropped.
    .replace(new RegExp(`([一二三四五六七八九]|丁目|番地|番|号)${MARKS}[ト卜]${MARKS}(?=[一二三四五六七八九])`, "gu"), "$1十");

/** The stray marks the legacy recogniser sprinkles between the strokes of small glyphs: spaces, quotes, primes, tildes. */
const MARKS = "[\\s`'‘’\"“”′″〝〟~_・.]*";

/**
 * The address with the legacy reading's block numbers in place of the line model's, or null to keep the line
 * model's. Both are canonical values (digits, place names corrected). Spliced only when:
 * - the chosen reading's place names are known (`placeLength` characters of it) and what follows them is broken:
 *   not a well-formed tail (`wellFormed` false), or not starting with a number — so the chosen value is wrong anyway
 *   and a splice can make no right value wrong;
 * - and either the legacy reading found the very same place names (`legacy.placeLength`: a reading that got the
 *   place names right is a clean one, and its whole value is taken), or it ends in pure block numbers that begin
 *   with the same first number as the chosen reading's rest (the anchor: the legacy reading lost nothing before
 *   it) — or, when the legacy reading kept only 番 and 号, after the chosen reading's own first block of 丁目;
 * - the result is well-formed (`isWellFormed`).
 */
export const spliceLegacyBlockNumbers = (
  chosen: { readonly value: string; readonly placeLength: number; readonly wellFormed: boolean },
  legacy: { readonly value: string; readonly placeLength: number },
  isWellFormed: (address: string) => boolean,
): string | null => {
  if (chosen.placeLength === 0) return null;
  const chars = [...chosen.value];
  const places = chars.slice(0, chosen.placeLength).join("");
  const rest = chars.slice(chosen.placeLength).join("");
  // Broken: not well-formed, or something other than a block number right after the place names (一日こト7番地寺由
  // parses as 7番地 and a "building" 寺由, but no number starts it).
  if (chosen.wellFormed && /^\d/u.test(rest)) return null;
  const legacyPlaces = [...legacy.value].slice(0, legacy.placeLength).join("");
  const legacyRest = [...legacy.value].slice(legacy.placeLength).join("");
  if (legacy.placeLength > 0 && legacyPlaces === places && /^\d/u.test(legacyRest) && legacy.value !== chosen.value && isWellFormed(legacy.value)) return legacy.value;
  const blocks = trailingBlockNumbers(legacy.value);
  if (blocks === null) return null;
  const anchored = FIRST_NUMBER.exec(blocks)?.[0] === FIRST_NUMBER.exec(rest)?.[0];
  const chome = FIRST_CHOME.exec(rest)?.[0];
  const tail = anchored ? blocks : chome !== undefined && !blocks.includes("丁目") && /^\d+番/u.test(blocks) ? chome + blocks : null;
  if (tail === null) return null;
  const spliced = places + tail;
  return spliced !== chosen.value && isWellFormed(spliced) ? spliced : null;
};
