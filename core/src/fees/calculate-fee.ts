import type { DeliveryMethod, Procedure } from "../procedures/procedure.ts";
import { yen } from "../shared/yen.ts";
import type { FeeBreakdown, FeeLine } from "./fee.ts";

/**
 * The fee of a certificate request: one certificate line (fee per copy × copies) and one postage line
 * (postage is per application, not per copy). `total` is the sum of the lines, in integer yen.
 * `copies` must be a positive integer already checked against the procedure (validation does that);
 * anything else is a programmer error and throws.
 */
export const calculateFee = (procedure: Procedure, deliveryMethod: DeliveryMethod, copies: number): FeeBreakdown => {
  if (!Number.isSafeInteger(copies) || copies < 1) throw new RangeError(`copies must be a positive integer: ${copies}`);
  const lines: FeeLine[] = [
    {
      kind: "certificate",
      label: procedure.name,
      unitPrice: procedure.feePerCopy,
      quantity: copies,
      amount: yen(procedure.feePerCopy * copies),
    },
    {
      kind: "postage",
      label: { ja: `郵送料（${deliveryMethod.name.ja}）`, en: `Postage (${deliveryMethod.name.en})` },
      unitPrice: deliveryMethod.postage,
      quantity: 1,
      amount: deliveryMethod.postage,
    },
  ];
  return { lines, total: yen(lines.reduce((sum, line) => sum + line.amount, 0)) };
};
