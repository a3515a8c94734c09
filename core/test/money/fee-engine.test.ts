import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calculateOrderFee,
  decodeProcedureCatalog,
  editFee,
  feeBreakdown,
  feeChangeNeedsApproval,
  paymentTimingOf,
  ProcedureId,
  yen,
  type DeliveryMethod,
  type Procedure,
} from "../../src/index.ts";
import { must, shippedCatalog } from "../fixtures.ts";

const procedure = (id: string, feePerCopy: number, ja: string): Procedure => ({
  id: ProcedureId(id),
  name: { ja, en: id },
  description: { ja: "説明", en: "description" },
  feePerCopy: yen(feePerCopy),
  maxCopies: 1000,
  deliveryMethodIds: ["kan-i"],
  extraFields: [],
  requiredFields: [],
  fieldHelp: {},
  requiresSignature: false,
  enabled: true,
});
const kanIKakitome: DeliveryMethod = { id: "kan-i", name: { ja: "簡易書留", en: "Simple registered mail" }, postage: yen(460) };
const juminhyo = procedure("juminhyo", 300, "住民票の写し");
const koseki = procedure("koseki", 450, "戸籍全部事項証明書");

describe("calculateOrderFee: several certificates in one payment", () => {
  it("one line per certificate and one postage line: 住民票×2 + 戸籍×1 by 簡易書留 = 600 + 450 + 460", () => {
    const fee = calculateOrderFee([{ procedure: juminhyo, copies: 2 }, { procedure: koseki, copies: 1 }], kanIKakitome);
    expect(fee.lines.map((l) => [l.kind, l.label.ja, l.unitPrice, l.quantity, l.amount])).toEqual([
      ["certificate", "住民票の写し", 300, 2, 600],
      ["certificate", "戸籍全部事項証明書", 450, 1, 450],
      ["postage", "郵送料（簡易書留）", 460, 1, 460],
    ]);
    expect(fee.total).toBe(1510);
  });

  it("an exempt certificate is shown at 0 yen with its reason; the unit price and copies stay visible", () => {
    const reason = { ja: "年金請求のため（手数料免除）", en: "Pension claim (fee waived)" };
    const fee = calculateOrderFee([{ procedure: juminhyo, copies: 2, exemption: { reason } }, { procedure: koseki, copies: 1 }], kanIKakitome);
    expect(fee.lines[0]).toMatchObject({ unitPrice: 300, quantity: 2, amount: 0, exemption: { reason } });
    expect(fee.total).toBe(450 + 460);
  });

  it("total = Σ lines, in integer yen, for any order (property)", () => {
    const item = fc.record({ fee: fc.integer({ min: 0, max: 100_000 }), copies: fc.integer({ min: 1, max: 1000 }), exempt: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5_000 }), (items, postage) => {
        const fee = calculateOrderFee(
          items.map((i, n) => ({ procedure: procedure(`p${n}`, i.fee, "証明書"), copies: i.copies, ...(i.exempt ? { exemption: { reason: { ja: "免除", en: "waived" } } } : {}) })),
          { ...kanIKakitome, postage: yen(postage) },
        );
        expect(fee.total).toBe(fee.lines.reduce((s, l) => s + l.amount, 0));
        expect(fee.total).toBe(items.reduce((s, i) => s + (i.exempt ? 0 : i.fee * i.copies), 0) + postage);
        expect(fee.lines.every((l) => Number.isSafeInteger(l.amount))).toBe(true);
      }),
    );
  });
});

describe("payment timing from the catalogue", () => {
  it("defaults to paying at submission; after_assessment (事後決済) is read from the file and a typo is refused", () => {
    const json = JSON.parse(JSON.stringify(shippedCatalog())) as { procedures: Record<string, unknown>[] };
    const first = must(json.procedures[0]);
    expect(paymentTimingOf(must(shippedCatalog().procedures[0]))).toBe("at_submission");
    first["paymentTiming"] = "after_assessment";
    expect(paymentTimingOf(must(decodeProcedureCatalog(json)._unsafeUnwrap().procedures[0]))).toBe("after_assessment");
    first["paymentTiming"] = "later";
    expect(decodeProcedureCatalog(json).isErr()).toBe(true);
  });
});

describe("editFee: staff change the number of pages or copies, or exempt a line", () => {
  const current = calculateOrderFee([{ procedure: koseki, copies: 1 }], kanIKakitome);

  it("recomputes the edited line at the catalogue's unit price and keeps total = Σ lines", () => {
    const next = editFee(current, [{ index: 0, quantity: 3, exemptionReason: null }], "戸籍の枚数が3枚と判明")._unsafeUnwrap();
    expect(next.lines[0]).toMatchObject({ unitPrice: 450, quantity: 3, amount: 1350 });
    expect(next.total).toBe(1350 + 460);
    const exempt = editFee(current, [{ index: 0, quantity: 1, exemptionReason: "公用請求" }], "免除の対象")._unsafeUnwrap();
    expect(exempt.lines[0]).toMatchObject({ amount: 0, exemption: { reason: { ja: "公用請求" } } });
    expect(exempt.total).toBe(460);
  });

  it("refuses a change without a reason, an unknown or repeated line, postage ≠ 1, a fraction, and no change at all", () => {
    const code = (edits: Parameters<typeof editFee>[1], reason = "理由") => editFee(current, edits, reason)._unsafeUnwrapErr().code;
    expect(code([{ index: 0, quantity: 2, exemptionReason: null }], "  ")).toBe("fee.reason_required");
    expect(code([{ index: 5, quantity: 2, exemptionReason: null }])).toBe("fee.invalid_edit");
    expect(code([{ index: 0, quantity: 2, exemptionReason: null }, { index: 0, quantity: 3, exemptionReason: null }])).toBe("fee.invalid_edit");
    expect(code([{ index: 1, quantity: 2, exemptionReason: null }])).toBe("fee.invalid_edit");
    expect(code([{ index: 0, quantity: 1.5, exemptionReason: null }])).toBe("fee.invalid_edit");
    expect(code([{ index: 0, quantity: 1, exemptionReason: null }])).toBe("fee.unchanged");
  });

  it("needs a second person when the amount moves by more than the threshold, either way", () => {
    expect(feeChangeNeedsApproval(yen(1000), yen(4000), 3000)).toBe(false);
    expect(feeChangeNeedsApproval(yen(1000), yen(4001), 3000)).toBe(true);
    expect(feeChangeNeedsApproval(yen(5000), yen(1999), 3000)).toBe(true);
  });

  it("feeBreakdown refuses a fraction of a yen or a negative price (programmer error)", () => {
    expect(() => feeBreakdown([{ kind: "certificate", label: { ja: "x", en: "x" }, unitPrice: 10.5, quantity: 1 }])).toThrow(RangeError);
    expect(() => feeBreakdown([{ kind: "certificate", label: { ja: "x", en: "x" }, unitPrice: -1, quantity: 1 }])).toThrow(RangeError);
  });
});
