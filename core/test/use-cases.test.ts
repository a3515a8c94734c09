import { describe, expect, it } from "vitest";
import {
  canonicalApplicationJson,
  changeApplicationStatus,
  findApplicationForResident,
  prepareApplication,
  StaffId,
  storageError,
  submitApplication,
  withdrawApplication,
  type Application,
  type ProcedureCatalog,
} from "../src/index.ts";
import { FakeGateway, FakeStore, FakeVerifier, fakeSign, fixedClock, hasher, sequentialIds, sha256 } from "./fakes.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const staff = { kind: "staff", staffId: StaffId("staff-1") } as const;

const body = (overrides: Record<string, unknown> = {}) => ({
  procedureId: "juminhyo",
  locale: "ja",
  submissionKey: "sub_0123456789abcdef",
  applicant: {
    name: "見本 太郎",
    nameKana: "みほん たろう",
    postalCode: "123-4567",
    address: "みほん市本町1-2-3",
    dateOfBirth: "S50.3.4",
    phone: "03-1234-5678",
    email: "taro@example.jp",
  },
  request: { copies: "2", deliveryMethodId: "express", extra: {} },
  ...overrides,
});

const setup = (catalog: ProcedureCatalog = shippedCatalog()) => {
  const deps = {
    store: new FakeStore(),
    catalog,
    verifier: new FakeVerifier(),
    gateway: new FakeGateway(),
    clock: fixedClock("2026-11-23T01:00:00Z"),
    ids: sequentialIds(),
    hasher,
  };
  return deps;
};
type Deps = ReturnType<typeof setup>;

/** The canonical JSON the resident's device would sign for `raw` (as the web app computes it). */
const documentFor = (deps: Deps, raw: ReturnType<typeof body>): string =>
  canonicalApplicationJson({
    municipalityCode: "999999",
    procedureId: raw.procedureId,
    submissionKey: raw.submissionKey,
    applicant: {
      name: "見本 太郎",
      nameKana: "ミホン\u3000タロウ",
      postalCode: "1234567",
      address: "みほん市本町1-2-3",
      dateOfBirth: "1975-03-04",
      phone: "0312345678",
      email: "taro@example.jp",
    },
    request: { copies: 2, deliveryMethodId: "express", extra: {} },
    fee: {
      total: 1010 as never,
      lines: [
        { kind: "certificate", label: { ja: "", en: "" }, unitPrice: 300 as never, quantity: 2, amount: 600 as never },
        { kind: "postage", label: { ja: "", en: "" }, unitPrice: 410 as never, quantity: 1, amount: 410 as never },
      ],
    },
  });

const submit = (deps: Deps, raw = body(), cms: string | null = fakeSign(documentFor(deps, raw)), token = "tok_visa") =>
  submitApplication(deps, { rawInput: raw, cmsBase64: cms, paymentToken: token });

describe("prepareApplication", () => {
  it("gives the normalised input, the fee and exactly the document that submit verifies", () => {
    const deps = setup();
    const prepared = prepareApplication(deps.catalog, body(), deps.clock.now())._unsafeUnwrap();
    expect(prepared.canonicalJson).toBe(documentFor(deps, body()));
    expect(prepared.fee.total).toBe(1010);
    expect(prepared.input.applicant.dateOfBirth).toBe("1975-03-04");
  });

  it("refuses invalid input with ValidationFailed", () => {
    const deps = setup();
    expect(prepareApplication(deps.catalog, body({ procedureId: "nope" }), deps.clock.now())._unsafeUnwrapErr().fields).toEqual([
      { field: "procedureId", code: "unknown_procedure" },
    ]);
  });
});

describe("submitApplication", () => {
  it("verifies the signature over the canonical JSON, authorises the total, stores the application and its outbox message", async () => {
    const deps = setup();
    const out = (await submit(deps))._unsafeUnwrap();
    const app = out.application;
    expect(out.replayed).toBe(false);
    expect(out.accessSecret).toBe("secret-1-abcdefghijklmnopqrstuv");
    expect(app.accessSecretHash).toBe(sha256(out.accessSecret ?? ""));
    expect(JSON.stringify(app)).not.toContain(out.accessSecret);
    expect(app).toMatchObject({ status: "submitted", version: 1, procedureId: "juminhyo", locale: "ja", submissionKey: "sub_0123456789abcdef" });
    expect(app.history).toEqual([{ from: null, to: "submitted", at: deps.clock.now(), by: { kind: "resident" }, reason: null }]);
    expect(app.fee.total).toBe(1010);
    expect(app.payment).toEqual({ authorizationId: "auth_1", idempotencyKey: `auth-sub_0123456789abcdef-${sha256("tok_visa").slice(0, 16)}`, amount: 1010, status: "authorized", brand: "visa", last4: "4242" });
    expect(app.signature?.canonicalJson).toBe(documentFor(deps, body()));
    expect(app.signature?.signerSubject).toBe("CN=test");
    expect(deps.verifier.calls).toEqual([{ content: documentFor(deps, body()), at: deps.clock.now() }]);
    expect(deps.gateway.requests).toEqual([
      { source: { kind: "token", token: "tok_visa" }, amount: 1010, idempotencyKey: `auth-sub_0123456789abcdef-${sha256("tok_visa").slice(0, 16)}`, description: "madoguchi juminhyo" },
    ]);
    expect([...deps.store.rows.values()]).toEqual([app]);
    // The resident's 受付 mail, and (S7) the notice to the staff who may process it.
    expect(deps.store.outbox).toEqual([
      { id: "uuid-4", kind: "application.status_changed", applicationId: app.id, status: "submitted", createdAt: deps.clock.now() },
      { id: `staff-new-application-${app.id}`, kind: "staff.new_application", applicationId: app.id, createdAt: deps.clock.now() },
    ]);
    // The audit entry goes with the insert: ids and statuses only, no personal data.
    expect(deps.store.audit).toEqual([
      {
        at: deps.clock.now(),
        actor: { kind: "resident", id: app.id },
        action: "application.submitted",
        target: { kind: "application", id: app.id },
        result: "success",
        sourceIp: null,
        details: { procedureId: "juminhyo", from: null, to: "submitted", version: 1 },
      },
    ]);
    expect(JSON.stringify(deps.store.audit)).not.toContain("見本");
  });

  it("a duplicate submission charges once and returns the stored application", async () => {
    const deps = setup();
    const first = (await submit(deps))._unsafeUnwrap();
    deps.clock.set("2026-11-23T01:05:00Z");
    const second = (await submit(deps))._unsafeUnwrap();
    expect(second).toEqual({ application: first.application, accessSecret: null, replayed: true });
    expect(deps.gateway.charges).toBe(1);
    expect(deps.gateway.requests).toHaveLength(1);
    expect(deps.store.rows.size).toBe(1);
    expect(deps.store.outbox).toHaveLength(2);
  });

  it("refuses a reused submission key with different content", async () => {
    const deps = setup();
    await submit(deps);
    const other = body({ request: { copies: "3", deliveryMethodId: "express", extra: {} } });
    const result = await submit(deps, other, "c2lnbmVkOng=");
    expect(result._unsafeUnwrapErr()).toEqual({ _tag: "SubmissionKeyReused", code: "application.submission_key_reused" });
    expect(deps.gateway.charges).toBe(1);
    expect(deps.store.rows.size).toBe(1);
  });

  it("a tampered signature stores nothing and authorises nothing", async () => {
    const deps = setup();
    const signedForOtherContent = fakeSign(documentFor(deps, body()).replace("見本 太郎", "見本 次郎"));
    const result = await submit(deps, body(), signedForOtherContent);
    expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "SignatureError", reason: "content_mismatch" });
    expect(deps.gateway.requests).toHaveLength(0);
    expect(deps.store.rows.size).toBe(0);
    expect(deps.store.outbox).toHaveLength(0);
  });

  it("requires a signature when the procedure does, and refuses one that is not base64", async () => {
    const deps = setup();
    expect((await submit(deps, body(), null))._unsafeUnwrapErr()).toEqual({ _tag: "SignatureRequired", code: "signature.required" });
    expect((await submit(deps, body(), "not base64!"))._unsafeUnwrapErr()).toMatchObject({ _tag: "SignatureError", reason: "malformed" });
    expect(deps.verifier.calls).toHaveLength(0);
    expect(deps.gateway.requests).toHaveLength(0);
    expect(deps.store.rows.size).toBe(0);
  });

  it("needs no signature for a procedure that does not require one", async () => {
    const base = shippedCatalog();
    const deps = setup({ ...base, procedures: base.procedures.map((p) => ({ ...p, requiresSignature: false })) });
    const app = (await submit(deps, body(), null))._unsafeUnwrap().application;
    expect(app.signature).toBeNull();
    expect(deps.verifier.calls).toHaveLength(0);
    // Its retry is still recognised by the recomputed canonical JSON.
    expect((await submit(deps, body(), null))._unsafeUnwrap().replayed).toBe(true);
  });

  it("after a declined card, another card is a new attempt under the same submission key (no new signature)", async () => {
    const deps = setup();
    expect((await submit(deps, body(), undefined, "tok_declined"))._unsafeUnwrapErr()).toMatchObject({ reason: "declined" });
    const out = (await submit(deps))._unsafeUnwrap();
    expect(out.application.submissionKey).toBe("sub_0123456789abcdef");
    expect(out.application.payment?.idempotencyKey).toBe(`auth-sub_0123456789abcdef-${sha256("tok_visa").slice(0, 16)}`);
    expect(deps.gateway.charges).toBe(1);
  });

  it("a declined card stores nothing", async () => {
    const deps = setup();
    const result = await submit(deps, body(), undefined, "tok_declined");
    expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "PaymentError", reason: "declined" });
    expect(deps.store.rows.size).toBe(0);
    expect(deps.store.outbox).toHaveLength(0);
  });

  it("invalid input is refused before anything is called", async () => {
    const deps = setup();
    const result = await submit(deps, body({ request: { copies: "11", deliveryMethodId: "express", extra: {} } }));
    expect(result._unsafeUnwrapErr()).toEqual({
      _tag: "ValidationFailed",
      code: "validation.failed",
      fields: [{ field: "request.copies", code: "out_of_range", params: { min: 1, max: 10 } }],
    });
    expect(deps.verifier.calls).toHaveLength(0);
    expect(deps.gateway.requests).toHaveLength(0);
  });

  it("voids the authorisation when the insert fails, and returns the storage error", async () => {
    const deps = setup();
    deps.store.failNextInsert = storageError("application-store.insert", "unavailable", "database down");
    const result = await submit(deps);
    expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "unavailable" });
    expect(deps.gateway.voids).toEqual(["auth_1"]);
    expect(deps.store.rows.size).toBe(0);
  });

  it("does not void when a concurrent retry of the same submission stored it first: returns that one", async () => {
    const deps = setup();
    let winner: Application | undefined;
    deps.store.beforeNextInsert = (ours) => {
      // The other request (same submission key, so the gateway gave it the same authorisation)
      // committed between our authorisation and our insert.
      winner = { ...ours, id: "app-winner" as never, receiptNumber: "20261123-WINNER" as never, accessSecretHash: "f".repeat(64) };
      deps.store.rows.set(winner.id, winner);
    };
    const result = (await submit(deps))._unsafeUnwrap();
    expect(result.replayed).toBe(true);
    expect(result.application).toBe(winner);
    expect(deps.gateway.voids).toEqual([]);
    expect(deps.gateway.charges).toBe(1);
  });

  it("refuses to reuse an authorisation that was voided after an earlier failed insert", async () => {
    const deps = setup();
    deps.store.failNextInsert = storageError("application-store.insert", "unavailable", "database down");
    await submit(deps);
    const retry = await submit(deps);
    expect(retry._unsafeUnwrapErr()).toMatchObject({ _tag: "PaymentError", reason: "invalid_request" });
    expect(deps.store.rows.size).toBe(0);
  });

  it("skips payment for a procedure that costs nothing", async () => {
    const base = shippedCatalog();
    const free: ProcedureCatalog = {
      ...base,
      deliveryMethods: base.deliveryMethods.map((m) => ({ ...m, postage: 0 as never })),
      procedures: base.procedures.map((p) => ({ ...p, feePerCopy: 0 as never, requiresSignature: false })),
    };
    const deps = setup(free);
    const app = (await submit(deps, body(), null))._unsafeUnwrap().application;
    expect(app.payment).toBeNull();
    expect(deps.gateway.requests).toHaveLength(0);
  });
});

const submitted = async () => {
  const deps = setup();
  const out = (await submit(deps))._unsafeUnwrap();
  return { deps, app: out.application, secret: must(out.accessSecret) };
};

describe("changeApplicationStatus", () => {
  it("applies the staff command and stores it with an outbox message", async () => {
    const { deps, app } = await submitted();
    deps.clock.set("2026-11-24T00:00:00Z");
    const changed = (
      await changeApplicationStatus(deps, { applicationId: app.id, command: "return", reason: "住所をご確認ください", expectedVersion: 1, actor: staff })
    )._unsafeUnwrap();
    expect(changed).toMatchObject({ status: "returned", version: 2 });
    expect(changed.history[1]).toEqual({ from: "submitted", to: "returned", at: deps.clock.now(), by: staff, reason: "住所をご確認ください" });
    expect(deps.store.rows.get(app.id)).toEqual(changed);
    expect(deps.store.outbox.flatMap((m) => (m.kind === "application.status_changed" ? [m.status] : []))).toEqual(["submitted", "returned"]);
    // The reason text (it may name the resident) stays in the encrypted history, not in the audit log.
    expect(deps.store.audit[1]).toEqual({
      at: deps.clock.now(),
      actor: { kind: "staff", id: "staff-1" },
      action: "application.status_changed",
      target: { kind: "application", id: app.id },
      result: "success",
      sourceIp: null,
      details: { procedureId: "juminhyo", from: "submitted", to: "returned", version: 2 },
    });
    expect(JSON.stringify(deps.store.audit)).not.toContain("住所をご確認ください");
  });

  it("a version mismatch returns ConcurrentModification and changes nothing", async () => {
    const { deps, app } = await submitted();
    await changeApplicationStatus(deps, { applicationId: app.id, command: "receive", reason: null, expectedVersion: 1, actor: staff });
    const stale = await changeApplicationStatus(deps, { applicationId: app.id, command: "startProcessing", reason: null, expectedVersion: 1, actor: staff });
    expect(stale._unsafeUnwrapErr()).toEqual({ _tag: "ConcurrentModification", code: "application.concurrent_modification", id: app.id, expectedVersion: 1 });
    expect(deps.store.rows.get(app.id)?.status).toBe("received");
    expect(deps.store.outbox.map((m) => m.kind)).toEqual(["application.status_changed", "staff.new_application", "application.status_changed"]);
    expect(deps.store.audit.map((a) => a.action)).toEqual(["application.submitted", "application.status_changed"]);
  });

  it("reports a stale version as ConcurrentModification even when the command no longer fits the new status", async () => {
    const { deps, app } = await submitted();
    await changeApplicationStatus(deps, { applicationId: app.id, command: "receive", reason: null, expectedVersion: 1, actor: staff });
    // A second clerk, still looking at version 1, also clicks 受付: the answer is "someone changed it", not "invalid".
    const again = await changeApplicationStatus(deps, { applicationId: app.id, command: "receive", reason: null, expectedVersion: 1, actor: staff });
    expect(again._unsafeUnwrapErr()._tag).toBe("ConcurrentModification");
  });

  it("refuses commands the workflow does not allow, a missing reason, unknown ids and withdraw given as a staff command", async () => {
    const { deps, app } = await submitted();
    const change = (command: string, reason: string | null = null) =>
      changeApplicationStatus(deps, { applicationId: app.id, command: command as "receive", reason, expectedVersion: 1, actor: staff });
    expect((await change("complete"))._unsafeUnwrapErr()._tag).toBe("InvalidTransition");
    expect((await change("reject"))._unsafeUnwrapErr()._tag).toBe("ReasonRequired");
    expect((await change("withdraw"))._unsafeUnwrapErr()._tag).toBe("InvalidTransition");
    const missing = await changeApplicationStatus(deps, { applicationId: "nope" as never, command: "receive", reason: null, expectedVersion: 1, actor: staff });
    expect(missing._unsafeUnwrapErr()._tag).toBe("ApplicationNotFound");
    expect(deps.store.rows.get(app.id)?.version).toBe(1);
  });
});

describe("resident access: findApplicationForResident / withdrawApplication", () => {
  it("finds the application with the receipt number and the access secret (full-width receipt number accepted)", async () => {
    const { deps, app, secret } = await submitted();
    const fullWidth = app.receiptNumber.replace(/[0-9A-Z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect((await findApplicationForResident(deps, { receiptNumber: fullWidth, accessSecret: secret }))._unsafeUnwrap()).toEqual(app);
  });

  it("answers the same ApplicationNotFound for a wrong secret and an unknown receipt number", async () => {
    const { deps, app, secret } = await submitted();
    const wrongSecret = await findApplicationForResident(deps, { receiptNumber: app.receiptNumber, accessSecret: `${secret}x` });
    const unknown = await findApplicationForResident(deps, { receiptNumber: "20261123-XXXXXX", accessSecret: secret });
    expect(wrongSecret._unsafeUnwrapErr()).toEqual({ _tag: "ApplicationNotFound", code: "application.not_found" });
    expect(unknown._unsafeUnwrapErr()).toEqual(wrongSecret._unsafeUnwrapErr());
  });

  it("withdraws before processing, with the stored version, and records the resident", async () => {
    const { deps, app, secret } = await submitted();
    const withdrawn = (await withdrawApplication(deps, { receiptNumber: app.receiptNumber, accessSecret: secret }, "203.0.113.9"))._unsafeUnwrap();
    expect(withdrawn).toMatchObject({ status: "withdrawn", version: 2 });
    expect(deps.store.audit[1]).toMatchObject({ action: "application.withdrawn", actor: { kind: "resident", id: app.id }, sourceIp: "203.0.113.9", details: { from: "submitted", to: "withdrawn" } });
    expect(withdrawn.history[1]?.by).toEqual({ kind: "resident" });
    expect(deps.store.rows.get(app.id)?.status).toBe("withdrawn");
    expect(deps.store.outbox.flatMap((m) => (m.kind === "application.status_changed" ? [m.status] : []))).toEqual(["submitted", "withdrawn"]);
  });

  it("refuses to withdraw once processing started, and with a wrong secret", async () => {
    const { deps, app, secret } = await submitted();
    expect((await withdrawApplication(deps, { receiptNumber: app.receiptNumber, accessSecret: "guess" }))._unsafeUnwrapErr()._tag).toBe(
      "ApplicationNotFound",
    );
    await changeApplicationStatus(deps, { applicationId: app.id, command: "startProcessing", reason: null, expectedVersion: 1, actor: staff });
    const late = await withdrawApplication(deps, { receiptNumber: app.receiptNumber, accessSecret: secret });
    expect(late._unsafeUnwrapErr()).toEqual({ _tag: "NotWithdrawable", code: "application.not_withdrawable", status: "processing" });
    expect(deps.store.rows.get(app.id)?.status).toBe("processing");
  });
});
