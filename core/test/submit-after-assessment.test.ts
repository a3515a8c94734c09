import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applicationBooks,
  applyMoneyEvent,
  editOrFixFee,
  moneyTotals,
  planCompletion,
  prepareApplication,
  renderPaymentDueEmail,
  submitApplication,
  type ProcedureCatalog,
} from "../src/index.ts";
import { FakeGateway, FakeStore, FakeVerifier, fakeSign, fixedClock, hasher, sequentialIds } from "./fakes.ts";
import { shippedCatalog } from "./fixtures.ts";

// 事後決済 (ADR 26): an `after_assessment` procedure is submitted without any card; the resident signs that
// the fee is an estimate; staff fix it; completion waits until it is paid. `at_submission` is unchanged.

const body = (procedureId: string, copies = "2", deliveryMethodId = "standard", submissionKey = "sub_after_assessment_0001") => ({
  procedureId,
  locale: "ja",
  submissionKey,
  applicant: {
    name: "見本 太郎",
    nameKana: "みほん たろう",
    postalCode: "123-4567",
    address: "みほん市本町1-2-3",
    dateOfBirth: "S50.3.4",
    phone: "03-1234-5678",
    email: "taro@example.jp",
  },
  request: { copies, deliveryMethodId, extra: procedureId === "shotoku-kazei" || procedureId === "nozei" ? { fiscalYear: "2026", purpose: "loan" } : {} },
});

const setup = (catalog: ProcedureCatalog = shippedCatalog()) => ({
  store: new FakeStore(),
  catalog,
  verifier: new FakeVerifier(),
  gateway: new FakeGateway(),
  clock: fixedClock("2026-11-23T01:00:00Z"),
  ids: sequentialIds(),
  hasher,
});

/** What the browser does: prepare, sign the canonical document, submit with `token` (or none). */
const submitSigned = (deps: ReturnType<typeof setup>, raw: ReturnType<typeof body>, token = "") => {
  const prepared = prepareApplication(deps.catalog, raw, deps.clock.now())._unsafeUnwrap();
  return submitApplication(deps, { rawInput: raw, cmsBase64: fakeSign(prepared.canonicalJson), paymentToken: token });
};

const procedureIds = (timing: "at_submission" | "after_assessment") =>
  shippedCatalog()
    .procedures.filter((p) => (p.paymentTiming ?? "at_submission") === timing)
    .map((p) => p.id as string);

describe("submitApplication for an after_assessment procedure (事後決済)", () => {
  it("stores the application without touching the gateway, with the estimate as its fee and no payment", async () => {
    const deps = setup();
    const out = (await submitSigned(deps, body("koseki-joseki")))._unsafeUnwrap();
    expect(deps.gateway.requests).toEqual([]);
    expect(out.application.payment).toBeNull();
    expect(out.application.fee.total).toBe(750 * 2 + 110);
    expect(out.application.status).toBe("submitted");
    // The 受付 mail is still queued with the application.
    expect(deps.store.outbox.flatMap((m) => (m.kind === "application.status_changed" ? [m.status] : []))).toEqual(["submitted"]);
  });

  it("signs that the amount is an estimate: the document says after_assessment, and the signature is verified over it", async () => {
    const deps = setup();
    const prepared = prepareApplication(deps.catalog, body("koseki-joseki"), deps.clock.now())._unsafeUnwrap();
    expect(JSON.parse(prepared.canonicalJson)).toMatchObject({ paymentTiming: "after_assessment", fee: { total: 1610 } });
    const out = (await submitSigned(deps, body("koseki-joseki")))._unsafeUnwrap();
    expect(out.application.signature?.canonicalJson).toBe(prepared.canonicalJson);
    expect(deps.verifier.calls.map((c) => c.content)).toEqual([prepared.canonicalJson]);
    // A signature over the same application without the estimate clause does not verify.
    const withoutClause = JSON.stringify({ ...JSON.parse(prepared.canonicalJson), paymentTiming: undefined });
    const tampered = await submitApplication(setup(), { rawInput: body("koseki-joseki"), cmsBase64: fakeSign(withoutClause), paymentToken: "" });
    expect(tampered._unsafeUnwrapErr()).toMatchObject({ _tag: "SignatureError" });
  });

  it("replays a resent submission (same key) without a charge, also when a card token is sent along", async () => {
    const deps = setup();
    const first = (await submitSigned(deps, body("koseki-joseki"), "tok_visa"))._unsafeUnwrap();
    const again = (await submitSigned(deps, body("koseki-joseki"), "tok_visa"))._unsafeUnwrap();
    expect([again.replayed, again.application.id]).toEqual([true, first.application.id]);
    expect(deps.gateway.requests).toEqual([]);
    expect(deps.store.rows.size).toBe(1);
  });

  it("its books owe nothing until staff fix the fee; completion is refused until the resident has paid it", async () => {
    const deps = setup();
    const a = (await submitSigned(deps, body("koseki-joseki", "1")))._unsafeUnwrap().application;
    const books = applicationBooks({ fee: a.fee, paymentTiming: "after_assessment", authorization: null }, [])._unsafeUnwrap();
    expect(books.state.feeFixed).toBe(false);
    expect(moneyTotals(books.state).pendingDifference).toBe(0);
    expect(planCompletion(books.state)._unsafeUnwrapErr().code).toBe("money.fee_not_fixed");

    // Staff fix the fee as estimated (no edit is not "unchanged" before it is fixed) …
    expect(editOrFixFee(a.fee, [], "見込みどおり1通", false)._unsafeUnwrap()).toEqual(a.fee);
    // … but once fixed, a change must change something, and a reason is always needed.
    expect(editOrFixFee(a.fee, [], "同じ", true)._unsafeUnwrapErr().code).toBe("fee.unchanged");
    expect(editOrFixFee(a.fee, [], " ", false)._unsafeUnwrapErr().code).toBe("fee.reason_required");
    // Three copies found at the desk.
    const fixed = editOrFixFee(a.fee, [{ index: 0, quantity: 3, exemptionReason: null }], "除籍2通・改製原戸籍1通", false)._unsafeUnwrap();
    expect(fixed.total).toBe(750 * 3 + 110);
    const owed = applyMoneyEvent(books.state, { kind: "fee_fixed", due: fixed.total, at: deps.clock.now() })._unsafeUnwrap();
    expect(moneyTotals(owed).pendingDifference).toBe(fixed.total);
    expect(planCompletion(owed)._unsafeUnwrapErr().code).toBe("money.difference_unpaid");
    const paid = applyMoneyEvent(owed, { kind: "authorized", authorizationId: "auth_due", amount: fixed.total, at: deps.clock.now() })._unsafeUnwrap();
    expect(planCompletion(paid)._unsafeUnwrap()).toEqual([{ kind: "capture", authorizationId: "auth_due", amount: fixed.total }]);
  });
});

describe("the two payment timings, over the shipped catalogue (property)", () => {
  const common = { copies: fc.integer({ min: 1, max: 10 }), delivery: fc.constantFrom("standard", "express", "simple-registered"), token: fc.constantFrom("tok_visa", "tok_declined", "") };

  it("at_submission: the signed document has no timing clause and the card is authorised once for the total", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procedureIds("at_submission")), common.copies, common.delivery, async (id, copies, delivery) => {
        const deps = setup();
        const raw = body(id, String(copies), delivery);
        const prepared = prepareApplication(deps.catalog, raw, deps.clock.now())._unsafeUnwrap();
        expect(prepared.canonicalJson).not.toContain("paymentTiming");
        const out = (await submitSigned(deps, raw, "tok_visa"))._unsafeUnwrap();
        expect(deps.gateway.requests.map((r) => r.amount)).toEqual([prepared.fee.total]);
        expect(out.application.payment).toMatchObject({ amount: prepared.fee.total, status: "authorized" });
      }),
      { numRuns: 60 },
    );
  });

  it("after_assessment: never a gateway call whatever the card token (even a declining one), and the application is stored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procedureIds("after_assessment")), common.copies, common.delivery, common.token, async (id, copies, delivery, token) => {
        const deps = setup();
        const out = (await submitSigned(deps, body(id, String(copies), delivery), token))._unsafeUnwrap();
        expect(deps.gateway.requests).toEqual([]);
        expect(out.application.payment).toBeNull();
        expect(deps.store.rows.size).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it("the same procedure switched to after_assessment in a catalogue adds exactly the timing clause to what is signed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...procedureIds("at_submission")), common.copies, (id, copies) => {
        const base = shippedCatalog();
        const switched: ProcedureCatalog = { ...base, procedures: base.procedures.map((p) => (p.id === id ? { ...p, paymentTiming: "after_assessment" as const } : p)) };
        const now = new Date("2026-11-23T01:00:00Z");
        const before = JSON.parse(prepareApplication(base, body(id, String(copies)), now)._unsafeUnwrap().canonicalJson) as Record<string, unknown>;
        const after = JSON.parse(prepareApplication(switched, body(id, String(copies)), now)._unsafeUnwrap().canonicalJson) as Record<string, unknown>;
        expect(after).toEqual({ ...before, paymentTiming: "after_assessment" });
      }),
      { numRuns: 30 },
    );
  });
});

describe("renderPaymentDueEmail", () => {
  it("tells the amount due and how to pay, in Japanese and English, with no personal data and no access secret", async () => {
    const deps = setup();
    const out = (await submitSigned(deps, body("koseki-joseki")))._unsafeUnwrap();
    const a = out.application;
    const procedure = deps.catalog.procedures.find((p) => p.id === "koseki-joseki")!;
    const ja = renderPaymentDueEmail(a, procedure, deps.catalog.municipality, "ja", { amount: 2360, reason: "fee_fixed" });
    expect(ja.subject).toContain(a.receiptNumber);
    expect(ja.text).toContain("2,360円");
    expect(ja.text).toContain("手数料が確定しました");
    const en = renderPaymentDueEmail(a, procedure, deps.catalog.municipality, "en", { amount: 600, reason: "difference" });
    expect(en.text).toContain("a difference is now due");
    for (const mail of [ja, en]) {
      for (const personal of ["見本", "ミホン", "taro@example.jp", "本町", "0312345678", "1234567", out.accessSecret ?? "?"]) {
        expect(mail.subject + mail.text).not.toContain(personal);
      }
    }
  });
});
