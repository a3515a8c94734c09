/**
 * Values to draw on a template, taken from a fake household by field key and type. Known keys of the
 * 転出証明書 get the household's own values (so the page is consistent: the 世帯主 is member 1); any
 * other template (cards, 戸籍, templates written as JSON) gets a plausible value for each field type.
 */
import type { Template, TemplateField } from "../templates/template.ts";
import {
  type FakeHousehold, type FakePerson, fakeHousehold, fakeMyNumber, fakeZairyuCardNumber,
  formatSeireki, formatWareki, randomDate,
} from "./fake-residents.ts";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

/** The text to draw per top-level field key and, per repeat group, per row. */
export interface DocumentValues {
  readonly fields: Readonly<Record<string, string>>;
  readonly groups: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const FICTIONAL_NATIONALITIES = ["ミホン国", "タメシ共和国", "サンプル連邦"] as const;
const STATUSES = ["永住者", "留学", "技術・人文知識・国際業務", "家族滞在", "定住者"] as const;

/**
 * Generates a string for a simple regular expression source: `\d`, `[A-Z]`, `[0-9]`, `[A-Z0-9]`,
 * literals, `{n}` / `{n,m}` quantifiers, `^`/`$`. Returns null for anything richer, so the caller falls
 * back to a type default instead of drawing something that does not match.
 */
export const sampleSimplePattern = (source: string, rng: SeededRandom): string | null => {
  const body = source.replace(/^\^/, "").replace(/\$$/, "");
  const token = /\\d|\[([A-Z0-9\-]+)\]|([^\\[\]{}()|*+?.])|\{(\d+)(?:,(\d+))?\}/gy;
  let out = "";
  let last: (() => string) | null = null;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < body.length) {
    token.lastIndex = pos;
    m = token.exec(body);
    if (m === null) return null;
    pos = token.lastIndex;
    if (m[3] !== undefined) {
      if (last === null) return null;
      const n = m[4] === undefined ? Number(m[3]) : rng.int(Number(m[3]), Number(m[4]));
      const gen: () => string = last;
      for (let i = 1; i < n; i++) out += gen();
      last = null;
      continue;
    }
    const gen: () => string =
      m[0] === "\\d" ? () => String(rng.int(0, 9))
      : m[1] !== undefined ? charClass(m[1], rng)
      : ((lit: string) => () => lit)(m[2] as string);
    out += gen();
    last = gen;
  }
  return out;
};

const charClass = (spec: string, rng: SeededRandom): (() => string) => {
  const chars: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const a = spec[i] as string;
    if (spec[i + 1] === "-" && i + 2 < spec.length) {
      const b = spec[i + 2] as string;
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) chars.push(String.fromCharCode(c));
      i += 2;
    } else chars.push(a);
  }
  return () => rng.pick(chars.length > 0 ? chars : [...LETTERS]);
};

/** Birth-order ordinals of a 戸籍's 続柄 (長男, 二女 …); beyond 十 the register writes 十一男, which no template needs. */
const ORDINALS = ["長", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

/**
 * A 戸籍's 続柄 (長男, 二女): the person's place among their parents' children of the same sex. A child of the
 * household takes it from the household's children born before them; anyone else (head, spouse, parent, whose
 * siblings the household does not list) is mostly a first child.
 */
const kosekiRelationship = (p: FakePerson, h: FakeHousehold, rng: SeededRandom): string => {
  const place = p.relationship === "子"
    ? h.members.filter((m) => m.relationship === "子" && m.sex === p.sex && m.birthDate < p.birthDate).length
    : rng.pick([0, 0, 0, 1, 1, 2]);
  return `${ORDINALS[Math.min(place, ORDINALS.length - 1)]}${p.sex}`;
};

/** A value for one field of a generic template, consistent with the person the document is about. */
const valueFor = (f: TemplateField, p: FakePerson, h: FakeHousehold, rng: SeededRandom, gannen: boolean): string => {
  const key = f.key.toLowerCase();
  const date = (iso: string) =>
    f.type === "date-seireki" ? formatSeireki(iso) : f.type === "date" && rng.chance(0.5) ? formatSeireki(iso) : formatWareki(iso, { gannen });
  switch (f.type) {
    case "name":
      return key.includes("head") ? h.head.fullName : p.fullName;
    case "kana":
      return p.fullKana;
    case "roman-name":
      return p.romanName;
    case "date-wareki":
    case "date-seireki":
    case "date": {
      const iso = key.includes("birth") ? p.birthDate
        : key.includes("expir") || key.includes("valid") || key.includes("until") || key.includes("end") ? randomDate(rng, 2027, 2034)
        : key.includes("planned") || key.includes("move") ? h.plannedMoveDate
        : randomDate(rng, 2019, 2026);
      return date(iso < "1868-10-23" ? "1950-01-01" : iso);
    }
    case "address":
      return key.includes("honseki") || key.includes("domicile") ? h.honsekiAddress : key.includes("destination") ? h.destination : h.address;
    case "enum": {
      const values = f.post.values ?? [];
      if (values.includes(p.sex) && values.every((v) => v === "男" || v === "女")) return p.sex;
      if (values.includes(p.relationship)) return p.relationship;
      return values.length > 0 ? rng.pick(values) : "";
    }
    case "number": {
      if (f.post.checkDigit === "mynumber") return fakeMyNumber(rng);
      if (f.post.checkDigit === "juminhyo-code" || key.includes("residentcode") || key.includes("juminhyo")) return p.juminhyoCode;
      const sampled = f.post.pattern === undefined ? null : sampleSimplePattern(f.post.pattern, rng);
      return sampled ?? Array.from({ length: 12 }, () => rng.int(0, 9)).join("");
    }
    case "code": {
      const sampled = f.post.pattern === undefined ? null : sampleSimplePattern(f.post.pattern, rng);
      return sampled ?? fakeZairyuCardNumber(rng);
    }
    case "text":
      return key.includes("national") ? rng.pick(FICTIONAL_NATIONALITIES)
        : key.includes("status") ? rng.pick(STATUSES)
        : key.includes("juminhyo") ? p.juminhyoCode
        : key.includes("sex") ? p.sex
        : key.includes("relationship") ? kosekiRelationship(p, h, rng)
        : `みほん${rng.int(1, 99)}`;
  }
};

/** The values to draw for a template: a fake household (1..maxCount members) mapped onto its fields. */
export const fakeValuesFor = (template: Template, seed: number): DocumentValues => {
  const rng = seededRandom(seed);
  const maxRows = template.repeatGroups.reduce((m, g) => Math.max(m, g.maxCount), 1);
  const h = fakeHousehold(rng.fork("household"), { size: rng.int(1, Math.min(5, maxRows)) });
  // Issuers differ: some print year 1 of an era as 元年, others as 1年.
  const gannen = rng.chance(0.5);
  const fields: Record<string, string> = {};
  for (const f of template.fields) fields[f.key] = valueFor(f, h.head, h, rng, gannen);
  const groups: Record<string, Record<string, string>[]> = {};
  for (const g of template.repeatGroups) {
    groups[g.key] = h.members.slice(0, g.maxCount).map((p) => {
      const row: Record<string, string> = {};
      for (const f of g.fields) row[f.key] = valueFor(f, p, h, rng, gannen);
      return row;
    });
  }
  return { fields, groups };
};
