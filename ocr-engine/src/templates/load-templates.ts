/**
 * Loading a directory of template JSON files, e.g. the shipped catalogue or a municipality's own folder.
 * The one boundary where file-system and JSON exceptions become {@link TemplateError} values.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { Template } from "./template.ts";
import { templateError, type TemplateError, type TemplateIssue } from "./template.errors.ts";
import { decodeTemplate } from "./template.schema.ts";

/** Absolute path of the templates shipped with the package (`ocr-engine/templates`). */
export const SHIPPED_TEMPLATES_DIR: string = fileURLToPath(new URL("../../templates/", import.meta.url));

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads and validates every `*.json` in `dir` (not recursive), sorted by file name. Fails with every
 * problem of every file at once (paths prefixed with the file name), and when two files share an id.
 */
export const loadTemplates = (dir: string | URL): ResultAsync<Template[], TemplateError> =>
  ResultAsync.fromPromise(readdir(dir), (e) => templateError([{ path: String(dir), message: `cannot read the directory: ${describe(e)}` }]))
    .andThen((names) => {
      const files = names.filter((n) => n.endsWith(".json")).sort();
      return ResultAsync.fromSafePromise(
        Promise.all(
          files.map(async (file): Promise<{ file: string; template?: Template; issues: readonly TemplateIssue[] }> => {
            let json: unknown;
            try {
              json = JSON.parse(await readFile(join(dir instanceof URL ? fileURLToPath(dir) : dir, file), "utf8"));
            } catch (e) {
              return { file, issues: [{ path: "", message: `cannot read or parse: ${describe(e)}` }] };
            }
            return decodeTemplate(json, file).match(
              (template) => ({ file, template, issues: [] }),
              (error) => ({ file, issues: error.issues }),
            );
          }),
        ),
      );
    })
    .andThen((loaded) => {
      const issues: TemplateIssue[] = [];
      const byId = new Map<string, string>();
      for (const { file, template, issues: own } of loaded) {
        for (const i of own) issues.push({ path: i.path === "" ? file : `${file}: ${i.path}`, message: i.message });
        if (template === undefined) continue;
        const first = byId.get(template.id);
        if (first !== undefined) issues.push({ path: `${file}: id`, message: `duplicate id, also in ${first}` });
        else byId.set(template.id, file);
      }
      return issues.length > 0
        ? errAsync(templateError(issues, String(dir)))
        : okAsync(loaded.flatMap((l) => (l.template === undefined ? [] : [l.template])));
    });
