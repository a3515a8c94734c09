/**
 * Errors of template validation and loading, as values. A template is data written by staff, so every
 * problem is reported at once, each with a readable path, instead of stopping at the first one.
 */

/** One problem in a template: where (`fields[3] ("members[].birthDate").region.x`) and what. */
export interface TemplateIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A template that cannot be used. `code` is closed: templates are either readable and valid or not;
 * files that cannot be read are reported as an issue with the file name as path.
 */
export interface TemplateError {
  readonly _tag: "TemplateError";
  readonly code: "template.invalid";
  readonly issues: readonly TemplateIssue[];
  readonly message: string;
}

/** Builds a {@link TemplateError}; the message names the template (ids are not personal data) and the count. */
export const templateError = (issues: readonly TemplateIssue[], source?: string): TemplateError => ({
  _tag: "TemplateError",
  code: "template.invalid",
  issues,
  message: `${source === undefined ? "template" : source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${issues
    .slice(0, 5)
    .map((i) => `${i.path || "(root)"}: ${i.message}`)
    .join("; ")}${issues.length > 5 ? "; …" : ""}`,
});
