import { describe, expect, it } from "vitest";
import {
  enterApplicationForResident,
  fieldErrorMessage,
  StaffId,
  storageError,
  validateIntake,
  type EnterApplicationError,
  type FieldError,
  type ProcedureCatalog,
} from "../src/index.ts";
import { FakeStore, fixedClock, hasher, sequentialIds, sha256 } from "./fakes.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const clerk = StaffId("staff-7");

const entry = (overrides: Record<string, unknown> = {}, intake: Record<string, unknown> = {}) => ({
  procedureId: "juminhyo",
  locale: "ja",
  submissionKey: "proxy_0123456789abcdef",
  applicant: {
    name: "見本 花子",
    nameKana: "みほん はなこ",
    postalCode: "123-4567",
    address: "みほん市本町1-2-3",
    dateOfBirth: "S52.7.1",
    phone: "03-1234-5678",
    email: "",
  },
  request: { copies: "1", deliveryMethodId: "standard", extra: {} },
  intake: { channel: "mail", receivedOn: "2026-11-20", payment: "postal_money_order", note: "定額小為替 同封\n本人確認書類の写し あり", ...intake },
  ...overrides,
});

const setup = (catalog: ProcedureCatalog = shippedCatalog()) => ({
  store: new FakeStore(),
  catalog,
  // 2026-11-23 10:00 in Japan.
  clock: fixedClock("2026-11-23T01:00:00Z"),
  ids: sequentialIds(),
  hasher,
});

const enter = (deps: ReturnType<typeof setup>, raw: unknown = entry()) => enterApplicationForResident(deps, { rawInput: raw, staffId: clerk, sourceIp: "192.0.2.10" });

const refusedFields = (e: EnterApplicationError): readonly FieldError[] => (e._tag === "ValidationFailed" ? e.fields : []);

describe("enterApplicationForResident (S5 proxy entry)", () => {
  it("stores a mailed request as submitted, entered by staff, with its intake, no signature and no card payment", async () => {
    const deps = setup();
    const out = (await enter(deps))._unsafeUnwrap();
    const a = out.application;
    expect(a.status).toBe("submitted");
    expect(a.signature).toBeNull();
    expect(a.payment).toBeNull();
    expect(a.applicant.email).toBe("");
    expect(a.applicant.nameKana).toBe("ミホン\u3000ハナコ");
    expect(a.fee.total).toBe(300 + must(deps.catalog.deliveryMethods.find((d) => d.id === "standard")).postage);
    expect(a.history).toStrictEqual([{ from: null, to: "submitted", at: deps.clock.now(), by: { kind: "staff", staffId: clerk }, reason: null }]);
    expect(a.intake).toStrictEqual({
      channel: "mail",
      receivedOn: "2026-11-20",
      payment: "postal_money_order",
      note: "定額小為替 同封\n本人確認書類の写し あり",
      enteredBy: clerk,
    });
    expect(deps.store.rows.get(a.id)).toStrictEqual(a);
    // The resident can follow it with the receipt number and this secret, handed over on the 受付票.
    expect(out.accessSecret).not.toBeNull();
    expect(a.accessSecretHash).toBe(sha256(must(out.accessSecret)));
  });

  it("writes the audit entry with the staff member as actor and the channel, and the notices, in the same insert", async () => {
    const deps = setup();
    const a = (await enter(deps))._unsafeUnwrap().application;
    expect(deps.store.audit).toHaveLength(1);
    expect(deps.store.audit[0]).toMatchObject({
      action: "application.submitted",
      actor: { kind: "staff", id: clerk },
      target: { kind: "application", id: a.id },
      sourceIp: "192.0.2.10",
      details: { procedureId: "juminhyo", from: null, to: "submitted", channel: "mail" },
    });
    // No personal data in the audit details.
    expect(JSON.stringify(deps.store.audit[0])).not.toContain("見本");
    expect(deps.store.outbox.map((m) => m.kind).sort()).toStrictEqual(["application.status_changed", "staff.new_application"]);
  });

  it("refuses phone and email for a procedure that needs the resident's signature, and accepts counter and paper", async () => {
    for (const channel of ["phone", "email"]) {
      const e = (await enter(setup(), entry({}, { channel })))._unsafeUnwrapErr();
      expect(refusedFields(e)).toStrictEqual([{ field: "intake.channel", code: "channel_not_allowed" }]);
    }
    for (const channel of ["counter", "paper"]) {
      expect((await enter(setup(), entry({}, { channel, payment: "cash" })))._unsafeUnwrap().application.intake?.channel).toBe(channel);
    }
  });

  it("accepts a phoned request for a procedure that needs no signature", async () => {
    const catalog = shippedCatalog();
    const unsigned = { ...catalog, procedures: catalog.procedures.map((p) => (p.id === "juminhyo" ? { ...p, requiresSignature: false } : p)) };
    const a = (await enter(setup(unsigned), entry({}, { channel: "phone", payment: "cash" })))._unsafeUnwrap().application;
    expect(a.intake?.channel).toBe("phone");
  });

  it("lists the application's and the intake's refused fields together, with messages that repeat no value", async () => {
    const raw = entry(
      { applicant: { ...entry().applicant, nameKana: "Hanako", email: "not-an-address" } },
      { channel: "fax", receivedOn: "2026-11-24", payment: "", note: "ok\u0007" },
    );
    const fields = refusedFields((await enter(setup(), raw))._unsafeUnwrapErr());
    expect(fields).toStrictEqual([
      { field: "applicant.nameKana", code: "not_kana" },
      { field: "applicant.email", code: "invalid_email" },
      { field: "intake.channel", code: "unknown_option" },
      { field: "intake.receivedOn", code: "future_date" },
      { field: "intake.payment", code: "required" },
      { field: "intake.note", code: "invalid_type", params: { reason: "hidden_character" } },
    ]);
    expect(fields.map((f) => fieldErrorMessage(f, "ja"))).toStrictEqual([
      "ふりがなはカタカナまたはひらがなで入力してください",
      "メールアドレスの形式が正しくありません（例：taro@example.jp）",
      "受付方法は選択肢の中から選んでください",
      "受付日に未来の日付は入力できません",
      "手数料の支払いを選択してください",
      "受付メモに使えない制御文字が含まれています",
    ]);
  });

  it("refuses 支払いなし for an application with a fee, and a missing intake record", async () => {
    const fee = refusedFields((await enter(setup(), entry({}, { payment: "not_required" })))._unsafeUnwrapErr());
    expect(fee).toStrictEqual([{ field: "intake.payment", code: "unknown_option", params: { reason: "fee_due" } }]);
    expect(fieldErrorMessage(must(fee[0]), "ja")).toBe("手数料がかかる申請です。定額小為替または現金を選んでください");
    const { intake: _omitted, ...withoutIntake } = entry();
    expect(refusedFields((await enter(setup(), withoutIntake))._unsafeUnwrapErr())).toStrictEqual([{ field: "intake", code: "required" }]);
  });

  it("stores a resend of the same entry once (double click) and refuses the key reused for another entry", async () => {
    const deps = setup();
    const first = (await enter(deps))._unsafeUnwrap();
    const again = (await enter(deps))._unsafeUnwrap();
    expect(again).toStrictEqual({ application: first.application, accessSecret: null, replayed: true });
    expect(deps.store.rows.size).toBe(1);
    const other = (await enter(deps, entry({}, { note: "別の内容" })))._unsafeUnwrapErr();
    expect(other).toStrictEqual({ _tag: "SubmissionKeyReused", code: "application.submission_key_reused" });
  });

  it("answers a concurrent resend that stored the same entry first as that entry, and reports any other insert failure", async () => {
    const deps = setup();
    deps.store.beforeNextInsert = (a) => deps.store.rows.set(a.id, { ...a, id: "winner" as never });
    const out = (await enter(deps))._unsafeUnwrap();
    expect(out.replayed).toBe(true);
    expect(out.application.id).toBe("winner");
    const failing = setup();
    failing.store.failNextInsert = storageError("application-store.insert", "unavailable", "down");
    expect((await enter(failing))._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError", reason: "unavailable" });
  });

  it("still requires the email of a resident's own submission (the option is only for staff)", async () => {
    expect(refusedFields((await enter(setup(), entry({ applicant: { ...entry().applicant, name: "" } })))._unsafeUnwrapErr())).toStrictEqual([
      { field: "applicant.name", code: "required" },
    ]);
  });
});

describe("validateIntake", () => {
  const context = { procedure: undefined, feeTotal: 0, today: "2026-11-23", enteredBy: clerk };

  it("takes a received date up to 366 days back and no further, and only real dates", () => {
    const ok = (receivedOn: string) => "intake" in validateIntake({ channel: "mail", receivedOn, payment: "not_required" }, context);
    expect(ok("2026-11-23")).toBe(true);
    expect(ok("2025-11-22")).toBe(true);
    expect(validateIntake({ channel: "mail", receivedOn: "2025-11-21", payment: "not_required" }, context)).toStrictEqual({
      errors: [{ field: "intake.receivedOn", code: "out_of_range", params: { min: "2025-11-22", max: "2026-11-23" } }],
    });
    for (const bad of ["2026-02-30", "2026/11/20", "令和8年11月20日", 20261120]) {
      expect(validateIntake({ channel: "mail", receivedOn: bad, payment: "not_required" }, context)).toStrictEqual({
        errors: [{ field: "intake.receivedOn", code: "invalid_date" }],
      });
    }
  });

  it("caps the note at 500 characters counted as code points and trims it", () => {
    const long = "𠮷".repeat(500);
    const kept = validateIntake({ channel: "mail", receivedOn: "2026-11-23", payment: "not_required", note: `  ${long}  ` }, context);
    expect("intake" in kept && kept.intake.note).toBe(long);
    expect(validateIntake({ channel: "mail", receivedOn: "2026-11-23", payment: "not_required", note: `${long}x` }, context)).toStrictEqual({
      errors: [{ field: "intake.note", code: "too_long", params: { max: 500 } }],
    });
  });

  it("refuses an intake that is not an object", () => {
    expect(validateIntake("mail", context)).toStrictEqual({ errors: [{ field: "intake", code: "invalid_type" }] });
    expect(validateIntake(null, context)).toStrictEqual({ errors: [{ field: "intake", code: "required" }] });
  });
});
