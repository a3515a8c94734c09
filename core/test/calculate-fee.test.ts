import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculateFee, ProcedureId, yen, type DeliveryMethod, type Procedure } from "../src/index.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const procedureWith = (feePerCopy: number): Procedure => ({
  id: ProcedureId("p"),
  name: { ja: "住民票の写し", en: "Certificate of residence" },
  description: { ja: "説明", en: "description" },
  feePerCopy: yen(feePerCopy),
  maxCopies: 1000,
  deliveryMethodIds: ["m"],
  extraFields: [],
  requiredFields: [],
  fieldHelp: {},
  requiresSignature: false,
  enabled: true,
});
const methodWith = (postage: number): DeliveryMethod => ({ id: "m", name: { ja: "速達", en: "Express mail" }, postage: yen(postage) });

const fee = fc.integer({ min: 0, max: 100_000 });
const copies = fc.integer({ min: 1, max: 1000 });

describe("calculateFee", () => {
  it("gives one certificate line and one postage line: 住民票 ×2 by 速達 = 600 + 410", () => {
    const catalog = shippedCatalog();
    const breakdown = calculateFee(must(catalog.procedures[0]), must(catalog.deliveryMethods[1]), 2);
    expect(breakdown.lines.map((l) => [l.kind, l.label.ja, l.unitPrice, l.quantity, l.amount])).toEqual([
      ["certificate", "住民票の写し", 300, 2, 600],
      ["postage", "郵送料（速達）", 410, 1, 410],
    ]);
    expect(breakdown.total).toBe(1010);
  });

  it("total = Σ line amounts = fee × copies + postage, in integers (property)", () => {
    fc.assert(
      fc.property(fee, fee, copies, (f, postage, n) => {
        const b = calculateFee(procedureWith(f), methodWith(postage), n);
        expect(b.total).toBe(b.lines.reduce((s, l) => s + l.amount, 0));
        expect(b.total).toBe(f * n + postage);
        for (const l of b.lines) {
          expect(Number.isSafeInteger(l.amount)).toBe(true);
          expect(l.amount).toBe(l.unitPrice * l.quantity);
        }
        expect(Number.isSafeInteger(b.total)).toBe(true);
      }),
    );
  });

  it("is monotone in copies (property)", () => {
    fc.assert(
      fc.property(fee, fee, copies, copies, (f, postage, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(calculateFee(procedureWith(f), methodWith(postage), lo).total).toBeLessThanOrEqual(
          calculateFee(procedureWith(f), methodWith(postage), hi).total,
        );
      }),
    );
  });

  it("throws on a copies value that validation would have refused (programmer error)", () => {
    expect(() => calculateFee(procedureWith(300), methodWith(110), 0)).toThrow(RangeError);
    expect(() => calculateFee(procedureWith(300), methodWith(110), 1.5)).toThrow(RangeError);
  });
});
