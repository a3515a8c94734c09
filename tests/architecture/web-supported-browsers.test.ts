import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";

// R2: Chrome ≥ 72, Edge ≥ 79 and Safari ≥ 12 run the app; an older browser gets a prompt to update. These old
// browsers are not on this machine (Debian ships the latest Chromium), so the built bundle is checked for what
// they cannot run: newer syntax, regex lookbehind, and newer standard APIs that src/legacy-browsers.ts does not add.
const web = join(import.meta.dirname, "..", "..", "apps", "web");
const dist = join(web, "dist");
const bundles = (): { name: string; source: string }[] => {
  if (!existsSync(join(dist, "index.html"))) throw new Error("apps/web/dist is missing: run `npm run build:web` first (npm test does)");
  return readdirSync(join(dist, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((name) => ({ name, source: readFileSync(join(dist, "assets", name), "utf8") }));
};
const polyfills = readFileSync(join(web, "src", "legacy-browsers.ts"), "utf8");

/** Standard APIs newer than the oldest supported browsers, and the polyfill that must then be imported. */
const NEWER_APIS: readonly { readonly use: RegExp; readonly polyfill: string }[] = [
  { use: /\bglobalThis\b/, polyfill: "core-js/actual/global-this" },
  { use: /\bObject\.fromEntries\b/, polyfill: "core-js/actual/object/from-entries" },
  { use: /\bObject\.hasOwn\b/, polyfill: "core-js/actual/object/has-own" },
  { use: /\bqueueMicrotask\b/, polyfill: "core-js/actual/queue-microtask" },
  { use: /\.replaceAll\(/, polyfill: "core-js/actual/string/replace-all" },
  { use: /\bAbortController\b/, polyfill: "abortcontroller-polyfill" },
  { use: /\.matchAll\(/, polyfill: "core-js/actual/string/match-all" },
  { use: /\.(?:findLast|findLastIndex|toSorted|toReversed|toSpliced)\(/, polyfill: "core-js/actual/array" },
  { use: /\bstructuredClone\(/, polyfill: "core-js/actual/structured-clone" },
  { use: /\b(?:Object|Map)\.groupBy\b/, polyfill: "core-js/actual/object/group-by" },
  { use: /\bPromise\.any\b|\bAggregateError\b/, polyfill: "core-js/actual/promise/any" },
  { use: /\.randomUUID\(/, polyfill: "(none: secure contexts only; use getRandomValues)" },
  { use: /\bIntl\.Segmenter\b|\bWeakRef\b|\bFinalizationRegistry\b/, polyfill: "(none: cannot be polyfilled)" },
];

describe("R2: the bundle runs on Chrome 72, Edge 79 and Safari 12", () => {
  it("parses as ES2019 (no optional chaining, ??, class fields … left for those parsers)", () => {
    for (const { name, source } of bundles()) expect(() => parse(source, { ecmaVersion: 2019, sourceType: "module" }), name).not.toThrow();
  });

  it("has no regex lookbehind (a syntax error for Safari before 16.4, which would stop the whole bundle)", () => {
    for (const { name, source } of bundles()) expect(source.includes("(?<=") || source.includes("(?<!"), name).toBe(false);
  });

  it("adds every newer standard API the bundle calls, first, before any other module", () => {
    const source = bundles()
      .map((b) => b.source)
      .join("\n");
    const missing = NEWER_APIS.filter((api) => api.use.test(source) && !polyfills.includes(`"${api.polyfill}`)).map((api) => `${api.use} needs ${api.polyfill}`);
    expect(missing).toEqual([]);
    const main = readFileSync(join(web, "src", "main.tsx"), "utf8");
    expect(main.split("\n").find((l) => l.startsWith("import "))).toBe('import "./legacy-browsers.ts";');
  });
});

describe("R2: an outdated browser gets a prompt to update", () => {
  const html = () => readFileSync(join(dist, "index.html"), "utf8");
  const script = readFileSync(join(web, "public", "outdated-browser.js"), "utf8");

  it("the page carries the prompt (ja and en), hidden, and the classic script that shows it, from our own origin", () => {
    expect(html()).toMatch(/<div id="outdated-browser"[^>]* hidden>/);
    expect(html()).toContain("ブラウザを最新の版に更新してください");
    expect(html()).toContain("Please update it");
    expect(html()).toContain('<script src="/outdated-browser.js"></script>');
    expect(existsSync(join(dist, "outdated-browser.js"))).toBe(true);
    // The script itself is ES3/ES5: the browsers it is for parse nothing newer.
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
  });

  const run = (browser: { noModule: boolean; flat: boolean }) => {
    const notice = { hidden: true, removeAttribute: (name: string) => name === "hidden" && (notice.hidden = false) };
    const document = { createElement: () => (browser.noModule ? { noModule: false } : {}), getElementById: (id: string) => (id === "outdated-browser" ? notice : null) };
    const ArrayWith = { prototype: browser.flat ? { flat() {} } : {} };
    runInNewContext(script, { document, Array: ArrayWith });
    return notice.hidden;
  };

  it("shows it where ES modules or Array.prototype.flat are missing, and nowhere else", () => {
    expect(run({ noModule: true, flat: true })).toBe(true); // Chrome ≥ 69, Safari ≥ 12, Edge ≥ 79
    expect(run({ noModule: false, flat: false })).toBe(false); // Internet Explorer
    expect(run({ noModule: true, flat: false })).toBe(false); // EdgeHTML, Chrome 61–68
  });
});
