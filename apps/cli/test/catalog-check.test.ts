import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openMikroOrmAuditLog } from "@madoguchi/adapter-mikro-orm";
import { jsonOf, madoguchi, REPO_ROOT, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

type CatalogFile = {
  deliveryMethods: { id: string }[];
  procedures: { id: string; name: { ja: string; en: string }; feePerCopy: number; deliveryMethodIds: string[] }[];
};
const shipped = (): CatalogFile => JSON.parse(readFileSync(join(REPO_ROOT, "config/procedures.json"), "utf8")) as CatalogFile;

describe("madoguchi catalog check", { timeout: 30_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  const writeCatalog = (catalog: unknown): string => {
    const path = join(dir.path, "procedures.json");
    writeFileSync(path, JSON.stringify(catalog, null, 2));
    return path;
  };

  it("accepts the shipped catalog and prints its procedures in Japanese, then English", async () => {
    const run = await madoguchi(["catalog", "check"]);
    expect(run.code).toBe(0);
    const catalog = shipped();
    expect(run.stdout).toContain(`OK: ${catalog.procedures.length} procedures`);
    expect(run.stdout).toMatch(/^OK: みほん市（999999）の手続 9 件/);
    for (const p of catalog.procedures) {
      expect(run.stdout).toContain(p.id);
      expect(run.stdout).toContain(p.name.ja);
      expect(run.stdout).toContain(p.name.en);
    }
    expect(run.stdout).toContain("住民票の写し");
    expect(run.stdout).toMatch(/juminhyo\s+住民票の写し\s+300円\s+standard, express, simple-registered/);
    expect(run.stdout.indexOf("住民票の写し")).toBeLessThan(run.stdout.indexOf("Certificate of residence"));
  });

  it("reports the catalog as JSON with --json", async () => {
    const run = await madoguchi(["catalog", "check", "config/procedures.json", "--json"]);
    expect(run.code).toBe(0);
    const out = jsonOf<{ procedures: { id: string; feePerCopy: number }[] }>(run);
    expect(out.ok).toBe(true);
    expect(out.procedures.map((p) => p.id)).toEqual(shipped().procedures.map((p) => p.id));
    expect(out.procedures.map((p) => p.feePerCopy)).toEqual(shipped().procedures.map((p) => p.feePerCopy));
  });

  it("exits 1 and names the entry and field of a negative fee", async () => {
    const catalog = shipped();
    catalog.procedures[2]!.feePerCopy = -450;
    const run = await madoguchi(["catalog", "check", writeCatalog(catalog)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('procedures[2] ("koseki").feePerCopy');
    expect(run.stderr).toContain("カタログに 1 件の問題があります");
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 1 and names a duplicate procedure id", async () => {
    const catalog = shipped();
    catalog.procedures[3]!.id = catalog.procedures[0]!.id;
    const run = await madoguchi(["catalog", "check", writeCatalog(catalog), "--lang", "en"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('procedures[3] ("juminhyo").id: duplicate procedure id "juminhyo"');
  });

  it("exits 1 and names an unknown delivery method, and lists every issue at once", async () => {
    const catalog = shipped();
    catalog.procedures[1]!.deliveryMethodIds = ["standard", "drone"];
    catalog.procedures[5]!.deliveryMethodIds = ["carrier-pigeon"];
    const run = await madoguchi(["catalog", "check", writeCatalog(catalog), "--json"]);
    expect(run.code).toBe(1);
    const out = jsonOf<{ error: { code: string; issues: { path: string; message: string }[] } }>(run);
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe("catalog.invalid");
    expect(out.error.issues.map((i) => i.path)).toEqual([
      'procedures[1] ("inkan").deliveryMethodIds[1]',
      'procedures[5] ("mibun").deliveryMethodIds[0]',
    ]);
    expect(out.error.issues[0]?.message).toContain('unknown delivery method "drone"');
  });

  it("exits 1 with the position when the file is not JSON, and when it does not exist", async () => {
    const path = join(dir.path, "broken.json");
    writeFileSync(path, '{ "municipality": ');
    const broken = await madoguchi(["catalog", "check", path, "--lang", "en"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`error: not valid JSON: ${path}`);
    expect(broken.stderr).not.toMatch(STACK_TRACE);

    const missing = await madoguchi(["catalog", "check", "config/no-such-file.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ファイルがありません: config/no-such-file.json");
    expect(missing.stderr).toContain("no such file: config/no-such-file.json");
  });

  it("checks the file named by MADOGUCHI_CATALOG_FILE, as the server reads it", async () => {
    const catalog = shipped();
    catalog.procedures[0]!.feePerCopy = 1.5;
    const run = await madoguchi(["catalog", "check"], { env: { MADOGUCHI_CATALOG_FILE: writeCatalog(catalog) } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('procedures[0] ("juminhyo").feePerCopy');
  });

  it("with --stored, checks the procedures saved in the back office with the file, as the server's start does", async () => {
    const file = join(dir.path, "madoguchi.sqlite");
    expect((await madoguchi(["migrate", "--database", `sqlite:${file}`])).code).toBe(0);
    const none = await madoguchi(["catalog", "check", "--stored", "--database", `sqlite:${file}`]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("管理画面で保存された手続はありません");
    expect(none.stdout).toContain("配送方法・分類・ライフイベントはファイルのものを使います。");

    // Staff saved 住民票の写し at 350 yen, sent by express only (what the server's editor stores).
    const catalog = shipped();
    const saved = catalog.procedures.map((p) => (p.id === "juminhyo" ? { ...p, feePerCopy: 350, deliveryMethodIds: ["express"] } : p));
    const opened = (await openMikroOrmAuditLog({ driver: "sqlite", path: file }))._unsafeUnwrap();
    try {
      (await opened.settings.put("procedures.definitions", saved as never, 0, new Date(), []))._unsafeUnwrap();
    } finally {
      await opened.close();
    }
    const stored = await madoguchi(["catalog", "check", "--stored", "--database", `sqlite:${file}`]);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toContain("管理画面で保存されたもの（版 1）");
    expect(stored.stdout).toMatch(/juminhyo\s+住民票の写し\s+350円\s+express/);

    // A file without express no longer fits what staff saved: named, exit 1, before a server start would fail.
    const withoutExpress = { ...catalog, deliveryMethods: catalog.deliveryMethods.filter((m) => m.id !== "express"), procedures: catalog.procedures.map((p) => ({ ...p, deliveryMethodIds: p.deliveryMethodIds.filter((id) => id !== "express") })) };
    const unfit = await madoguchi(["catalog", "check", writeCatalog(withoutExpress), "--stored", "--database", `sqlite:${file}`]);
    expect(unfit.code).toBe(1);
    expect(unfit.stderr).toContain("管理画面で保存された手続が、このカタログに合いません");
    expect(unfit.stderr).toContain('deliveryMethodIds[0]: unknown delivery method "express"');
    expect(unfit.stderr).not.toMatch(STACK_TRACE);

    // Then staff raised the express postage on the lists page: the table shows the postage in force.
    const { categories = [], lifeEvents = [] } = catalog as { categories?: unknown[]; lifeEvents?: unknown[] };
    const lists = { deliveryMethods: catalog.deliveryMethods.map((m) => (m.id === "express" ? { ...m, postage: 600 } : m)), categories, lifeEvents };
    const reopened = (await openMikroOrmAuditLog({ driver: "sqlite", path: file }))._unsafeUnwrap();
    try {
      (await reopened.settings.put("procedures.lists", lists as never, 0, new Date(), []))._unsafeUnwrap();
    } finally {
      await reopened.close();
    }
    const withLists = await madoguchi(["catalog", "check", "--stored", "--database", `sqlite:${file}`]);
    expect(withLists.code).toBe(0);
    expect(withLists.stdout).toContain("配送方法・分類・ライフイベントは管理画面で保存されたもの（版 1）を使います。");
    expect(withLists.stdout).toMatch(/express\s+\S+\s+600円/);
  });
});
