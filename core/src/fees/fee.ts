import type { Yen } from "../shared/yen.ts";
import type { Localized } from "../shared/localized.ts";

/**
 * Why a certificate line costs nothing (手数料の免除, e.g. 公用請求 or a pension claim): shown on the line,
 * so that a resident and an accountant both see that 0 yen is intended and not a mistake.
 */
export interface FeeExemption {
  readonly reason: Localized;
}

/** One line of a fee breakdown: a certificate's fee × copies, or the postage. */
export interface FeeLine {
  readonly kind: "certificate" | "postage";
  readonly label: Localized;
  readonly unitPrice: Yen;
  readonly quantity: number;
  /** unitPrice × quantity, or 0 when the line is exempt. */
  readonly amount: Yen;
  /** Present when the line is exempt: its amount is then 0 whatever the unit price. */
  readonly exemption?: FeeExemption;
}

/** The fee of an application; `total` is always the sum of the lines' amounts. */
export interface FeeBreakdown {
  readonly lines: readonly FeeLine[];
  readonly total: Yen;
}
