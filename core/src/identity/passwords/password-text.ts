/**
 * How password text is compared and counted. NIST SP 800-63B-4 §3.1.1.2 asks verifiers to apply
 * Unicode normalisation (NFKC or NFKD) before hashing and to count each code point as one character,
 * so that a password typed with a full-width IME (`ｐａｓｓ`) and the same one typed half-width verify
 * alike, and a kanji counts as one character, not three UTF-8 bytes.
 */

/** The password as it is hashed and verified: NFKC-normalised, nothing else changed (case is kept). */
export const normalizePassword = (raw: string): string => raw.normalize("NFKC");

/** Number of Unicode code points (a surrogate pair is one; `"𠮷".length` is 2, this is 1). */
export const codePointCount = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * The key used to compare a password with the blocklist and with context words: NFKC, then a case
 * fold. JavaScript has no full Unicode case folding; lower → upper → lower folds the
 * special cases that `toLowerCase` alone misses (`ẞ` → `ß` → `SS` → `ss`; `ﬁ` is already split by
 * NFKC). The fold is used only for these comparisons, never for hashing: passwords stay
 * case-sensitive.
 */
export const foldForComparison = (text: string): string =>
  text.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().normalize("NFKC");
