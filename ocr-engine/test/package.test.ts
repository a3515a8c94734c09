import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("@madoguchi/ocr-engine package", () => {
  it("is standalone: it depends on no @madoguchi package", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith("@madoguchi/"))).toEqual([]);
  });
});
