/**
 * Terminal columns taken by a string: 2 for East Asian wide and full-width characters (kanji, kana,
 * full-width forms, CJK extensions such as 𠮷), 0 for combining marks, 1 otherwise. An approximation of
 * Unicode's East Asian Width that is right for the text a catalog contains.
 */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
};

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

const isWide = (cp: number): boolean => WIDE_RANGES.some(([from, to]) => cp >= from && cp <= to);

/**
 * Lays out rows as columns separated by two spaces, padded by display width so that Japanese text
 * lines up. The last column is not padded (no trailing spaces).
 */
export const formatTable = (rows: readonly (readonly string[])[]): string[] => {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell)))).join("  "),
  );
};
