import fc from "fast-check";
import {
  APPLICATION_STATUSES,
  ApplicationId,
  IdempotencyKey,
  ProcedureId,
  ReceiptNumber,
  StaffId,
  type Actor,
  type Applicant,
  type Application,
  type ApplicationStatus,
  type CertificateRequest,
  type FeeBreakdown,
  type FeeLine,
  type Intake,
  INTAKE_CHANNELS,
  OFFLINE_PAYMENTS,
  type Locale,
  type OutboxMessage,
  type PaymentRecord,
  type SignatureEvidence,
  type StaffAccount,
  type StatusChange,
  type Yen,
} from "@madoguchi/core";

/**
 * Timestamps the stores must keep to the millisecond. 2000–2199 covers every real submission while
 * staying inside what SQL timestamp types hold.
 */
export const timestampArb: fc.Arbitrary<Date> = fc.date({
  min: new Date("2000-01-01T00:00:00.000Z"),
  max: new Date("2199-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

/** An ISO calendar date `YYYY-MM-DD` (dates of birth, 1900–2030). */
export const isoDateArb: fc.Arbitrary<string> = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/**
 * Kanji that break naive systems: surrogate-pair 𠮷 (U+20BB7), IBM-extension 髙 and 﨑 (compatibility
 * block U+FA11), 𩸽 (U+29E3D), plus common surname kanji.
 */
export const RARE_NAME_CHARACTERS: readonly string[] = ["𠮷", "髙", "﨑", "𩸽", "辻", "邊", "齋", "德", "濵", "桒"];
const COMMON_KANJI = ["山", "田", "中", "佐", "藤", "鈴", "木", "高", "橋", "渡", "辺", "伊", "小", "林", "吉", "崎", "太", "郎", "花", "子", "美", "和", "翔", "陽"];
const KATAKANA = Array.from("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポァィゥェォッャュョヴー");
const HIRAGANA = Array.from("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん");

const joined = (chars: readonly string[], min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(""));

/** A family and given name in kanji/kana (rare kanji included) or any Unicode text. */
export const personNameArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      joined([...COMMON_KANJI, ...RARE_NAME_CHARACTERS], 1, 3),
      fc.constantFrom(" ", "　", ""),
      joined([...COMMON_KANJI, ...RARE_NAME_CHARACTERS, ...HIRAGANA], 1, 4),
    )
    .map(([family, sep, given]) => `${family}${sep}${given}`),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
);

/** Furigana in full-width katakana. */
export const nameKanaArb: fc.Arbitrary<string> = fc
  .tuple(joined(KATAKANA, 1, 8), joined(KATAKANA, 1, 8))
  .map(([a, b]) => `${a}　${b}`);

const digits = (min: number, max: number): fc.Arbitrary<string> => joined(Array.from("0123456789"), min, max);

/** The resident's personal data (R4), normalised shapes, any Unicode in free text. */
export const applicantArb: fc.Arbitrary<Applicant> = fc.record({
  name: personNameArb,
  nameKana: nameKanaArb,
  postalCode: digits(7, 7),
  address: fc.oneof(
    fc
      .tuple(fc.constantFrom("東京都千代田区", "大阪府大阪市北区", "福岡県福岡市中央区", "北海道札幌市"), joined([...COMMON_KANJI, ...RARE_NAME_CHARACTERS], 1, 4), digits(1, 2), digits(1, 3))
      .map(([pref, town, a, b]) => `${pref}${town}${a}丁目${b}番`),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  ),
  dateOfBirth: isoDateArb,
  phone: digits(10, 11),
  email: fc.emailAddress(),
}, { noNullPrototype: true });

/** What is requested, with the procedure's extra answers (keys are identifiers, values any text). */
export const certificateRequestArb: fc.Arbitrary<CertificateRequest> = fc.record({
  copies: fc.integer({ min: 1, max: 10 }),
  deliveryMethodId: fc.constantFrom("window", "post", "post-express"),
  extra: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,11}$/), fc.string({ unit: "grapheme", maxLength: 20 }), { maxKeys: 4, noNullPrototype: true }),
}, { noNullPrototype: true });

const yenArb = (max: number): fc.Arbitrary<Yen> => fc.integer({ min: 0, max }).map((n) => n as Yen);
const labelArb = fc.record({ ja: fc.constantFrom("住民票の写し", "郵送料", "所得・課税証明書", "戸籍謄本"), en: fc.constantFrom("Certificate of residence", "Postage", "Income certificate", "Family register") }, { noNullPrototype: true });

/** A fee breakdown whose total is the sum of its lines (amount = unitPrice × quantity). */
export const feeBreakdownArb: fc.Arbitrary<FeeBreakdown> = fc
  .array(
    fc.record({
      kind: fc.constantFrom<FeeLine["kind"]>("certificate", "postage"),
      label: labelArb,
      unitPrice: yenArb(5_000),
      quantity: fc.integer({ min: 1, max: 10 }),
    }, { noNullPrototype: true }),
    { minLength: 1, maxLength: 3 },
  )
  .map((lines) => {
    const full = lines.map((l): FeeLine => ({ ...l, amount: (l.unitPrice * l.quantity) as Yen }));
    return { lines: full, total: full.reduce((sum, l) => sum + l.amount, 0) as Yen };
  });

/** Who acted. */
export const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  fc.constant<Actor>({ kind: "resident" }),
  fc.uuid().map((id): Actor => ({ kind: "staff", staffId: StaffId(id) })),
);

/** A status history starting with the submission and ending in `status` (its last `to`). */
const historyArb = (submittedAt: Date): fc.Arbitrary<{ history: StatusChange[]; status: ApplicationStatus }> =>
  fc
    .array(
      fc.record({
        to: fc.constantFrom(...APPLICATION_STATUSES),
        at: timestampArb,
        by: actorArb,
        reason: fc.option(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), { nil: null }),
      }, { noNullPrototype: true }),
      { maxLength: 4 },
    )
    .map((changes) => {
      const history: StatusChange[] = [{ from: null, to: "submitted", at: submittedAt, by: { kind: "resident" }, reason: null }];
      for (const c of changes) history.push({ from: history[history.length - 1]?.to ?? null, ...c });
      return { history, status: history[history.length - 1]?.to ?? "submitted" };
    });

/** Verified signature evidence (base64 of random bytes stands in for the CMS structure). */
export const signatureEvidenceArb: fc.Arbitrary<SignatureEvidence> = fc.record({
  canonicalJson: fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
  cmsBase64: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b).toString("base64")),
  signerSubject: personNameArb.map((n) => `CN=${n}`),
  signerIssuer: fc.constant("OU=公的個人認証サービス, O=JPKI, C=JP"),
  signerSerialNumber: digits(8, 16),
  verifiedAt: timestampArb,
}, { noNullPrototype: true });

/** A payment authorisation: gateway ids, brand and last four digits only. */
export const paymentRecordArb: fc.Arbitrary<PaymentRecord> = fc.record({
  authorizationId: fc.uuid().map((u) => `auth_${u}`),
  idempotencyKey: fc.uuid().map(IdempotencyKey),
  amount: fc.integer({ min: 0, max: 100_000 }),
  status: fc.constantFrom<PaymentRecord["status"]>("authorized", "captured", "voided"),
  brand: fc.constantFrom("visa", "mastercard", "jcb", "amex"),
  last4: digits(4, 4),
}, { noNullPrototype: true });

/** A receipt number `YYYYMMDD-XXXXXX` (Crockford base32 without I, L, O, U). */
export const receiptNumberArb: fc.Arbitrary<ReceiptNumber> = fc
  .tuple(timestampArb, joined(Array.from("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), 6, 6))
  .map(([d, suffix]) => ReceiptNumber(`${d.toISOString().slice(0, 10).replaceAll("-", "")}-${suffix}`));

/** Procedure ids of a typical catalog (few, so that list filters hit). */
export const procedureIdArb: fc.Arbitrary<ProcedureId> = fc.constantFrom("juminhyo", "koseki", "shotoku-kazei", "inkan").map(ProcedureId);

/** S5: how staff received an application they entered (and who corrected the record last); the note is free text (any Unicode, line breaks). */
export const intakeArb: fc.Arbitrary<Intake> = fc.record({
  channel: fc.constantFrom(...INTAKE_CHANNELS),
  receivedOn: fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  payment: fc.constantFrom(...OFFLINE_PAYMENTS),
  note: fc.oneof(fc.constant(""), fc.string({ unit: "grapheme", maxLength: 40 }), fc.constant("定額小為替 ¥300 同封\n本人確認書類の写し あり")),
  enteredBy: fc.uuid().map(StaffId),
  corrected: fc.record({ by: fc.uuid().map(StaffId), at: fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()) }, { noNullPrototype: true }),
}, { noNullPrototype: true, requiredKeys: ["channel", "receivedOn", "payment", "note", "enteredBy"] });

/** Tuning of {@link applicationArb}. */
export interface ApplicationArbOptions {
  /** Version of the generated applications (default 1: freshly submitted, ready to insert). */
  readonly version?: number;
}

/**
 * Valid `Application` shapes: any Unicode in personal free text (rare kanji like 𠮷 髙 﨑, kana),
 * ISO dates, every status with a matching history, optional signature and payment. Ids, receipt
 * numbers and submission keys are random UUID-based values, so collisions are practically absent.
 */
export const applicationArb = (options: ApplicationArbOptions = {}): fc.Arbitrary<Application> =>
  fc
    .record({
      id: fc.uuid().map(ApplicationId),
      receiptNumber: receiptNumberArb,
      submissionKey: fc.uuid(),
      procedureId: procedureIdArb,
      locale: fc.constantFrom<Locale>("ja", "en"),
      applicant: applicantArb,
      request: certificateRequestArb,
      fee: feeBreakdownArb,
      signature: fc.option(signatureEvidenceArb, { nil: null }),
      payment: fc.option(paymentRecordArb, { nil: null }),
      accessSecretHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex")),
      submittedAt: timestampArb,
      updatedAt: timestampArb,
      intake: fc.option(intakeArb, { nil: null }),
    })
    .chain(({ intake, ...base }) =>
      historyArb(base.submittedAt).map(({ history, status }): Application => ({
        ...base,
        status,
        history,
        version: options.version ?? 1,
        // S5: fc.option leaves about one in six without intake: those have no intake key at all, as core builds them.
        ...(intake === null ? {} : { intake }),
      })),
    );

/** A change to apply to a stored application with {@link applyApplicationChange}. */
export interface ApplicationChange {
  readonly to: ApplicationStatus;
  readonly at: Date;
  readonly by: Actor;
  readonly reason: string | null;
  readonly payment: PaymentRecord | null;
  readonly extraAnswer: string | null;
}

/** Changes core could make: a status transition with its history entry, maybe a payment or an answer. */
export const applicationChangeSpecArb: fc.Arbitrary<ApplicationChange> = fc.record({
  to: fc.constantFrom(...APPLICATION_STATUSES),
  at: timestampArb,
  by: actorArb,
  reason: fc.option(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), { nil: null }),
  payment: fc.option(paymentRecordArb, { nil: null }),
  extraAnswer: fc.option(fc.string({ unit: "grapheme", maxLength: 20 }), { nil: null }),
}, { noNullPrototype: true });

/** The next version of `current` after `change` (version + 1, a history entry, updatedAt). */
export const applyApplicationChange = (current: Application, change: ApplicationChange): Application => ({
  ...current,
  status: change.to,
  history: [...current.history, { from: current.status, to: change.to, at: change.at, by: change.by, reason: change.reason }],
  payment: change.payment ?? current.payment,
  request:
    change.extraAnswer === null ? current.request : { ...current.request, extra: { ...current.request.extra, note: change.extraAnswer } },
  version: current.version + 1,
  updatedAt: change.at,
});

/** A next version of `current`, as core would store it with `update`. */
export const applicationChangeArb = (current: Application): fc.Arbitrary<Application> =>
  applicationChangeSpecArb.map((change) => applyApplicationChange(current, change));

/** An outbox message about `applicationId`, of every kind (a status mail, a payment-due mail, a staff notice). */
export const outboxMessageArb = (applicationId: ApplicationId): fc.Arbitrary<OutboxMessage> =>
  fc.oneof(
    fc.record({
      id: fc.uuid(),
      kind: fc.constant("application.status_changed" as const),
      applicationId: fc.constant(applicationId),
      status: fc.constantFrom(...APPLICATION_STATUSES),
      createdAt: timestampArb,
    }, { noNullPrototype: true }),
    fc.record({
      id: fc.uuid(),
      kind: fc.constant("application.payment_due" as const),
      applicationId: fc.constant(applicationId),
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      reason: fc.constantFrom("fee_fixed" as const, "difference" as const),
      seq: fc.integer({ min: 1, max: 10_000 }),
      createdAt: timestampArb,
    }, { noNullPrototype: true }),
    fc.record({ id: fc.uuid(), kind: fc.constant("staff.new_application" as const), applicationId: fc.constant(applicationId), createdAt: timestampArb }, { noNullPrototype: true }),
  );

/** A staff account. */
export const staffAccountArb: fc.Arbitrary<StaffAccount> = fc.record({
  id: fc.uuid().map(StaffId),
  loginId: fc.stringMatching(/^[a-z][a-z0-9._-]{2,20}$/),
  displayName: personNameArb,
  passwordHash: fc.uint8Array({ minLength: 16, maxLength: 32 }).map((b) => `$argon2id$v=19$m=65536,t=3,p=4$${Buffer.from(b).toString("base64")}`),
  createdAt: timestampArb,
  notificationEmail: fc.option(fc.stringMatching(/^[a-z][a-z0-9.]{0,20}@[a-z]{2,10}\.lg\.jp$/), { nil: null }),
}, { noNullPrototype: true });
