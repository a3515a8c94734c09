import { foldForComparison } from "./password-text.ts";

/**
 * A list of passwords too common to accept (800-63B-4 §3.1.1.2: "commonly-used, expected, or
 * compromised"). Entries are compared whole, after NFKC and case folding: `Password` is refused
 * because `password` is listed, but `password-of-my-cat` is not refused for containing it —
 * substring matching would reject good pass-phrases and teach people to mangle them.
 */
export interface PasswordBlocklist {
  /** Where the entries come from (package and version, or file and licence), for the ADR and audits. */
  readonly source: string;
  /** Number of distinct folded entries. */
  readonly size: number;
  /** Whether `candidate`, folded, is on the list. */
  has(candidate: string): boolean;
}

/**
 * Builds a {@link PasswordBlocklist} from raw entries (folded here, so adapters cannot forget it).
 * Empty entries are ignored.
 */
export const createPasswordBlocklist = (source: string, entries: Iterable<string>): PasswordBlocklist => {
  const folded = new Set<string>();
  for (const entry of entries) {
    const key = foldForComparison(entry);
    if (key.length > 0) folded.add(key);
  }
  return { source, size: folded.size, has: (candidate) => folded.has(foldForComparison(candidate)) };
};
