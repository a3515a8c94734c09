import { beforeAll, describe, expect, it } from "vitest";
import { postProcessDocument } from "../src/postprocess/post-process-document.ts";
import type { DocumentResult } from "../src/result/field-result.ts";
import { fakeValuesFor } from "../src/synthetic/fake-values.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import type { Template } from "../src/templates/template.ts";

/**
 * The ground truth the synthetic generator prints, read back perfectly (confidence 99), must come out
 * clean: the only reasons are the review policy's own (names, `review.always`). A reason here is a
 * post-processor or a cross-field check that rejects what real certificates print.
 */
const POLICY = new Set(["name_always_confirmed", "always_review"]);
const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

let templates: Template[] = [];
beforeAll(async () => {
  templates = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
});

const read = (values: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(values).map(([k, raw]) => [k, { raw, confidence: 99 }]));

/**
 * Fields whose reasons are wrong: a value the template's own pattern forbids must be flagged
 * `pattern_mismatch` (the generator prints a placeholder such as みほん12 for a text field it has no
 * value for); every other printed value must carry no reason beyond the policy.
 */
const unexpected = (t: Template, d: DocumentResult) => {
  const defs = new Map([...t.fields, ...t.repeatGroups.flatMap((g) => g.fields)].map((f) => [f.key, f]));
  return [...d.fields, ...Object.values(d.groups).flat(2)]
    .filter((f) => {
      const pattern = defs.get(f.key)?.post.pattern;
      const forbidden = pattern !== undefined && f.raw !== "" && !new RegExp(pattern).test(f.raw);
      return forbidden ? !f.reasons.includes("pattern_mismatch") : f.reasons.some((r) => !POLICY.has(r));
    })
    .map((f) => `${f.key}: ${f.reasons.join(",")} (${JSON.stringify(f.raw)} → ${JSON.stringify(f.value)})`);
};

describe("post-processing the shipped templates' synthetic ground truth", () => {
  it("loads the shipped templates", () => expect(templates.length).toBeGreaterThan(0));

  it("every printed value normalises without a reason beyond the review policy, and the cross-field checks pass", () => {
    const problems: string[] = [];
    for (const t of templates) {
      for (const seed of SEEDS) {
        const v = fakeValuesFor(t, seed);
        const d = postProcessDocument(
          t,
          { fields: read(v.fields), groups: Object.fromEntries(Object.entries(v.groups).map(([g, rows]) => [g, rows.map(read)])) },
          { today: "2026-11-23" },
        );
        problems.push(...unexpected(t, d).map((p) => `${t.id} seed ${seed}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it("the generator prints only what the templates' own patterns allow (a 戸籍's 続柄 is 長男, 二女 …, no placeholder)", () => {
    const forbidden: string[] = [];
    for (const t of templates) {
      const defs = [...t.fields, ...t.repeatGroups.flatMap((g) => g.fields)];
      for (const seed of SEEDS) {
        const v = fakeValuesFor(t, seed);
        const printed = [...Object.entries(v.fields), ...Object.values(v.groups).flat().flatMap((row) => Object.entries(row))];
        for (const [key, value] of printed) {
          const pattern = defs.find((f) => f.key === key)?.post.pattern;
          if (pattern !== undefined && !new RegExp(pattern).test(value)) forbidden.push(`${t.id} seed ${seed}: ${key} = ${value}`);
        }
      }
    }
    expect(forbidden).toEqual([]);
    const koseki = templates.find((t) => t.kind === "koseki-zenbu");
    const relationships = SEEDS.flatMap((seed) => (koseki === undefined ? [] : fakeValuesFor(koseki, seed).groups["persons"] ?? []).map((row) => row["persons[].relationship"]));
    expect(relationships).toContain("長男");
    expect(relationships.some((r) => r !== undefined && /^[二三四]/.test(r))).toBe(true);
  });

  it("a 続柄 swap on a shipped 転出証明書 is caught", () => {
    const t = templates.find((x) => x.id.startsWith("tenshutsu-shomeisho/131121"));
    expect(t).toBeDefined();
    const tpl = t as Template;
    const v = fakeValuesFor(tpl, 7);
    const rows = (v.groups["members"] ?? []).map(read);
    // 世帯主 row says 子: the 世帯主's own 続柄 contradicts the head field.
    const swapped = rows.map((row, i) => (i === 0 ? { ...row, "members[].relationship": { raw: "子", confidence: 99 } } : row));
    const d = postProcessDocument(tpl, { fields: read(v.fields), groups: { members: swapped } }, { today: "2026-11-23" });
    expect(d.reasons).toContain("relationship_inconsistent");
  });
});
