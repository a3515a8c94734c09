import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeFormLayout, type FormLayout } from "@madoguchi/core";

/** A layout file's name: `<id>.v<version>.json`. */
const LAYOUT_FILE = /^([a-z][a-z0-9-]*)\.v(\d+)\.json$/;

/**
 * The form layouts of a directory (C10: layouts are versioned files): every `<id>.v<n>.json` is checked, and
 * the highest version of each id is the one in force — older versions stay beside it, so the paper printed
 * last year can still be explained. A file that is invalid, or whose id or version disagrees with its name,
 * stops the start with every problem named.
 */
export const loadFormLayouts = async (dir: string): Promise<ReadonlyMap<string, FormLayout>> => {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  const problems: string[] = [];
  const current = new Map<string, FormLayout>();
  for (const name of names) {
    const match = LAYOUT_FILE.exec(name);
    if (match === null) {
      problems.push(`${name}: the name must be <id>.v<version>.json`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(dir, name), "utf8"));
    } catch (e) {
      problems.push(`${name}: not JSON (${(e as Error).message})`);
      continue;
    }
    const decoded = decodeFormLayout(json);
    if (decoded.isErr()) {
      problems.push(...decoded.error.issues.map((i) => `${name}: ${i}`));
      continue;
    }
    const layout = decoded.value;
    if (layout.id !== match[1] || layout.version !== Number(match[2])) {
      problems.push(`${name}: holds ${layout.id} v${layout.version}`);
      continue;
    }
    if ((current.get(layout.id)?.version ?? 0) < layout.version) current.set(layout.id, layout);
  }
  if (problems.length > 0) throw new Error(`invalid form layouts in ${dir}:\n  ${problems.join("\n  ")}`);
  return current;
};
