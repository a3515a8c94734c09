/**
 * Semantic checks of a template whose shape is already valid: what a type cannot say. Each check adds
 * its own issue with its own path, so staff fixing a drafted template see every problem at once.
 */
import type { Region, RepeatGroup, Template, TemplateField } from "./template.ts";
import type { TemplateIssue } from "./template.errors.ts";
import { isLocalGovernmentCode } from "./issuer-code.ts";

/** Float sums of normalised coordinates (0.1 + 0.2) must not fail a region that ends exactly at 1. */
const EPSILON = 1e-9;

/** Top-level field keys: dotted lower-camel segments, e.g. `household.head`, `move.plannedDate`. */
const FIELD_KEY = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
/** Repeat-group keys: one lower-camel word, e.g. `members`. */
const GROUP_KEY = /^[a-z][A-Za-z0-9]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Renders a path as `fields[3] ("members[].birthDate").region.x`: after an array index, the element's
 * `key` (when it has one) is quoted, because "fields[17]" alone sends staff counting.
 */
export const formatPath = (path: readonly PropertyKey[], root: unknown): string => {
  let out = "";
  let node: unknown = root;
  for (const segment of path) {
    if (typeof segment === "number") {
      out += `[${segment}]`;
      node = Array.isArray(node) ? node[segment] : undefined;
      const key = typeof node === "object" && node !== null ? (node as { key?: unknown }).key : undefined;
      if (typeof key === "string") out += ` (${JSON.stringify(key)})`;
    } else {
      const name = String(segment);
      out += out === "" ? name : `.${name}`;
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[name] : undefined;
    }
  }
  return out;
};

/** True when `s` is an ISO `YYYY-MM-DD` naming a real calendar day (no 2023-02-30). */
export const isIsoDate = (s: string): boolean => {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

const DATE_TYPES = new Set(["date", "date-wareki", "date-seireki"]);

/** Every problem of a shape-valid template; empty when the template is usable. */
export const checkTemplate = (t: Template): TemplateIssue[] => {
  const issues: TemplateIssue[] = [];
  const add = (path: readonly PropertyKey[], message: string) => issues.push({ path: formatPath(path, t), message });

  if (!(t.version >= 1)) add(["version"], "must be 1 or more");
  if (t.issuer !== "*") {
    if (!/^\d{6}$/.test(t.issuer)) add(["issuer"], 'must be a 6-digit 全国地方公共団体コード or "*"');
    else if (!isLocalGovernmentCode(t.issuer)) add(["issuer"], "check digit of the 全国地方公共団体コード is wrong");
  }
  const expectedId = `${t.kind}/${t.issuer}/v${t.version}`;
  if (t.id !== expectedId) add(["id"], `must be "<kind>/<issuer>/v<version>", here "${expectedId}"`);
  for (const k of ["widthMm", "heightMm", "dpi"] as const) if (!(t.page[k] > 0)) add(["page", k], "must be positive");
  if (t.name.ja.trim() === "" || t.name.en.trim() === "") add(["name"], "needs a Japanese and an English name");

  t.anchors.forEach((a, i) => {
    if (a.text.trim() === "") add(["anchors", i, "text"], "must not be empty");
    checkRegion(a.region, ["anchors", i, "region"], add);
  });

  const seen = new Map<string, string>();
  const claim = (key: string, path: readonly PropertyKey[]) => {
    const first = seen.get(key);
    if (first !== undefined) add(path, `duplicate key, first used at ${first}`);
    else seen.set(key, formatPath(path, t));
  };

  t.fields.forEach((f, i) => {
    const path = ["fields", i];
    if (!FIELD_KEY.test(f.key)) add([...path, "key"], "must be dotted lower-camel words, e.g. household.head");
    claim(f.key, [...path, "key"]);
    checkField(f, path, add);
  });

  t.repeatGroups.forEach((g, gi) => {
    const gpath = ["repeatGroups", gi];
    if (!GROUP_KEY.test(g.key)) add([...gpath, "key"], "must be one lower-camel word, e.g. members");
    claim(g.key, [...gpath, "key"]);
    checkGroup(g, gpath, add, claim, () => issues.length);
  });
  return issues;
};

type Add = (path: readonly PropertyKey[], message: string) => void;

const checkRegion = (r: Region, path: readonly PropertyKey[], add: Add, what = "") => {
  if (!(r.x >= 0)) add([...path, "x"], `must be 0 or more${what}`);
  if (!(r.y >= 0)) add([...path, "y"], `must be 0 or more${what}`);
  if (!(r.width > 0)) add([...path, "width"], "must be positive");
  else if (!(r.x + r.width <= 1 + EPSILON)) add([...path, "width"], `x + width must be at most 1 (inside the page)${what}`);
  if (!(r.height > 0)) add([...path, "height"], "must be positive");
  else if (!(r.y + r.height <= 1 + EPSILON)) add([...path, "height"], `y + height must be at most 1 (inside the page)${what}`);
};

const checkField = (f: TemplateField, path: readonly PropertyKey[], add: Add) => {
  if (f.label.ja.trim() === "") add([...path, "label", "ja"], "must not be empty");
  checkRegion(f.region, [...path, "region"], add);
  if (!(f.review.minConfidence >= 0 && f.review.minConfidence <= 100)) add([...path, "review", "minConfidence"], "must be between 0 and 100");
  if (f.post.pattern !== undefined) {
    try {
      new RegExp(f.post.pattern, "u");
    } catch {
      add([...path, "post", "pattern"], "is not a valid regular expression");
    }
  }
  if (f.type === "enum") {
    if (f.post.values === undefined || f.post.values.length === 0) add([...path, "post", "values"], "an enum field needs its values");
    else if (new Set(f.post.values).size !== f.post.values.length) add([...path, "post", "values"], "values must be unique");
  } else if (f.post.values !== undefined) add([...path, "post", "values"], `values apply to enum fields only, not ${f.type}`);
  if (f.post.vocabulary !== undefined) {
    if (f.type !== "text") add([...path, "post", "vocabulary"], `a vocabulary applies to text fields only, not ${f.type}`);
    else if (!/^[a-z][a-z0-9-]{0,39}$/.test(f.post.vocabulary)) add([...path, "post", "vocabulary"], "must be a lower-case name such as nationality");
  }
  const bounds = (["minDate", "maxDate"] as const).filter((k) => f.post[k] !== undefined);
  if (bounds.length > 0 && !DATE_TYPES.has(f.type)) add([...path, "post", bounds[0]!], `date bounds apply to date fields only, not ${f.type}`);
  for (const k of bounds) if (!isIsoDate(f.post[k]!)) add([...path, "post", k], "must be an ISO date YYYY-MM-DD");
  const { minDate, maxDate } = f.post;
  if (minDate !== undefined && maxDate !== undefined && isIsoDate(minDate) && isIsoDate(maxDate) && minDate > maxDate)
    add([...path, "post", "maxDate"], "must not be before minDate");
};

const checkGroup = (
  g: RepeatGroup,
  path: readonly PropertyKey[],
  add: Add,
  claim: (key: string, path: readonly PropertyKey[]) => void,
  issuesCount: () => number,
) => {
  if (!(g.maxCount >= 1)) add([...path, "maxCount"], "must be 1 or more");
  if (g.step.dx === 0 && g.step.dy === 0 && g.maxCount > 1) add([...path, "step"], "rows would all be in the same place");
  if (g.fields.length === 0) add([...path, "fields"], "a repeat group needs fields");
  const prefix = `${g.key}[].`;
  g.fields.forEach((f, i) => {
    const fpath = [...path, "fields", i];
    if (!f.key.startsWith(prefix) || !FIELD_KEY.test(f.key.slice(prefix.length)))
      add([...fpath, "key"], `must be "${prefix}<dotted lower-camel words>"`);
    claim(f.key, [...fpath, "key"]);
    const before = issuesCount();
    checkField(f, fpath, add);
    // A region already outside the page in row 1 is reported once, not again for the last row.
    if (g.maxCount > 1 && issuesCount() === before) {
      const n = g.maxCount - 1;
      const last = { ...f.region, x: f.region.x + n * g.step.dx, y: f.region.y + n * g.step.dy };
      checkRegion(last, [...fpath, "region"], add, ` in row ${g.maxCount} (origin + ${n} × step)`);
    }
  });
  if (!g.fields.some((f) => f.key === g.presenceField)) add([...path, "presenceField"], "must be the key of one of the group's fields");
};
