/** `@madoguchi/adapter-kanji-unihan`: the counter's kanji dictionary (C6 漢字検索), see ADR 41. */
export { createUnihanKanjiDictionary } from "./create-unihan-kanji-dictionary.ts";
export { readingKey } from "./reading-key.ts";
