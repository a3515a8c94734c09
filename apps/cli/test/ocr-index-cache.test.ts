import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadTemplates, SHIPPED_TEMPLATES_DIR, synthesizeScan } from "@madoguchi/ocr-engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexCacheDir } from "../src/commands/ocr-identify.ts";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

/**
 * `madoguchi ocr` without `--template` keeps the identification index between runs: the first run stores
 * one entry per template with a reference image, the next one reads them (nothing rewritten) and
 * identifies the same; `MADOGUCHI_OCR_INDEX_CACHE=off` uses none.
 */
const TEMPLATE = "unten-menkyo/*/v1";
const dir = tempDir();
const scanFile = join(dir.path, "menkyo.jpg");
const cache = join(dir.path, "index-cache");

beforeAll(async () => {
  const template = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().find((t) => t.id === TEMPLATE)!;
  const s = (await synthesizeScan(template, { seed: 4, dpi: 200, degrade: { rotationDeg: 1, scale: 0.98, shiftPx: { x: 5, y: -3 }, blurSigma: 0, noiseSigma: 3, jpegQuality: 90 } }))._unsafeUnwrap();
  writeFileSync(scanFile, s.scan!.image);
}, 60_000);
afterAll(() => dir.remove());

type Identified = { identification: { templateId: string; coverage: number; score: number } };

describe("madoguchi ocr: the identification index cache", () => {
  it("the first run stores the index, the second reads it and identifies the same", async () => {
    const first = await madoguchi(["ocr", scanFile, "--json"], { env: { MADOGUCHI_OCR_INDEX_CACHE: cache } });
    expect(first.stderr).not.toMatch(STACK_TRACE);
    expect(first.code).toBe(0);
    const entries = readdirSync(cache).filter((f) => f.endsWith(".bin"));
    const withReference = (await loadTemplates(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap().filter((t) => t.referenceImage !== null).length;
    expect(entries).toHaveLength(withReference);
    const written = new Map(entries.map((f) => [f, statSync(join(cache, f)).mtimeMs]));

    const second = await madoguchi(["ocr", scanFile, "--json"], { env: { MADOGUCHI_OCR_INDEX_CACHE: cache } });
    expect(second.code).toBe(0);
    expect(jsonOf<Identified>(second).identification).toEqual(jsonOf<Identified>(first).identification);
    expect(jsonOf<Identified>(second).identification.templateId).toBe(TEMPLATE);
    // Nothing rebuilt: every entry is the file the first run wrote.
    for (const f of readdirSync(cache).filter((x) => x.endsWith(".bin"))) expect(statSync(join(cache, f)).mtimeMs).toBe(written.get(f));
  }, 120_000);

  it("chooses the directory from MADOGUCHI_OCR_INDEX_CACHE, XDG_CACHE_HOME or HOME; off disables it", () => {
    expect(indexCacheDir({ MADOGUCHI_OCR_INDEX_CACHE: "/srv/cache" })).toBe("/srv/cache");
    expect(indexCacheDir({ MADOGUCHI_OCR_INDEX_CACHE: "off", HOME: "/home/a" })).toBeNull();
    expect(indexCacheDir({ XDG_CACHE_HOME: "/x", HOME: "/home/a" })).toBe("/x/madoguchi/ocr-index");
    expect(indexCacheDir({ HOME: "/home/a" })).toBe("/home/a/.cache/madoguchi/ocr-index");
    // A relative path would depend on where the command is run: the default is used instead.
    expect(indexCacheDir({ MADOGUCHI_OCR_INDEX_CACHE: "cache", HOME: "/home/a" })).toBe("/home/a/.cache/madoguchi/ocr-index");
  });
});
