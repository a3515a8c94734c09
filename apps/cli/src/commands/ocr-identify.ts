import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import {
  buildTemplateIndex,
  createFileIndexCache,
  identifyPage,
  reducePage,
  type Identification,
  type OcrError,
  type RgbaRaster,
  type TemplateCatalog,
} from "@madoguchi/ocr-engine";
import type { ResultAsync } from "neverthrow";

/**
 * Where `madoguchi ocr` keeps the identification index between runs: `MADOGUCHI_OCR_INDEX_CACHE` (an
 * absolute directory, or `off`), else `$XDG_CACHE_HOME/madoguchi/ocr-index`, else `~/.cache/madoguchi/ocr-index`.
 * The entries hold fingerprints of blank forms only — no scan, no personal data.
 */
export const indexCacheDir = (env: Readonly<Record<string, string | undefined>>): string | null => {
  const configured = env["MADOGUCHI_OCR_INDEX_CACHE"];
  if (configured === "off") return null;
  if (configured !== undefined && isAbsolute(configured)) return configured;
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, "madoguchi", "ocr-index");
  const home = env["HOME"] ?? homedir();
  return home === "" ? null : join(home, ".cache", "madoguchi", "ocr-index");
};

/**
 * Identifies a scan among the catalogue's templates as `engine.identify` does (the same index of the
 * templates with a reference image, the same defaults), but with the index cached on disk: each CLI run
 * is a new process, and without the cache every run would decode and fingerprint every reference again
 * (about a minute for 500 templates). Entries are keyed by the reference's bytes, so an edited reference
 * is indexed again, never served stale.
 */
export const identifyWithCachedIndex = (catalog: TemplateCatalog, raster: RgbaRaster, cacheDir: string | null): ResultAsync<Identification, OcrError> => {
  const sources = catalog.templates.flatMap((t) => {
    const bytes = t.referenceImage === null ? undefined : catalog.references[t.id];
    return bytes === undefined ? [] : [{ templateId: t.id, image: bytes }];
  });
  return buildTemplateIndex(sources, undefined, cacheDir === null ? {} : { cache: createFileIndexCache(cacheDir) }).andThen((index) =>
    reducePage(raster).andThen((page) => identifyPage(index, page)),
  );
};
