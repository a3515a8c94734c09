import type { DeliveryMethod, Procedure } from "../procedures/procedure.ts";
import type { FeeBreakdown, FeeExemption } from "./fee.ts";
import { feeBreakdown, type FeeLineInput } from "./fee-breakdown.ts";

/** One certificate of an order: which procedure, how many copies, and an exemption if one applies. */
export interface CertificateOrderItem {
  readonly procedure: Procedure;
  readonly copies: number;
  readonly exemption?: FeeExemption;
}

const postageLine = (deliveryMethod: DeliveryMethod): FeeLineInput => ({
  kind: "postage",
  label: { ja: `郵送料（${deliveryMethod.name.ja}）`, en: `Postage (${deliveryMethod.name.en})` },
  unitPrice: deliveryMethod.postage,
  quantity: 1,
});

/**
 * The fee of several certificates sent together in one payment: one line per certificate (fee per copy ×
 * copies, or 0 yen with its exemption reason) and **one** postage line — one envelope, whatever is in it.
 * `total` is the sum of the lines, in integer yen. Copies must be positive integers already checked
 * against each procedure (validation does that); anything else is a programmer error and throws.
 */
export const calculateOrderFee = (items: readonly CertificateOrderItem[], deliveryMethod: DeliveryMethod): FeeBreakdown => {
  if (items.length === 0) throw new RangeError("an order has at least one certificate");
  return feeBreakdown([
    ...items.map(
      (item): FeeLineInput => ({
        kind: "certificate",
        label: item.procedure.name,
        unitPrice: item.procedure.feePerCopy,
        quantity: item.copies,
        ...(item.exemption === undefined ? {} : { exemption: item.exemption }),
      }),
    ),
    postageLine(deliveryMethod),
  ]);
};

/**
 * The fee of a certificate request: one certificate line (fee per copy × copies) and one postage line
 * (postage is per application, not per copy). `total` is the sum of the lines, in integer yen.
 * `copies` must be a positive integer already checked against the procedure (validation does that);
 * anything else is a programmer error and throws.
 */
export const calculateFee = (procedure: Procedure, deliveryMethod: DeliveryMethod, copies: number): FeeBreakdown =>
  calculateOrderFee([{ procedure, copies }], deliveryMethod);
