import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentKind, Template } from "../src/templates/template.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";
import { placedRegions, regionsOverlap } from "../src/templates/template-regions.ts";

const ALL_KINDS: readonly DocumentKind[] = [
  "tenshutsu-shomeisho",
  "tenshutsu-kakunin",
  "zairyu-card",
  "tokubetsu-eijusha",
  "unten-menkyo",
  "mynumber-card",
  "koseki-zenbu",
  "koseki-fuhyo",
];

describe("shipped templates", () => {
  let templates: Template[] = [];
  beforeAll(async () => {
    const loaded = await loadTemplates(SHIPPED_TEMPLATES_DIR);
    if (loaded.isErr()) throw new Error(loaded.error.message);
    templates = loaded.value;
  });

  it("all decode, and the catalogue covers every document kind", () => {
    expect(templates.length).toBeGreaterThanOrEqual(ALL_KINDS.length + 2);
    expect(new Set(templates.map((t) => t.kind))).toEqual(new Set(ALL_KINDS));
  });

  it("has three 転出証明書 layout families from three municipalities", () => {
    const tenshutsu = templates.filter((t) => t.kind === "tenshutsu-shomeisho");
    expect(new Set(tenshutsu.map((t) => t.issuer)).size).toBeGreaterThanOrEqual(3);
    // Families differ in geometry, not only in issuer: the members rows step across or down, on different pages.
    const shapes = new Set(tenshutsu.map((t) => `${t.page.widthMm}x${t.page.heightMm}:${t.repeatGroups[0]?.step.dx}:${t.repeatGroups[0]?.step.dy}`));
    expect(shapes.size).toBe(3);
    for (const t of tenshutsu) {
      const keys = t.fields.map((f) => f.key);
      for (const k of ["household.address", "household.head", "move.destination", "move.plannedDate", "domicile.address", "domicile.head"]) expect(keys).toContain(k);
      const members = t.repeatGroups.find((g) => g.key === "members");
      expect(members?.fields.map((f) => f.key)).toEqual(expect.arrayContaining(["members[].name", "members[].birthDate", "members[].sex", "members[].relationship", "members[].residentCode"]));
    }
  });

  it("has unique ids", () => {
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
  });

  it("flags every name for review and uses the tint method of its medium", () => {
    for (const t of templates) {
      for (const f of [...t.fields, ...t.repeatGroups.flatMap((g) => g.fields)]) if (f.type === "name") expect(f.review.always, `${t.id} ${f.key}`).toBe(true);
      const card = ["zairyu-card", "tokubetsu-eijusha", "unten-menkyo", "mynumber-card"].includes(t.kind);
      expect(t.tint, t.id).toBe(card ? "gray-otsu" : "v-otsu");
      if (card) expect([t.page.widthMm, t.page.heightMm], t.id).toEqual([85.6, 54]);
    }
  });

  it("never reads the 個人番号 of a My Number card", () => {
    const card = templates.find((t) => t.kind === "mynumber-card");
    expect(card?.fields.map((f) => f.key).sort()).toEqual(["card.expiry", "person.address", "person.birthDate", "person.name", "person.sex"]);
  });

  it("reads the 在留カード number with its pattern", () => {
    const field = templates.find((t) => t.kind === "zairyu-card")?.fields.find((f) => f.key === "card.number");
    const pattern = new RegExp(field?.post.pattern ?? "(?!)");
    expect(pattern.test("AB12345678CD")).toBe(true);
    expect(pattern.test("AB1234567CD")).toBe(false);
  });

  it("no two regions overlap: labels, fields and every repeat row up to maxCount", () => {
    for (const t of templates) {
      const placed = placedRegions(t);
      const clashes: string[] = [];
      placed.forEach((a, i) =>
        placed.slice(i + 1).forEach((b) => {
          if (regionsOverlap(a.region, b.region)) clashes.push(`${JSON.stringify(a)} × ${JSON.stringify(b)}`);
        }),
      );
      expect(clashes, t.id).toEqual([]);
    }
  });
});

describe("loadTemplates", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ocr-templates-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports unparsable files, invalid templates and duplicate ids, each with the file name", async () => {
    const good = await readFile(join(SHIPPED_TEMPLATES_DIR, "zairyu-card.all.v1.json"), "utf8");
    await writeFile(join(dir, "a.json"), good);
    await writeFile(join(dir, "b.json"), good);
    await writeFile(join(dir, "c.json"), "{ not json");
    await writeFile(join(dir, "d.json"), JSON.stringify({ ...JSON.parse(good), issuer: "131017", id: "zairyu-card/131017/v1" }));
    await writeFile(join(dir, "notes.txt"), "ignored");
    const result = await loadTemplates(dir);
    expect(result.isErr()).toBe(true);
    const paths = result.isErr() ? result.error.issues.map((i) => i.path) : [];
    expect(paths).toEqual(["b.json: id", "c.json", "d.json: issuer"]);
  });

  it("reports a missing directory as a value", async () => {
    const result = await loadTemplates(join(dir, "missing"));
    expect(result.isErr() && result.error.code).toBe("template.invalid");
  });
});
