/** One problem in a procedure catalog file, with a readable path such as `procedures[2] ("koseki").feePerCopy`. */
export interface CatalogIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The procedure catalog file is invalid. A municipality edits that file by hand, so every problem is
 * listed at once with the entry it is in. The catalog holds no personal data, so messages may quote
 * values.
 */
export interface CatalogError {
  readonly _tag: "CatalogError";
  readonly code: "catalog.invalid";
  readonly issues: readonly CatalogIssue[];
  /** All issues, one per line: `<path>: <message>`. */
  readonly message: string;
}

/** Builds a {@link CatalogError} from its issues. */
export const catalogError = (issues: readonly CatalogIssue[]): CatalogError => ({
  _tag: "CatalogError",
  code: "catalog.invalid",
  issues,
  message: issues.map((i) => `${i.path}: ${i.message}`).join("\n"),
});
