/**
 * The identification index cache: an entry survives a round trip exactly; a second build over the same
 * references reads every entry from the cache (nothing decoded) and identifies as the first; a changed
 * reference is a miss under a new key; a damaged entry is rebuilt, never an error. Also the skew
 * estimate a straight page gets (exactly 0, not float noise that would rotate it for nothing).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildTemplateIndex,
  createFileIndexCache,
  decodeIndexEntry,
  decodeReduced,
  encodeIndexEntry,
  identifyPage,
  indexCacheKey,
  inkOf,
  type IndexCache,
} from "../src/identify/index.ts";
import { estimateSkew } from "../src/identify/skew.ts";
import { generateTenshutsuLayouts, renderDocument, synthesizeScan } from "../src/synthetic/index.ts";

const layouts = generateTenshutsuLayouts(23, 4);
const blank = (i: number) => new Uint8Array(renderDocument(layouts[i]!, { fields: {}, groups: {} }, { dpi: 60, seed: 1 })._unsafeUnwrap().png);
const sources = layouts.map((t, i) => ({ templateId: t.id, image: blank(i) }));
const dir = mkdtempSync(join(tmpdir(), "identify-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file cache that counts what it served and stored. */
const counting = (cache: IndexCache) => {
  const counts = { hits: 0, writes: 0 };
  return {
    counts,
    cache: {
      read: async (key: string) => {
        const bytes = await cache.read(key);
        if (bytes !== null) counts.hits++;
        return bytes;
      },
      write: async (key: string, bytes: Uint8Array) => {
        counts.writes++;
        await cache.write(key, bytes);
      },
    } satisfies IndexCache,
  };
};

let uncached: Awaited<ReturnType<typeof buildTemplateIndex>> extends infer R ? R : never;
beforeAll(async () => {
  uncached = await buildTemplateIndex(sources);
}, 60_000);

describe("identification index cache", () => {
  it("round-trips an entry exactly, under any template id", () => {
    const entry = uncached._unsafeUnwrap().entries[0]!;
    expect(decodeIndexEntry("other/131016/v1", encodeIndexEntry(entry))).toEqual({ ...entry, templateId: "other/131016/v1" });
    expect(decodeIndexEntry("x", new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it("a second build reads every entry from the cache and identifies as the first", async () => {
    const first = counting(createFileIndexCache(join(dir, "a")));
    const progress: number[] = [];
    const built = (await buildTemplateIndex(sources, undefined, { cache: first.cache, onProgress: (done) => progress.push(done) }))._unsafeUnwrap();
    expect(first.counts).toEqual({ hits: 0, writes: 4 });
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(built.entries).toEqual(uncached._unsafeUnwrap().entries);

    const second = counting(createFileIndexCache(join(dir, "a")));
    const again = (await buildTemplateIndex(sources, undefined, { cache: second.cache }))._unsafeUnwrap();
    expect(second.counts).toEqual({ hits: 4, writes: 0 });
    expect(again).toEqual(built);

    const scan = (await synthesizeScan(layouts[2]!, { seed: 5, dpi: 100 }))._unsafeUnwrap().scan!.image;
    const page = (await decodeReduced(new Uint8Array(scan)))._unsafeUnwrap();
    const a = identifyPage(built, page)._unsafeUnwrap();
    const b = identifyPage(again, page)._unsafeUnwrap();
    expect(b.templateId).toBe(layouts[2]!.id);
    expect(b).toEqual(a);
  }, 60_000);

  it("a changed reference is a miss under a new key; a damaged entry is rebuilt", async () => {
    const changed = blank(1);
    const at = changed.length - 20; // in the PNG's trailer: another file, not another picture
    changed[at] = (changed[at] ?? 0) ^ 0xff;
    expect(indexCacheKey(changed)).not.toBe(indexCacheKey(sources[1]!.image));

    const path = join(dir, "b");
    (await buildTemplateIndex(sources, undefined, { cache: createFileIndexCache(path) }))._unsafeUnwrap();
    const [file] = readdirSync(path).filter((f) => f.endsWith(".bin"));
    writeFileSync(join(path, file!), "not an entry");
    const after = counting(createFileIndexCache(path));
    const rebuilt = (await buildTemplateIndex(sources, undefined, { cache: after.cache }))._unsafeUnwrap();
    expect(after.counts).toEqual({ hits: 4, writes: 1 }); // read, found damaged, built and stored again
    expect(rebuilt.entries).toEqual(uncached._unsafeUnwrap().entries);
  }, 60_000);

  it("a straight page has a skew of exactly 0 (no rotation for float noise)", async () => {
    const page = (await decodeReduced(sources[0]!.image))._unsafeUnwrap();
    expect(Object.is(estimateSkew(inkOf(page)), 0)).toBe(true);
  });
});
