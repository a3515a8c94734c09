import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const config = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs"));

const run = async (baseDir: string, paths: string[]): Promise<ICruiseResult> => {
  const cwd = process.cwd();
  process.chdir(baseDir); // dependency-cruiser resolves rule paths relative to the working directory
  try {
    const result = await cruise(paths, { ruleSet: config, validate: true, ...config.options, baseDir });
    return result.output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
};

const violations = (r: ICruiseResult) =>
  r.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe("the dependency rule of the hexagon", () => {
  it("holds for the whole repository", async () => {
    const dirs = ["core/src", "ocr-engine", "conformance/src", "adapters", "apps/server/src", "apps/cli/src"];
    const r = await run(root, dirs.filter((d) => existsSync(join(root, d))));
    expect(r.summary.totalCruised).toBeGreaterThan(20);
    expect(violations(r)).toEqual([]);
  });

  it("catches core importing a framework, an ORM, a DI library or node I/O, and anything importing an app", async () => {
    // A scratch tree shaped like the repository, with one offence per rule.
    const dir = mkdtempSync(join(tmpdir(), "arch-"));
    try {
      const file = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      mkdirSync(join(dir, "node_modules"), { recursive: true });
      for (const pkg of ["express", "inversify", "@mikro-orm"]) {
        mkdirSync(dirname(join(dir, "node_modules", pkg)), { recursive: true });
        symlinkSync(join(root, "node_modules", pkg), join(dir, "node_modules", pkg));
      }
      file("core/src/a.ts", 'import express from "express";\nexport const a = express;\n');
      file("core/src/b.ts", 'import { Container } from "inversify";\nexport const b = Container;\n');
      file("core/src/c.ts", 'import { readFileSync } from "node:fs";\nexport const c = readFileSync;\n');
      file("core/src/d.ts", 'import { MikroORM } from "@mikro-orm/core";\nexport const d = MikroORM;\n');
      file("apps/server/src/main.ts", "export const main = 1;\n");
      file("adapters/y/src/index.ts", 'import { Container } from "inversify";\nexport const y = Container;\n');
      file("adapters/x/src/index.ts", 'import { main } from "../../../apps/server/src/main.ts";\nexport const x = main;\n');
      file("conformance/src/s.ts", 'import { x } from "../../adapters/x/src/index.ts";\nexport const s = x;\n');
      cpSync(join(root, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
      const r = await run(dir, ["core/src", "adapters", "conformance/src", "apps/server/src"]);
      const found = violations(r).join("\n");
      expect(found).toMatch(/core-is-pure: core\/src\/a\.ts → \S*node_modules\/express\//);
      expect(found).toMatch(/core-is-pure: core\/src\/b\.ts → \S*node_modules\/inversify\//);
      expect(found).toMatch(/core-is-pure: core\/src\/c\.ts → (node:)?fs$/m);
      expect(found).toMatch(/core-is-pure: core\/src\/d\.ts → \S*node_modules\/@mikro-orm\/core\//);
      expect(found).toMatch(/di-only-in-the-composition-root: adapters\/y\/src\/index\.ts → \S*node_modules\/inversify\//);
      expect(found).toContain("nothing-imports-an-app: adapters/x/src/index.ts → apps/server/src/main.ts");
      expect(found).toContain("conformance-imports-core-only: conformance/src/s.ts → adapters/x/src/index.ts");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
