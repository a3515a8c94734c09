import type { Yen } from "../shared/yen.ts";
import type { Localized } from "../shared/localized.ts";

/** One line of a fee breakdown: a certificate's fee × copies, or the postage. */
export interface FeeLine {
  readonly kind: "certificate" | "postage";
  readonly label: Localized;
  readonly unitPrice: Yen;
  readonly quantity: number;
  /** unitPrice × quantity. */
  readonly amount: Yen;
}

/** The fee of an application; `total` is always the sum of the lines' amounts. */
export interface FeeBreakdown {
  readonly lines: readonly FeeLine[];
  readonly total: Yen;
}
