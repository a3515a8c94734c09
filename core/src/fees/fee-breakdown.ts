import { yen } from "../shared/yen.ts";
import type { Localized } from "../shared/localized.ts";
import type { FeeBreakdown, FeeExemption, FeeLine } from "./fee.ts";

/** A line before its amount is worked out: what a catalogue or a staff member says. */
export interface FeeLineInput {
  readonly kind: FeeLine["kind"];
  readonly label: Localized;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly exemption?: FeeExemption;
}

/**
 * The one place a line's amount and a breakdown's total are computed: amount = unit price × quantity
 * (0 when exempt), total = Σ amounts, all in integer yen. Non-integer or negative prices and quantities
 * are programmer errors (the boundaries decode them first) and throw.
 */
export const feeBreakdown = (inputs: readonly FeeLineInput[]): FeeBreakdown => {
  const lines: FeeLine[] = inputs.map((l) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) throw new RangeError(`quantity must be a positive integer: ${l.quantity}`);
    const unitPrice = yen(l.unitPrice);
    const base = { kind: l.kind, label: l.label, unitPrice, quantity: l.quantity };
    return l.exemption === undefined ? { ...base, amount: yen(unitPrice * l.quantity) } : { ...base, amount: yen(0), exemption: l.exemption };
  });
  return { lines, total: yen(lines.reduce((sum, line) => sum + line.amount, 0)) };
};
