/**
 * The dependency rule of the hexagon (docs/architecture.md), enforced by tests/architecture.
 * core: pure domain — only neverthrow, effect (Schema) and canonicalize (RFC 8785);
 * ocr-engine: standalone; conformance: core only; adapters: core's public entry only; nobody imports apps.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "core imports nothing but itself, neverthrow, effect and canonicalize: no framework, ORM, HTTP, DI, OCR or node built-in",
      severity: "error",
      from: { path: "^core/src" },
      to: {
        pathNot: ["^core/src", "node_modules/(neverthrow|effect|canonicalize)/"],
      },
    },
    {
      name: "di-only-in-the-composition-root",
      comment: "inversify lives in apps/server only; core and adapters take plain arguments",
      severity: "error",
      from: { pathNot: "^apps/server/" },
      to: { path: "node_modules/(inversify|@inversifyjs)/" },
    },
    {
      name: "ocr-engine-is-standalone",
      severity: "error",
      from: { path: "^ocr-engine/" },
      to: { path: "^(core|adapters|apps|conformance)/" },
    },
    {
      name: "conformance-imports-core-only",
      severity: "error",
      from: { path: "^conformance/src" },
      to: { path: "^(adapters|apps|ocr-engine)/" },
    },
    {
      name: "adapters-use-core-public-entry",
      comment: "adapters import @madoguchi/core (core/src/index.ts), never its internal modules",
      severity: "error",
      from: { path: "^adapters/[^/]+/src" },
      to: { path: "^core/src/", pathNot: "^core/src/index\\.ts$" },
    },
    {
      name: "adapters-do-not-import-other-adapters-src",
      severity: "error",
      from: { path: "^adapters/([^/]+)/src" },
      to: { path: "^adapters/([^/]+)/src", pathNot: "^adapters/$1/src" },
    },
    {
      name: "nothing-imports-an-app",
      severity: "error",
      from: { pathNot: "^apps/" },
      to: { path: "^apps/" },
    },
    {
      name: "apps-do-not-import-each-other",
      severity: "error",
      from: { path: "^apps/([^/]+)/" },
      to: { path: "^apps/([^/]+)/", pathNot: "^apps/$1/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|test|tests|dev)/|\\.test\\.ts$" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types"],
    },
  },
};
