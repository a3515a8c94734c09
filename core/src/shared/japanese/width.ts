/**
 * Full-width (全角) ASCII → half-width. Only the Fullwidth Forms block U+FF01–U+FF5E and the
 * ideographic space are touched: for them this equals NFKC, but NFKC on a whole string would also
 * fold CJK compatibility ideographs (e.g. U+FA10 塚 → 塚) and change how a name is written in the
 * resident register, so we never apply it to kanji.
 */
export const toHalfWidthAscii = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

/**
 * Every dash a Japanese IME produces in a number field (ー, －, ‐, −, ―, ｰ …) → ASCII `-`.
 * Only for digit fields (postal codes, phone numbers): in a name, ー is a prolonged sound mark.
 */
export const normalizeDashes = (s: string): string => s.replace(/[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g, "-");

/** Replaces ASCII digits by full-width digits (the inverse of {@link toHalfWidthAscii} on digits). */
export const toFullWidthDigits = (s: string): string =>
  s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
