import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdempotencyKey, mergeAuthorizationState, yen, type Authorization } from "../../src/index.ts";

/** The snapshots one authorisation of 1000 yen goes through: authorised, then captured with refunds, or voided. */
const snapshots = (captured: number, refunds: readonly number[]): Authorization[] => {
  const base: Authorization = {
    id: "auth_1",
    amount: yen(1000),
    capturedAmount: yen(0),
    refundedAmount: yen(0),
    status: "authorized",
    brand: "visa",
    last4: "4242",
    idempotencyKey: IdempotencyKey("k"),
    challenge: null,
  };
  const list: Authorization[] = [{ ...base, status: "challenge_required", challenge: { url: "https://gw.example/3ds" } }, base];
  let refunded = 0;
  list.push({ ...base, status: "captured", capturedAmount: yen(captured) });
  for (const r of refunds) {
    refunded = Math.min(captured, refunded + r);
    list.push({ ...base, status: "captured", capturedAmount: yen(captured), refundedAmount: yen(refunded) });
  }
  return list;
};

const arb = fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 4 })).map(([c, r]) => snapshots(c, r));

describe("mergeAuthorizationState", () => {
  it("folds snapshots delivered in any order, with duplicates, to the last one", () => {
    fc.assert(
      fc.property(
        arb.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray([...list, ...list], { minLength: list.length * 2 }))),
        ([list, delivered]) => {
          const folded = delivered.reduce(mergeAuthorizationState);
          expect(folded).toEqual(list[list.length - 1]);
        },
      ),
    );
  });

  it("is commutative and idempotent", () => {
    fc.assert(
      fc.property(arb.chain((list) => fc.tuple(fc.constantFrom(...list), fc.constantFrom(...list))), ([a, b]) => {
        expect(mergeAuthorizationState(a, b)).toEqual(mergeAuthorizationState(b, a));
        expect(mergeAuthorizationState(a, a)).toEqual(a);
      }),
    );
  });

  it("lets a void win over an authorisation, and refuses to merge two different authorisations", () => {
    const [, authorized] = snapshots(1000, []);
    if (authorized === undefined) throw new Error("fixture");
    const voided: Authorization = { ...authorized, status: "voided" };
    expect(mergeAuthorizationState(voided, authorized).status).toBe("voided");
    expect(() => mergeAuthorizationState(authorized, { ...authorized, id: "auth_2" })).toThrow(RangeError);
  });
});
