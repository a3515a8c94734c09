/** One template in the identification index: what the shortlist compares and what verification covers. */
import type { LayoutFingerprint } from "./layout-fingerprint.ts";
import type { PackedInk } from "./packed-ink.ts";

/** One indexed template. */
export interface IndexEntry {
  readonly templateId: string;
  readonly fingerprint: LayoutFingerprint;
  readonly ink: PackedInk;
}
