import { describe, expect, it } from "vitest";
import { correctIntake, enterApplicationForResident, StaffId, type Application, type CorrectIntakeError, type FieldError } from "../src/index.ts";
import { FakeStore, fixedClock, hasher, sequentialIds } from "./fakes.ts";
import { shippedCatalog } from "./fixtures.ts";

const clerk = StaffId("staff-7");
const supervisor = StaffId("staff-9");

const entry = {
  procedureId: "juminhyo",
  locale: "ja",
  submissionKey: "proxy_0123456789abcdef",
  applicant: { name: "見本 花子", nameKana: "みほん はなこ", postalCode: "123-4567", address: "みほん市本町1-2-3", dateOfBirth: "S52.7.1", phone: "03-1234-5678", email: "" },
  request: { copies: "1", deliveryMethodId: "standard", extra: {} },
  intake: { channel: "mail", receivedOn: "2026-11-20", payment: "postal_money_order", note: "定額小為替 同封" },
};

/** An application entered on 2026-11-23 (Japan), read back a week later when it is corrected. */
const entered = async () => {
  const deps = { store: new FakeStore(), catalog: shippedCatalog(), clock: fixedClock("2026-11-23T01:00:00Z"), ids: sequentialIds(), hasher };
  const application = (await enterApplicationForResident(deps, { rawInput: entry, staffId: clerk, sourceIp: null }))._unsafeUnwrap().application;
  deps.clock.set("2026-11-30T03:00:00Z");
  return { deps, application };
};

const correct = (deps: Awaited<ReturnType<typeof entered>>["deps"], application: Application, intake: Record<string, unknown>, expectedVersion = application.version) =>
  correctIntake(deps, { application, expectedVersion, rawIntake: { ...entry.intake, ...intake }, staffId: supervisor, sourceIp: "192.0.2.9" });

const fieldsOf = (e: CorrectIntakeError): readonly FieldError[] => (e._tag === "ValidationFailed" ? e.fields : []);

describe("correctIntake (S5: the intake record of an entered application)", () => {
  it("stores the corrected record with who corrected it and when, keeps who entered it, and audits the fields' names only", async () => {
    const { deps, application } = await entered();
    const note = "定額小為替 同封（110円不足、11/30 受領）";
    const corrected = (await correct(deps, application, { receivedOn: "2026-11-19", note }))._unsafeUnwrap();
    expect(corrected.version).toBe(application.version + 1);
    expect(corrected.intake).toStrictEqual({
      channel: "mail",
      receivedOn: "2026-11-19",
      payment: "postal_money_order",
      note,
      enteredBy: clerk,
      corrected: { by: supervisor, at: "2026-11-30T03:00:00.000Z" },
    });
    expect(deps.store.rows.get(application.id)).toStrictEqual(corrected);
    const audit = deps.store.audit.at(-1)!;
    expect(audit).toMatchObject({ action: "application.intake_corrected", actor: { kind: "staff", id: supervisor }, target: { kind: "application", id: application.id }, sourceIp: "192.0.2.9" });
    expect(audit.details).toStrictEqual({ procedureId: "juminhyo", fields: "receivedOn,note", version: corrected.version });
    expect(JSON.stringify(audit)).not.toContain("不足");
  });

  it("writes nothing when nothing changed (a second press of 保存)", async () => {
    const { deps, application } = await entered();
    const auditBefore = deps.store.audit.length;
    expect((await correct(deps, application, {}))._unsafeUnwrap()).toBe(application);
    expect(deps.store.audit.length).toBe(auditBefore);
  });

  it("checks the record as at entry, the day of entry counting as today: not after it, not a year before it", async () => {
    const { deps, application } = await entered();
    // 2026-11-25 is before today (11-30) but after the entry day (11-23): the request cannot have come after it was typed in.
    expect(fieldsOf((await correct(deps, application, { receivedOn: "2026-11-25" }))._unsafeUnwrapErr())).toStrictEqual([{ field: "intake.receivedOn", code: "future_date" }]);
    expect(fieldsOf((await correct(deps, application, { receivedOn: "2025-11-21" }))._unsafeUnwrapErr())[0]).toMatchObject({ field: "intake.receivedOn", code: "out_of_range" });
    // A 住民票 needs the resident's signature online: not from a phone call; a fee is owed: not 支払いなし.
    expect(fieldsOf((await correct(deps, application, { channel: "phone", payment: "not_required" }))._unsafeUnwrapErr()).map((f) => f.field)).toStrictEqual(["intake.channel", "intake.payment"]);
    expect(fieldsOf((await correct(deps, application, { note: "あ".repeat(501) }))._unsafeUnwrapErr())[0]).toMatchObject({ field: "intake.note", code: "too_long" });
    expect(deps.store.rows.get(application.id)).toStrictEqual(application);
  });

  it("refuses a stale version and an application the resident submitted online", async () => {
    const { deps, application } = await entered();
    expect((await correct(deps, application, { note: "x" }, application.version - 1))._unsafeUnwrapErr()).toMatchObject({ _tag: "ConcurrentModification" });
    const { intake: _intake, ...online } = application;
    expect((await correct(deps, online as Application, { note: "x" }))._unsafeUnwrapErr()).toStrictEqual({ _tag: "NotEnteredByStaff", code: "application.not_entered_by_staff" });
  });
});
