/**
 * Fake households for synthetic documents. Every name, address and number is drawn from built-in
 * lists and a seeded generator: fictional prefectures and cities (「みほん県みほん市」) make sure no
 * generated address is a real one, so no generated household can describe a real person. The name
 * lists deliberately include characters that OCR gets wrong (髙, 﨑, 𠮷 outside the BMP, 邊, 齋, 濵).
 */
import { type SeededRandom, seededRandom } from "./seeded-random.ts";
import { toKanjiNumber } from "../postprocess/kanji-numerals.ts";
import { juminhyoCodeCheckDigit, myNumberCheckDigit } from "../postprocess/check-digits.ts";

/** Sex as printed on 転出証明書 and cards. */
export type Sex = "男" | "女";

/**
 * 続柄 values of the member-row enum of generated templates: the same list as the shipped 転出証明書
 * templates. The household generator uses 世帯主, 妻, 夫, 子, 父 and 母.
 */
export const RELATIONSHIPS = [
  "世帯主", "妻", "夫", "子", "父", "母", "孫", "祖父", "祖母", "兄", "姉", "弟", "妹", "同居人",
  "妻の父", "妻の母", "夫の父", "夫の母", "子の妻", "子の夫", "叔父", "叔母", "甥", "姪", "縁故者", "未届の妻", "未届の夫",
] as const;
/** One 続柄. */
export type Relationship = (typeof RELATIONSHIPS)[number];

/** A family name or given name: kanji, katakana reading, Hepburn romanisation (upper case). */
type NameEntry = readonly [kanji: string, kana: string, roman: string];

const FAMILY_NAMES: readonly NameEntry[] = [
  ["髙橋", "タカハシ", "TAKAHASHI"], ["山﨑", "ヤマザキ", "YAMAZAKI"], ["𠮷田", "ヨシダ", "YOSHIDA"],
  ["渡邊", "ワタナベ", "WATANABE"], ["齋藤", "サイトウ", "SAITO"], ["濵田", "ハマダ", "HAMADA"],
  ["佐藤", "サトウ", "SATO"], ["鈴木", "スズキ", "SUZUKI"], ["田中", "タナカ", "TANAKA"],
  ["伊藤", "イトウ", "ITO"], ["中村", "ナカムラ", "NAKAMURA"], ["小林", "コバヤシ", "KOBAYASHI"],
  ["加藤", "カトウ", "KATO"], ["松本", "マツモト", "MATSUMOTO"], ["井上", "イノウエ", "INOUE"],
  ["木村", "キムラ", "KIMURA"], ["長谷川", "ハセガワ", "HASEGAWA"], ["石川", "イシカワ", "ISHIKAWA"],
  ["宮﨑", "ミヤザキ", "MIYAZAKI"], ["髙木", "タカギ", "TAKAGI"], ["邊見", "ヘンミ", "HEMMI"],
  ["齊藤", "サイトウ", "SAITO"], ["澤田", "サワダ", "SAWADA"], ["櫻井", "サクライ", "SAKURAI"],
];

const MALE_GIVEN: readonly NameEntry[] = [
  ["一郎", "イチロウ", "ICHIRO"], ["太郎", "タロウ", "TARO"], ["健太", "ケンタ", "KENTA"],
  ["翔", "ショウ", "SHO"], ["大輔", "ダイスケ", "DAISUKE"], ["誠", "マコト", "MAKOTO"],
  ["浩二", "コウジ", "KOJI"], ["蓮", "レン", "REN"], ["悠真", "ユウマ", "YUMA"],
  ["𠮷之助", "キチノスケ", "KICHINOSUKE"], ["隆", "タカシ", "TAKASHI"], ["湊", "ミナト", "MINATO"],
];

const FEMALE_GIVEN: readonly NameEntry[] = [
  ["花子", "ハナコ", "HANAKO"], ["陽子", "ヨウコ", "YOKO"], ["美咲", "ミサキ", "MISAKI"],
  ["さくら", "サクラ", "SAKURA"], ["恵", "メグミ", "MEGUMI"], ["結衣", "ユイ", "YUI"],
  ["真由美", "マユミ", "MAYUMI"], ["陽葵", "ヒマリ", "HIMARI"], ["芽依", "メイ", "MEI"],
  ["千尋", "チヒロ", "CHIHIRO"], ["和子", "カズコ", "KAZUKO"], ["凜", "リン", "RIN"],
];

/** Fictional prefectures: none of these exists, so addresses cannot be real. */
export const PREFECTURES = ["みほん県", "ためし県", "さんぷる県", "かきこ府", "れいぶん県"] as const;
export const CITIES = ["みほん市", "あおば市", "ためし町", "ひがしみほん市", "さんぷる村", "もくじ市"] as const;
export const TOWNS = ["中央", "本町", "若葉", "緑ケ丘", "桜台", "東雲", "旭町", "栄町", "日向", "港南"] as const;
const BUILDINGS = ["みほんハイツ", "ためしコーポ", "さんぷる荘", "メゾン見本"] as const;

/** A fake person. Dates are ISO (yyyy-mm-dd). */
export interface FakePerson {
  readonly familyName: string;
  readonly givenName: string;
  /** `familyName + "　" + givenName`, as printed. */
  readonly fullName: string;
  readonly familyKana: string;
  readonly givenKana: string;
  readonly fullKana: string;
  /** Hepburn, family name first, upper case (在留カード style). */
  readonly romanName: string;
  readonly sex: Sex;
  readonly relationship: Relationship;
  readonly birthDate: string;
  /** 11-digit 住民票コード. */
  readonly juminhyoCode: string;
}

/** A fake household with what a 転出証明書 states about it. */
export interface FakeHousehold {
  readonly address: string;
  readonly head: FakePerson;
  readonly members: readonly FakePerson[];
  readonly honsekiAddress: string;
  /** 筆頭者 (here: the head, as in most households). */
  readonly honsekiHead: FakePerson;
  readonly destination: string;
  /** ISO date. */
  readonly plannedMoveDate: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const toIso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A random ISO date in a year range (inclusive). */
export const randomDate = (rng: SeededRandom, fromYear: number, toYear: number): string => {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  return toIso(y, m, rng.int(1, daysInMonth(y, m)));
};

/** Japanese eras with their first day (ISO). */
const ERAS: readonly (readonly [name: string, start: string])[] = [
  ["令和", "2019-05-01"], ["平成", "1989-01-08"], ["昭和", "1926-12-25"], ["大正", "1912-07-30"], ["明治", "1868-10-23"],
];

/** Options of {@link formatWareki}. */
export interface WarekiOptions {
  /** Write year 1 as 元年 (as certificates do). Default false: arabic 1. */
  readonly gannen?: boolean;
  /** Kanji numerals (昭和五十年三月四日) instead of arabic. Default false. */
  readonly kanjiNumerals?: boolean;
}

/** Formats an ISO date as 和暦, e.g. `1975-03-04` → `昭和50年3月4日`. Throws on dates before 明治 (programmer error). */
export const formatWareki = (iso: string, options: WarekiOptions = {}): string => {
  const era = ERAS.find(([, start]) => iso >= start);
  if (era === undefined) throw new Error("date before 明治");
  const [ys, ms, ds] = iso.split("-");
  const year = Number(ys) - Number(era[1].slice(0, 4)) + 1;
  const num = (n: number) => (options.kanjiNumerals === true ? toKanjiNumber(n) : String(n));
  const yearText = year === 1 && options.gannen === true ? "元" : num(year);
  return `${era[0]}${yearText}年${num(Number(ms))}月${num(Number(ds))}日`;
};

/** Formats an ISO date as 西暦 `1975年3月4日`. */
export const formatSeireki = (iso: string): string => {
  const [y, m, d] = iso.split("-");
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
};

/** A fictional address 「みほん県みほん市若葉三丁目12番5号」; kanji or arabic numerals, sometimes a building. */
export const fakeAddress = (rng: SeededRandom): string => {
  const kanji = rng.chance(0.5);
  const n = (v: number) => (kanji ? toKanjiNumber(v) : String(v));
  const chome = rng.int(1, 9);
  const ban = rng.int(1, 40);
  const go = rng.int(1, 30);
  const base = `${rng.pick(PREFECTURES)}${rng.pick(CITIES)}${rng.pick(TOWNS)}`;
  const style = rng.int(0, 2);
  const numbers =
    style === 0 ? `${n(chome)}丁目${n(ban)}番${n(go)}号`
    : style === 1 ? `${n(chome)}丁目${n(ban)}番地${n(go)}`
    : `${chome}-${ban}-${go}`;
  const building = rng.chance(0.25) ? `　${rng.pick(BUILDINGS)}${rng.int(1, 5)}0${rng.int(1, 9)}号室` : "";
  return base + numbers + building;
};

/** A fictional 本籍 (番地 form, as 戸籍 writes it). */
export const fakeHonseki = (rng: SeededRandom): string =>
  `${rng.pick(PREFECTURES)}${rng.pick(CITIES)}${rng.pick(TOWNS)}${toKanjiNumber(rng.int(1, 9))}丁目${rng.int(1, 999)}番地`;

/** An 11-digit 住民票コード with a valid 検査数字 (ten random digits: not anyone's code; no real code is derived). */
export const fakeJuminhyoCode = (rng: SeededRandom): string => {
  // Eleven draws, the last replaced by the check digit: the seeded stream stays as it was before the check
  // digit existed, so every other generated value (and every benchmark page) is unchanged.
  const body = Array.from({ length: 11 }, () => rng.int(0, 9)).join("").slice(0, 10);
  return body + String(juminhyoCodeCheckDigit(body));
};

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A 在留カード number matching `^[A-Z]{2}\d{8}[A-Z]{2}$`. */
export const fakeZairyuCardNumber = (rng: SeededRandom): string => {
  const l = () => LETTERS[rng.int(0, 25)] as string;
  return `${l()}${l()}${Array.from({ length: 8 }, () => rng.int(0, 9)).join("")}${l()}${l()}`;
};

/** A 12-digit number with a valid 個人番号 check digit (random digits: not anyone's number). */
export const fakeMyNumber = (rng: SeededRandom): string => {
  const body = Array.from({ length: 11 }, () => rng.int(0, 9)).join("");
  return body + String(myNumberCheckDigit(body));
};

/** A 6-digit 全国地方公共団体コード from a 5-digit body: weights 6,5,4,3,2, check = (11 − sum mod 11) mod 10. */
export const withMunicipalityCheckDigit = (body: string): string => {
  if (!/^\d{5}$/.test(body)) throw new Error("municipality code body must be 5 digits");
  const sum = [6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + String((11 - (sum % 11)) % 10);
};

/** True when a 6-digit municipality code has a valid check digit. */
export const isValidMunicipalityCode = (code: string): boolean =>
  /^\d{6}$/.test(code) && withMunicipalityCheckDigit(code.slice(0, 5)) === code;

const person = (rng: SeededRandom, family: NameEntry, sex: Sex, relationship: Relationship, birthDate: string): FakePerson => {
  const given = rng.pick(sex === "男" ? MALE_GIVEN : FEMALE_GIVEN);
  return {
    familyName: family[0],
    givenName: given[0],
    fullName: `${family[0]}　${given[0]}`,
    familyKana: family[1],
    givenKana: given[1],
    fullKana: `${family[1]}　${given[1]}`,
    romanName: `${family[2]} ${given[2]}`,
    sex,
    relationship,
    birthDate,
    juminhyoCode: fakeJuminhyoCode(rng),
  };
};

/** Options of {@link fakeHousehold}. */
export interface HouseholdOptions {
  /** Number of members including the head (1..8). Default: random 1..5. */
  readonly size?: number;
}

/**
 * A household whose dates fit the relationships: a spouse within 8 years of the head, children born
 * when both parents were 18–45, a parent of the head 20–40 years older, the move planned in 令和 after
 * everybody's birth.
 */
export const fakeHousehold = (seedOrRng: number | SeededRandom, options: HouseholdOptions = {}): FakeHousehold => {
  const rng = typeof seedOrRng === "number" ? seededRandom(seedOrRng) : seedOrRng;
  const size = Math.max(1, Math.min(8, options.size ?? rng.int(1, 5)));
  const family = rng.pick(FAMILY_NAMES);
  const plannedMoveDate = randomDate(rng, 2020, 2026);
  const plannedYear = Number(plannedMoveDate.slice(0, 4));
  const headSex: Sex = rng.chance(0.8) ? "男" : "女";
  const head = person(rng, family, headSex, "世帯主", randomDate(rng, 1935, plannedYear - 20 - Math.min(size - 1, 3) * 2));
  const members: FakePerson[] = [head];
  const headYear = Number(head.birthDate.slice(0, 4));
  let spouseYear = headYear;
  if (size >= 2 && rng.chance(0.85)) {
    // At most plannedYear − 19, so children (born ≥ 18 years after both parents) fit before the move.
    spouseYear = Math.min(plannedYear - 19, headYear + rng.int(-8, 8));
    members.push(person(rng, family, headSex === "男" ? "女" : "男", headSex === "男" ? "妻" : "夫", randomDate(rng, spouseYear, spouseYear)));
  }
  if (members.length < size && rng.chance(0.15) && headYear - 40 >= 1900) {
    const y = headYear - rng.int(20, 40);
    members.push(person(rng, family, rng.chance(0.5) ? "男" : "女", rng.chance(0.5) ? "父" : "母", randomDate(rng, y, y)));
  }
  const youngest = Math.max(headYear, spouseYear);
  const oldest = Math.min(headYear, spouseYear);
  while (members.length < size) {
    const from = youngest + 18;
    const to = Math.min(oldest + 45, plannedYear - 1);
    const birth = randomDate(rng, from, Math.max(from, to));
    members.push(person(rng, family, rng.chance(0.5) ? "男" : "女", "子", birth));
  }
  return {
    address: fakeAddress(rng),
    head,
    members,
    honsekiAddress: fakeHonseki(rng),
    honsekiHead: head,
    destination: fakeAddress(rng),
    plannedMoveDate,
  };
};
