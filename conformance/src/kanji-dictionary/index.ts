/** `@madoguchi/conformance/kanji-dictionary` — the contract every {@link KanjiDictionary} adapter passes. */
export { describeKanjiDictionaryContract } from "./kanji-dictionary.contract.ts";
