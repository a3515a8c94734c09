import { describe, expect, it } from "vitest";
import { applicationBooks, calculateOrderFee, editFee, moneyTotals, planCompletion, ProcedureId, yen, type LedgerRecord, type Procedure } from "../../src/index.ts";

const koseki: Procedure = {
  id: ProcedureId("koseki"),
  name: { ja: "戸籍全部事項証明書", en: "Family register" },
  description: { ja: "説明", en: "description" },
  feePerCopy: yen(450),
  maxCopies: 10,
  deliveryMethodIds: ["m"],
  extraFields: [],
  requiredFields: [],
  fieldHelp: {},
  requiresSignature: false,
  enabled: true,
};
const fee = calculateOrderFee([{ procedure: koseki, copies: 1 }], { id: "m", name: { ja: "普通", en: "Ordinary" }, postage: yen(110) });
const at = new Date("2026-11-23T00:00:00Z");

describe("applicationBooks: the submission and the ledger read as one", () => {
  it("counts the submission's authorisation once, and the fee in force is the latest staff change", () => {
    const changed = editFee(fee, [{ index: 0, quantity: 3, exemptionReason: null }], "3枚")._unsafeUnwrap();
    const records: LedgerRecord[] = [
      { applicationId: "a", procedureId: "koseki", seq: 1, event: { kind: "fee_fixed", due: changed.total, at }, feeChange: { fee: changed, reason: "3枚", staffId: "st", approvalId: null } },
    ];
    const books = applicationBooks({ fee, paymentTiming: "at_submission", authorization: { id: "au-1", amount: 560, at } }, records)._unsafeUnwrap();
    expect(books.fee.total).toBe(1460);
    expect(books.count).toBe(1);
    expect(moneyTotals(books.state)).toMatchObject({ authorized: 560, held: 560, pendingDifference: 900 });
    const withAuth = applicationBooks(
      { fee, paymentTiming: "at_submission", authorization: { id: "au-1", amount: 560, at } },
      [{ applicationId: "a", procedureId: "koseki", seq: 1, event: { kind: "authorized", authorizationId: "au-1", amount: yen(560), at }, feeChange: null }],
    )._unsafeUnwrap();
    expect(moneyTotals(withAuth.state).authorized).toBe(560);
  });

  it("S5: an application staff entered owes nothing to the card books (its fee is paid by postal order or cash), and completion captures nothing", () => {
    const books = applicationBooks({ fee, paymentTiming: "at_submission", authorization: null, paidOutsideCard: true }, [])._unsafeUnwrap();
    expect(books.fee.total).toBe(560);
    expect(books.state).toStrictEqual({ due: 0, feeFixed: true, authorizations: [] });
    expect(moneyTotals(books.state).pendingDifference).toBe(0);
    expect(planCompletion(books.state)._unsafeUnwrap()).toStrictEqual([]);
    // The same application paid online would owe its fee.
    expect(moneyTotals(applicationBooks({ fee, paymentTiming: "at_submission", authorization: null }, [])._unsafeUnwrap().state).pendingDifference).toBe(560);
  });

  it("事後決済 owes nothing until staff fix the amount; a broken record is reported", () => {
    const books = applicationBooks({ fee, paymentTiming: "after_assessment", authorization: null }, [])._unsafeUnwrap();
    expect(books.state).toMatchObject({ feeFixed: false, due: 0 });
    const broken = applicationBooks({ fee, paymentTiming: "after_assessment", authorization: null }, [
      { applicationId: "a", procedureId: "koseki", seq: 1, event: { kind: "captured", authorizationId: "zz", amount: yen(1), at }, feeChange: null },
    ]);
    expect(broken._unsafeUnwrapErr().detail).toBe("unknown_authorization");
  });
});
