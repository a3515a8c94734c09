/**
 * Procedural 転出証明書 layouts. Each municipality prints its own form, so the engine has to cope with
 * hundreds of layouts; this generator makes them reproducibly from a seed by varying label wording,
 * block order and geometry, table vs. stacked member rows, row count and type size. The templates
 * use exactly the shapes of `templates/template.ts`; the renderer draws what they say, so a template
 * and its rendered page always agree.
 */
import type { Region, RepeatGroup, Template, TemplateField } from "../templates/template.ts";
import { RELATIONSHIPS, withMunicipalityCheckDigit } from "./fake-residents.ts";
import { type SeededRandom, seededRandom } from "./seeded-random.ts";

/** Page geometry of every generated 転出証明書 (A4 portrait, reference 200 dpi). */
export const TENSHUTSU_PAGE = { widthMm: 210, heightMm: 297, dpi: 200 } as const;

/** Field keys of generated 転出証明書 templates (top level). */
export const TENSHUTSU_FIELD_KEYS = [
  "household.address", "household.head", "move.destination", "move.plannedDate", "domicile.address", "domicile.head",
] as const;

/** Field keys of the `members` repeat group. */
export const TENSHUTSU_MEMBER_KEYS = ["members[].name", "members[].birthDate", "members[].sex", "members[].relationship"] as const;

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const region = (x: number, y: number, width: number, height: number): Region =>
  ({ x: round(x), y: round(y), width: round(width), height: round(height) });

type FieldSpec = Pick<TemplateField, "key" | "type"> & { readonly en: string };

const field = (spec: FieldSpec, ja: string, r: Region): TemplateField => {
  const base = { key: spec.key, label: { ja, en: spec.en }, region: r, type: spec.type, required: true } as const;
  switch (spec.type) {
    case "name":
      return { ...base, hints: { psm: 7 }, post: {}, review: { minConfidence: 90, always: true } };
    case "date-wareki":
      return {
        ...base,
        hints: { psm: 7, whitelist: "明治大正昭和平成令和元年月日0123456789" },
        post: spec.key === "move.plannedDate" ? { minDate: "2019-05-01" } : { minDate: "1868-10-23" },
        review: { minConfidence: 80, always: false },
      };
    case "enum":
      return {
        ...base,
        hints: { psm: 7 },
        post: { values: spec.key === "members[].sex" ? ["男", "女"] : [...RELATIONSHIPS] },
        review: { minConfidence: 80, always: false },
      };
    default:
      return { ...base, hints: { psm: 7 }, post: {}, review: { minConfidence: 85, always: false } };
  }
};

const SPEC = {
  "household.address": { key: "household.address", type: "address", en: "Address" },
  "household.head": { key: "household.head", type: "name", en: "Head of household" },
  "move.destination": { key: "move.destination", type: "address", en: "Destination" },
  "move.plannedDate": { key: "move.plannedDate", type: "date-wareki", en: "Planned move date" },
  "domicile.address": { key: "domicile.address", type: "address", en: "Registered domicile" },
  "domicile.head": { key: "domicile.head", type: "name", en: "Head of family register" },
  "members[].name": { key: "members[].name", type: "name", en: "Name" },
  "members[].birthDate": { key: "members[].birthDate", type: "date-wareki", en: "Date of birth" },
  "members[].sex": { key: "members[].sex", type: "enum", en: "Sex" },
  "members[].relationship": { key: "members[].relationship", type: "enum", en: "Relationship" },
} as const satisfies Record<string, FieldSpec>;

/** Label wordings seen on real forms (one is chosen per layout). */
const WORDING: Record<keyof typeof SPEC | "title" | "certify", readonly string[]> = {
  "household.address": ["住所", "転出前住所", "住所（転出元）", "現住所"],
  "household.head": ["世帯主", "世帯主氏名", "世帯主の氏名"],
  "move.destination": ["転出先", "転出先住所", "新住所", "転出先の住所"],
  "move.plannedDate": ["転出予定年月日", "転出予定日", "異動予定年月日"],
  "domicile.address": ["本籍", "本籍地"],
  "domicile.head": ["筆頭者", "筆頭者氏名", "筆頭者の氏名"],
  "members[].name": ["氏名", "氏　名", "転出者氏名"],
  "members[].birthDate": ["生年月日", "生　年　月　日"],
  "members[].sex": ["性別", "性"],
  "members[].relationship": ["続柄", "世帯主との続柄", "続　柄"],
  title: ["転出証明書", "転 出 証 明 書", "転出証明書（住民基本台帳法第24条）"],
  certify: ["上記のとおり転出したことを証明します。", "この写しは転出の届出に基づき作成したものです。", "上記のとおり証明する。"],
};

const MAYORS = ["みほん市長", "あおば市長", "ためし町長", "もくじ市長", "ひがしみほん市長", "さんぷる村長"] as const;

type Block = "household" | "move" | "honseki" | "members";

interface Ctx {
  readonly rng: SeededRandom;
  readonly anchors: { text: string; region: Region }[];
  readonly fields: TemplateField[];
  readonly words: (key: keyof typeof WORDING) => string;
  readonly left: number;
  readonly right: number;
  readonly labelW: number;
  readonly rowH: number;
  readonly gap: number;
}

/** One labelled row: label cell at the left, value cell to the right, both inset from the row box. */
const labelledRow = (c: Ctx, y: number, x0: number, x1: number, labelW: number, key: keyof typeof SPEC) => {
  const padX = 0.005;
  const padY = c.rowH * 0.12;
  const label = c.words(key);
  c.anchors.push({ text: label, region: region(x0 + padX, y + padY, labelW - 2 * padX, c.rowH - 2 * padY) });
  return field(SPEC[key], label, region(x0 + labelW + padX, y + padY, x1 - x0 - labelW - 2 * padX, c.rowH - 2 * padY));
};

/** Height of a block of top-level rows, to budget the member rows. */
const blockRows = (b: Exclude<Block, "members">, sideBySideHonseki: boolean) => (b === "honseki" && sideBySideHonseki ? 1 : 2);

/** Builds the `members` repeat group, as a table (header + rows) or as stacked two-line entries. */
const membersGroup = (c: Ctx, y: number, budget: number, wantRows: number, table: boolean): { group: RepeatGroup; height: number } => {
  const { rng, left, right, rowH, gap } = c;
  const width = right - left;
  const padX = 0.005;
  const padY = rowH * 0.12;
  if (table) {
    const names = rng.chance(0.5)
      ? (["members[].name", "members[].birthDate", "members[].sex", "members[].relationship"] as const)
      : (["members[].name", "members[].relationship", "members[].sex", "members[].birthDate"] as const);
    const frac: Record<(typeof names)[number], number> = {
      "members[].name": rng.float(0.3, 0.38),
      "members[].birthDate": rng.float(0.3, 0.36),
      "members[].sex": rng.float(0.08, 0.11),
      "members[].relationship": 0,
    };
    frac["members[].relationship"] = 1 - frac["members[].name"] - frac["members[].birthDate"] - frac["members[].sex"];
    const rows = Math.max(1, Math.min(wantRows, Math.floor((budget - rowH) / rowH)));
    const fields: TemplateField[] = [];
    let x = left;
    for (const key of names) {
      const w = width * frac[key];
      const label = c.words(key);
      c.anchors.push({ text: label, region: region(x + padX, y + padY, w - 2 * padX, rowH - 2 * padY) });
      fields.push(field(SPEC[key], label, region(x + padX, y + rowH + padY, w - 2 * padX, rowH - 2 * padY)));
      x += w;
    }
    return {
      group: { key: "members", step: { dx: 0, dy: round(rowH) }, maxCount: rows, fields, presenceField: "members[].name" },
      height: rowH * (rows + 1),
    };
  }
  // Stacked: 氏名 + 続柄 on the first line, 生年月日 + 性別 on the second, labels repeated per entry.
  const step = 2 * rowH + gap;
  const rows = Math.max(1, Math.min(wantRows, Math.floor((budget + gap) / step)));
  const split = left + width * rng.float(0.6, 0.7);
  const smallLabel = c.labelW * rng.float(0.6, 0.85);
  const fields: TemplateField[] = [];
  const firstAnchor = c.anchors.length;
  fields.push(labelledRow(c, y, left, split, c.labelW, "members[].name"));
  fields.push(labelledRow(c, y, split, right, smallLabel, "members[].relationship"));
  fields.push(labelledRow(c, y + rowH, left, split, c.labelW, "members[].birthDate"));
  fields.push(labelledRow(c, y + rowH, split, right, smallLabel, "members[].sex"));
  // The printed form repeats the labels in every entry.
  const rowAnchors = c.anchors.slice(firstAnchor);
  for (let i = 1; i < rows; i++) {
    for (const a of rowAnchors) c.anchors.push({ text: a.text, region: region(a.region.x, a.region.y + i * step, a.region.width, a.region.height) });
  }
  return {
    group: { key: "members", step: { dx: 0, dy: round(step) }, maxCount: rows, fields, presenceField: "members[].name" },
    height: rows * step - gap,
  };
};

/** Geometry fingerprint of a template: every anchor and field region, rounded. Two layouts with the same fingerprint look the same. */
export const layoutFingerprint = (t: Template): string => {
  const r = (g: Region) => `${g.x},${g.y},${g.width},${g.height}`;
  return [
    ...t.anchors.map((a) => `a:${a.text}@${r(a.region)}`),
    ...t.fields.map((f) => `f:${f.key}@${r(f.region)}`),
    ...t.repeatGroups.flatMap((g) => [`g:${g.key}:${g.step.dx},${g.step.dy}x${g.maxCount}`, ...g.fields.map((f) => `f:${f.key}@${r(f.region)}`)]),
  ].join("|");
};

/** One layout from its own generator and issuer code. */
const generateOne = (rng: SeededRandom, issuer: string): Template => {
  const chosen = new Map<string, string>();
  const words = (key: keyof typeof WORDING) => {
    const w = chosen.get(key) ?? rng.pick(WORDING[key]);
    chosen.set(key, w);
    return w;
  };
  const left = rng.float(0.06, 0.11);
  const right = 1 - rng.float(0.06, 0.11);
  const c: Ctx = {
    rng, anchors: [], fields: [], words, left, right,
    labelW: rng.float(0.13, 0.22), rowH: rng.float(0.028, 0.042), gap: rng.float(0.004, 0.012),
  };
  const blockGap = rng.float(0.01, 0.025);
  const titleY = rng.float(0.03, 0.06);
  const titleH = rng.float(0.032, 0.048);
  const titleW = rng.float(0.35, 0.6);
  const titleX = rng.chance(0.7) ? (1 - titleW) / 2 : left;
  c.anchors.push({ text: words("title"), region: region(titleX, titleY, titleW, titleH) });

  const order: Block[] = ["household", "move", "honseki"];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as Block, order[i] as Block];
  }
  order.splice(rng.int(1, 3), 0, "members");
  const sideBySideHonseki = rng.chance(0.5);
  const table = rng.chance(0.5);
  const wantRows = rng.int(3, 8);

  const top = titleY + titleH + rng.float(0.02, 0.04);
  const footerTop = rng.float(0.82, 0.86);
  const fixed = order
    .filter((b): b is Exclude<Block, "members"> => b !== "members")
    .reduce((h, b) => h + blockRows(b, sideBySideHonseki) * (c.rowH + c.gap), 0);
  const budget = footerTop - top - fixed - blockGap * (order.length - 1);

  let y = top;
  let group: RepeatGroup | null = null;
  for (const b of order) {
    if (b === "members") {
      const m = membersGroup(c, y, budget, wantRows, table);
      group = m.group;
      y += m.height + blockGap;
      continue;
    }
    const rows: [keyof typeof SPEC, keyof typeof SPEC] =
      b === "household" ? ["household.address", "household.head"]
      : b === "move" ? (rng.chance(0.5) ? ["move.destination", "move.plannedDate"] : ["move.plannedDate", "move.destination"])
      : ["domicile.address", "domicile.head"];
    if (b === "honseki" && sideBySideHonseki) {
      // The 筆頭者 cell keeps room for a full name (≥ ~0.2 of the page width).
      const split = left + (right - left) * rng.float(0.55, 0.62);
      c.fields.push(labelledRow(c, y, left, split, c.labelW, rows[0]));
      c.fields.push(labelledRow(c, y, split, right, c.labelW * rng.float(0.6, 0.8), rows[1]));
      y += c.rowH + c.gap;
    } else {
      for (const key of rows) {
        c.fields.push(labelledRow(c, y, left, right, c.labelW, key));
        y += c.rowH + c.gap;
      }
    }
    y += blockGap - c.gap;
  }
  const fy = Math.max(y + 0.01, footerTop);
  c.anchors.push({ text: words("certify"), region: region(left, fy, Math.min(0.7, right - left), c.rowH * 0.9) });
  const mayorW = rng.float(0.22, 0.3);
  c.anchors.push({ text: rng.pick(MAYORS), region: region(right - mayorW - 0.06, fy + c.rowH * 1.6, mayorW, c.rowH * 1.1) });
  if (group === null) throw new Error("members block missing");
  return {
    id: `tenshutsu-shomeisho/${issuer}/v1`,
    kind: "tenshutsu-shomeisho",
    issuer,
    version: 1,
    name: { ja: "転出証明書（合成）", en: "Certificate of moving out (synthetic)" },
    page: TENSHUTSU_PAGE,
    referenceImage: null,
    tint: "v-otsu",
    anchors: c.anchors,
    fields: c.fields,
    repeatGroups: [group],
  };
};

/**
 * `count` distinct 転出証明書 layouts from `seed`: distinct ids, distinct issuer codes (valid check
 * digit) and distinct geometry fingerprints. The same seed and count always give the same templates.
 */
export const generateTenshutsuLayouts = (seed: number, count: number): Template[] => {
  if (!Number.isInteger(count) || count < 0 || count > 50_000) throw new Error("count must be an integer in 0..50000");
  const rng = seededRandom(seed);
  const issuers = new Set<string>();
  const prints = new Set<string>();
  const out: Template[] = [];
  while (out.length < count) {
    const body = `${String(rng.int(1, 47)).padStart(2, "0")}${String(rng.int(100, 999))}`;
    const issuer = withMunicipalityCheckDigit(body);
    const layoutRng = rng.fork(issuer);
    if (issuers.has(issuer)) continue;
    const t = generateOne(layoutRng, issuer);
    const print = layoutFingerprint(t);
    if (prints.has(print)) continue;
    issuers.add(issuer);
    prints.add(print);
    out.push(t);
  }
  return out;
};
