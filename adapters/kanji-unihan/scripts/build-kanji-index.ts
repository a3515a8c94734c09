/**
 * `npm run build-index -w @madoguchi/adapter-kanji-unihan`: writes `data/kanji-index.json`, the dictionary this
 * adapter reads, from two sources installed by Debian packages (not needed at run time: the index is committed):
 * - the Unicode Han Database (`unicode-data`: /usr/share/unicode/Unihan_*.txt.bz2) for readings
 *   (kJapaneseOn, kJapaneseKun, in romaji, written here in kana), total strokes, the radical-stroke index
 *   (kRSUnicode) and variants (kSemanticVariant, kSpecializedSemanticVariant, kZVariant, kCompatibilityVariant,
 *   kTraditionalVariant, kSimplifiedVariant);
 * - KANJIDIC (`kanjidic`: /usr/share/edict/kanjidic, CC BY-SA 3.0, © EDRDG) for what Unihan lacks: the
 *   cross-references between old and new forms (辺 邊 邉, 沢 澤, 斎 齋 — fields XJ0, XJ1) and the 名乗り readings
 *   names use (斎: ひとし, いつき). Written apart, to `data/kanjidic-links.json`, under KANJIDIC's licence;
 * - IPAmj明朝 (`fonts-ipamj-mincho`), whose character map decides which characters are in the index: the counter
 *   prints with it (C11), so a character it cannot print is never offered.
 * Rerun after a Debian upgrade of either package; ADR 41 says why these sources.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fontkit from "@pdf-lib/fontkit";
import { toHiragana, toKatakana } from "wanakana";

const UNIHAN = "/usr/share/unicode";
const IPAMJ = "/usr/share/fonts/truetype/ipamj/ipamjm.ttf";
const KANJIDIC = "/usr/share/edict/kanjidic";
const OUT = fileURLToPath(new URL("../data/kanji-index.json", import.meta.url));
const LINKS_OUT = fileURLToPath(new URL("../data/kanjidic-links.json", import.meta.url));

const VARIANT_FIELDS = ["kSemanticVariant", "kSpecializedSemanticVariant", "kZVariant", "kCompatibilityVariant", "kTraditionalVariant", "kSimplifiedVariant"];
const FIELDS = new Set(["kJapaneseOn", "kJapaneseKun", "kTotalStrokes", "kRSUnicode", "kUnihanCore2020", ...VARIANT_FIELDS]);

/** Every `U+XXXX <field> <value>` line of one Unihan file, for the fields we keep. */
const readUnihan = (file: string, into: Map<number, Map<string, string>>) => {
  const text = execFileSync("bzcat", [`${UNIHAN}/${file}`], { encoding: "utf8", maxBuffer: 1 << 30 });
  for (const line of text.split("\n")) {
    if (!line.startsWith("U+")) continue;
    const [cp, field, value] = line.split("\t");
    if (cp === undefined || field === undefined || value === undefined || !FIELDS.has(field)) continue;
    const code = Number.parseInt(cp.slice(2), 16);
    const fields = into.get(code) ?? new Map<string, string>();
    fields.set(field, value);
    into.set(code, fields);
  }
};

const unihan = new Map<number, Map<string, string>>();
for (const file of ["Unihan_Readings.txt.bz2", "Unihan_IRGSources.txt.bz2", "Unihan_Variants.txt.bz2", "Unihan_RadicalStrokeCounts.txt.bz2"]) readUnihan(file, unihan);
const font = fontkit.create(readFileSync(IPAMJ));
const printable = new Set<number>(font.characterSet);

/** KANJIDIC's JIS cross-reference (XJ0 + JIS X 0208 row/cell in hex, XJ1 for JIS X 0212) as a character, via EUC-JP. */
const eucJp = new TextDecoder("euc-jp", { fatal: true });
const jisChar = (ref: string): string | null => {
  const m = /^XJ([01])([0-9A-F]{4})$/i.exec(ref);
  if (m === null) return null;
  const high = Number.parseInt(m[2]!.slice(0, 2), 16) | 0x80;
  const low = Number.parseInt(m[2]!.slice(2), 16) | 0x80;
  try {
    return eucJp.decode(new Uint8Array(m[1] === "0" ? [high, low] : [0x8f, high, low]));
  } catch {
    return null;
  }
};
/**
 * Per KANJIDIC character: its variants (both ways), its 名乗り (the readings after the T1 marker) and how common it
 * is: 1 for 常用 and 人名用 kanji (a grade G1–G10), 2 for the rest of JIS X 0208 (a search lists common ones first).
 */
const kanjidicLinks = new Map<string, { variants: Set<string>; nanori: string[]; rank: number }>();
const linksOf = (c: string) => {
  const found = kanjidicLinks.get(c) ?? { variants: new Set<string>(), nanori: [], rank: 3 };
  kanjidicLinks.set(c, found);
  return found;
};
for (const line of new TextDecoder("euc-jp").decode(readFileSync(KANJIDIC)).split("\n")) {
  if (line.startsWith("#") || line.trim() === "") continue;
  const fields = line.replace(/\{[^}]*\}/g, "").trim().split(/\s+/);
  const c = fields[0]!;
  linksOf(c).rank = fields.some((f) => /^G\d+$/.test(f)) ? 1 : 2;
  const t1 = fields.indexOf("T1");
  // 名乗り: kana only, up to the next marker (T2 is a radical's name, not a reading).
  const nanori = t1 === -1 ? [] : fields.slice(t1 + 1).filter((f) => /^[\p{Script=Hiragana}ー]+$/u.test(f));
  if (nanori.length > 0) linksOf(c).nanori.push(...nanori);
  for (const ref of fields.filter((f) => f.startsWith("XJ"))) {
    const v = jisChar(ref);
    if (v === null || v === c) continue;
    linksOf(c).variants.add(v);
    linksOf(v).variants.add(c);
  }
}

const words = (value: string | undefined) => (value === undefined ? [] : value.split(" ").filter((w) => w !== ""));
/** `U+9AD9<kFenn U+2550E` → the code points, sources dropped. */
const variantCodes = (value: string | undefined) => words(value).map((w) => Number.parseInt(w.replace(/^U\+/, "").replace(/<.*$/, ""), 16));

const rows: (string | number)[][] = [];
for (const [code, fields] of [...unihan].sort(([a], [b]) => a - b)) {
  const rs = fields.get("kRSUnicode");
  if (rs === undefined || !printable.has(code)) continue;
  // The first index is the primary one; a trailing ' marks a simplified radical form (radical number alike).
  const [radical, residual] = (rs.split(" ")[0] ?? "").replace(/'+/g, "").split(".").map(Number);
  const variants = [...new Set([...VARIANT_FIELDS.flatMap((f) => variantCodes(fields.get(f)))])].filter((v) => v !== code && printable.has(v) && unihan.get(v)?.has("kRSUnicode") === true);
  rows.push([
    String.fromCodePoint(code),
    words(fields.get("kJapaneseOn")).map((w) => toKatakana(w.toLowerCase())).join(" "),
    words(fields.get("kJapaneseKun")).map((w) => toHiragana(w.toLowerCase())).join(" "),
    Number(fields.get("kTotalStrokes")?.split(" ")[0] ?? 0),
    radical ?? 0,
    residual ?? 0,
    variants.map((v) => String.fromCodePoint(v)).join(""),
  ]);
}
const header = {
  format: "madoguchi-kanji-index@1",
  columns: ["char", "on", "kun", "strokes", "radical", "residualStrokes", "variants"],
  sources: { unihan: "Debian unicode-data (Unicode Han Database, Unicode License v3)", printable: "IPAmj明朝 character map (IPA Font License v1.0)" },
  count: rows.length,
};
const links = [...kanjidicLinks]
  .map(([c, { variants, nanori, rank }]) => [c, [...variants].filter((v) => printable.has(v.codePointAt(0)!)).join(""), [...new Set(nanori)].join(" "), rank] as const)
  .filter(([c, variants, nanori, rank]) => printable.has(c.codePointAt(0)!) && (variants !== "" || nanori !== "" || rank < 3))
  .sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!);
writeFileSync(
  LINKS_OUT,
  `${JSON.stringify({ format: "madoguchi-kanjidic-links@1", columns: ["char", "variants", "nanori", "rank"], source: "KANJIDIC (Debian kanjidic), © Electronic Dictionary Research and Development Group, CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); only the cross-references, 名乗り and whether a character is 常用/人名用 or JIS X 0208, reformatted", count: links.length })}\n${links.map((r) => JSON.stringify(r)).join("\n")}\n`,
);
process.stdout.write(`kanjidic links: ${links.length} characters → ${LINKS_OUT}\n`);
writeFileSync(OUT, `${JSON.stringify(header)}\n${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
process.stdout.write(`kanji index: ${rows.length} characters → ${OUT}\n`);
