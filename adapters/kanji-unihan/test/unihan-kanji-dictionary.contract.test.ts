import { describeKanjiDictionaryContract } from "@madoguchi/conformance/kanji-dictionary";
import { createUnihanKanjiDictionary } from "../src/index.ts";

describeKanjiDictionaryContract("kanji-unihan", createUnihanKanjiDictionary);
