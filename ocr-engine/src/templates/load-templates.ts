/**
 * Loading a directory of template JSON files, e.g. the shipped catalogue or a municipality's own folder.
 * The one boundary where file-system and JSON exceptions become {@link TemplateError} values.
 */
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { Template } from "./template.ts";
import { templateError, type TemplateError, type TemplateIssue } from "./template.errors.ts";
import { decodeTemplate } from "./template.schema.ts";

/** Absolute path of the templates shipped with the package (`ocr-engine/templates`). */
export const SHIPPED_TEMPLATES_DIR: string = fileURLToPath(new URL("../../templates/", import.meta.url));

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A template and the file it was read from (name relative to the directory). */
interface LoadedTemplate {
  readonly file: string;
  readonly template: Template;
}

const dirPath = (dir: string | URL): string => (dir instanceof URL ? fileURLToPath(dir) : dir);

/** Every `*.json` of `dir`, decoded, with its file name; all problems of all files at once. */
const loadTemplateFiles = (dir: string | URL): ResultAsync<LoadedTemplate[], TemplateError> =>
  ResultAsync.fromPromise(readdir(dir), (e) => templateError([{ path: String(dir), message: `cannot read the directory: ${describe(e)}` }]))
    .andThen((names) => {
      const files = names.filter((n) => n.endsWith(".json")).sort();
      return ResultAsync.fromSafePromise(
        Promise.all(
          files.map(async (file): Promise<{ file: string; template?: Template; issues: readonly TemplateIssue[] }> => {
            let json: unknown;
            try {
              json = JSON.parse(await readFile(join(dirPath(dir), file), "utf8"));
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
        : okAsync(loaded.flatMap((l) => (l.template === undefined ? [] : [{ file: l.file, template: l.template }])));
    });

/**
 * Reads and validates every `*.json` in `dir` (not recursive), sorted by file name. Fails with every
 * problem of every file at once (paths prefixed with the file name), and when two files share an id.
 * Reference images are not read: see {@link loadTemplateCatalog}.
 */
export const loadTemplates = (dir: string | URL): ResultAsync<Template[], TemplateError> =>
  loadTemplateFiles(dir).map((loaded) => loaded.map((l) => l.template));

/** Templates and the encoded reference images the engine aligns scans to (its `references` option). */
export interface TemplateCatalog {
  readonly templates: Template[];
  /** Encoded reference image (PNG, JPEG …) by template id, for every template whose `referenceImage` is not null. */
  readonly references: { readonly [templateId: string]: Uint8Array };
}

/**
 * {@link loadTemplates}, then reads each template's `referenceImage`, resolved relative to the template file
 * (i.e. to `dir`). A reference that is missing, unreadable, an absolute path or outside `dir` is a load
 * error naming the template file and the path; every problem is reported at once. The result plugs into
 * `createOcrEngine({ templates, references })`.
 */
export const loadTemplateCatalog = (dir: string | URL): ResultAsync<TemplateCatalog, TemplateError> =>
  loadTemplateFiles(dir).andThen((loaded) => {
    const root = resolve(dirPath(dir));
    return ResultAsync.fromSafePromise(
      Promise.all(
        loaded.map(async ({ file, template }): Promise<{ id: string; bytes?: Uint8Array; issue?: TemplateIssue }> => {
          const ref = template.referenceImage;
          if (ref === null) return { id: template.id };
          const path = `${file}: referenceImage`;
          const full = resolve(root, ref);
          const inside = relative(root, full);
          if (isAbsolute(ref) || inside.startsWith("..") || isAbsolute(inside)) {
            return { id: template.id, issue: { path, message: `must be a path inside the template directory, relative to the template file: ${ref}` } };
          }
          try {
            const bytes = await readFile(full);
            return { id: template.id, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
          } catch (e) {
            return { id: template.id, issue: { path, message: `cannot read the reference image ${full}: ${describe(e)}` } };
          }
        }),
      ),
    ).andThen((refs) => {
      const issues = refs.flatMap((r) => (r.issue === undefined ? [] : [r.issue]));
      if (issues.length > 0) return errAsync(templateError(issues, String(dir)));
      const references: { [templateId: string]: Uint8Array } = {};
      for (const r of refs) if (r.bytes !== undefined) references[r.id] = r.bytes;
      return okAsync({ templates: loaded.map((l) => l.template), references });
    });
  });
