/**
 * What every adapter declares about itself: which port contract (with major version) it implements,
 * and which optional behaviours (capabilities) it supports. Optional behaviour is never an optional
 * method: callers branch on `capabilities`, and conformance suites test what is declared.
 */
export interface AdapterMeta<Capability extends string = never> {
  /** Contract id with major version, e.g. `"application-store@1"`. */
  readonly contract: string;
  /** Human-readable adapter name, e.g. `"mikro-orm-sqlite"`. */
  readonly name: string;
  readonly capabilities: ReadonlySet<Capability>;
}
