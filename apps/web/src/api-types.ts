import type { Localized } from "./i18n/locale.ts";

/** A card brand as the server names it. */
export type CardBrandName = "visa" | "mastercard" | "jcb" | "amex" | "diners";

/** `GET /api/config`: what the browser needs to know about this deployment. */
export interface AppConfig {
  readonly municipality: { readonly code: string; readonly name: Localized };
  /** The gateway's card fields (docs/adr/0028): the sandbox's hosted fields, or Stripe Elements. */
  readonly payment:
    | { readonly kind: "sandbox"; readonly hostedFieldsUrl: string; readonly origin: string }
    | { readonly kind: "stripe"; readonly stripeJsUrl: string; readonly publishableKey: string; readonly threeDSecureReturnOrigin: string };
  readonly devInbox: boolean;
  /** The portal's public address (`MADOGUCHI_PUBLIC_ORIGINS`' first): what the kiosk shows for next time (R11). */
  readonly portalOrigin: string;
  /** Card brands the gateway accepts (`MADOGUCHI_CARD_BRANDS`), named beside the card form (ADR 29). */
  readonly acceptedCardBrands: readonly CardBrandName[];
}

/** A way to receive the certificates by post. */
export interface DeliveryMethod {
  readonly id: string;
  readonly name: Localized;
  readonly postage: number;
}

/** A procedure-specific question: a choice (年度, 使用目的), one line of text (提出先), a date or a whole number. */
export type { ExtraField } from "@madoguchi/core";

/** Applicant fields whose "required" flag the municipality configures (core's type). */
export type { ApplicantField } from "@madoguchi/core";
import type { ApplicantField, CatalogTag, ExtraField, Procedure as CoreProcedure } from "@madoguchi/core";

/** The applicant fields in form order. */
export const APPLICANT_FIELDS: readonly ApplicantField[] = [
  "name",
  "nameKana",
  "postalCode",
  "address",
  "dateOfBirth",
  "phone",
  "email",
];

/**
 * A certificate procedure of the catalog; with core's R12 search fields (`categoryIds`, `lifeEventIds`, `keywords`:
 * absent, none), which the portal searches with core's `searchProcedures`.
 */
export interface Procedure extends Pick<CoreProcedure, "categoryIds" | "lifeEventIds" | "keywords"> {
  readonly id: string;
  readonly name: Localized;
  readonly description: Localized;
  readonly feePerCopy: number;
  readonly maxCopies: number;
  readonly deliveryMethodIds: readonly string[];
  readonly extraFields: readonly ExtraField[];
  readonly requiredFields: readonly ApplicantField[];
  readonly fieldHelp: Partial<Record<ApplicantField, Localized>>;
  readonly requiresSignature: boolean;
  /** 事後決済 when `after_assessment`: no card at submission, paid once staff fix the fee (absent: at submission). */
  readonly paymentTiming?: "at_submission" | "after_assessment";
}

/** A category or a life event procedures are found by (R12). */
export type { CatalogTag } from "@madoguchi/core";

/** `GET /api/procedures`. */
export interface Catalog {
  readonly deliveryMethods: readonly DeliveryMethod[];
  readonly procedures: readonly Procedure[];
  readonly categories: readonly CatalogTag[];
  readonly lifeEvents: readonly CatalogTag[];
}

/** The applicant as typed (strings) or as normalised by the server. */
export type ApplicantInput = Record<ApplicantField, string>;

/** What the resident asks for. `copies` is sent as typed: the server accepts full-width digits. */
export interface RequestInput {
  readonly copies: string;
  readonly deliveryMethodId: string;
  readonly extra: Readonly<Record<string, string>>;
}

/** Body of `POST /api/applications/prepare` (and the base of `POST /api/applications`). */
export interface PrepareBody {
  readonly procedureId: string;
  readonly locale: "ja" | "en";
  readonly submissionKey: string;
  readonly applicant: ApplicantInput;
  readonly request: RequestInput;
}

/** One fee line: a certificate × copies, or the postage. */
export interface FeeLine {
  readonly kind: "certificate" | "postage";
  readonly label: Localized;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly amount: number;
  /** Present when the line is exempt (its amount is then 0): why, shown on the line (ADR 26). */
  readonly exemption?: { readonly reason: Localized };
}

/** A fee breakdown; `total` is the sum of the lines. */
export interface Fee {
  readonly lines: readonly FeeLine[];
  readonly total: number;
}

/** The normalised request as the server returns it. */
export interface NormalisedRequest {
  readonly copies: number;
  readonly deliveryMethodId: string;
  readonly extra: Readonly<Record<string, string>>;
}

/** `POST /api/applications/prepare` → 200: what will be signed and paid. */
export interface Prepared {
  /** RFC 8785 canonical JSON of the application: exactly these bytes are signed. */
  readonly canonicalJson: string;
  readonly applicant: ApplicantInput;
  readonly request: NormalisedRequest;
  readonly fee: Fee;
}

/** Body of `POST /api/applications`. */
export interface SubmitBody extends PrepareBody {
  readonly signature: { readonly cmsBase64: string } | null;
  /** A hosted-fields token, or the logged-in resident's saved card (R6); `null` for a 事後決済 procedure (nothing paid at submission). */
  readonly payment: { readonly token: string } | { readonly savedCardId: string } | null;
}

/** `POST /api/applications` → 201. */
export interface Receipt {
  readonly receiptNumber: string;
  /** The resident's access code; shown once, never stored in clear by the server. */
  readonly accessSecret: string;
}

/** Status values of an application: core's, so that the UI cannot drift from the domain. */
export type { ApplicationStatus } from "@madoguchi/core";
export type { StaffPermission } from "@madoguchi/core";
import type { StaffPermission } from "@madoguchi/core";
import type { ApplicationStatus } from "@madoguchi/core";

/** All statuses, in life-cycle order (the staff filter lists them so). */
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "submitted",
  "received",
  "processing",
  "completed",
  "rejected",
  "returned",
  "withdrawn",
];

/** One entry of an application's status history. */
export interface HistoryEntry {
  readonly to: string;
  readonly toLabel: Localized;
  /** ISO date-time. */
  readonly at: string;
  readonly reason: string | null;
}

/** `POST /api/applications/lookup` and `/withdraw` → 200. */
export interface StatusView {
  readonly receiptNumber: string;
  readonly procedureId: string;
  readonly procedureName: Localized;
  readonly status: string;
  readonly statusLabel: Localized;
  readonly history: readonly HistoryEntry[];
  readonly fee: Fee;
  readonly withdrawable: boolean;
}

/** A signed-in staff member. */
export interface StaffMember {
  readonly displayName: string;
  readonly loginId: string;
}

/** `GET /api/staff/me` and a finished login → 200. */
export interface StaffSession {
  readonly staff: StaffMember;
  /** Sent back as `X-CSRF-Token` on every state-changing staff request. */
  readonly csrfToken: string;
  /** The previous login (shown after signing in); `null` at the first. */
  readonly lastLogin?: { readonly at: string; readonly sourceIp: string | null } | null;
  /** The last sign-out (S2, shown beside the previous login); `null` when never signed out. */
  readonly lastLogout?: { readonly at: string } | null;
  /** The municipality's login message (banner). */
  readonly loginMessage?: { readonly ja: string; readonly en: string };
  /** Shown once, right after the TOTP enrolment. */
  readonly recoveryCodes?: readonly string[];
  /**
   * What the member's roles allow, as the server derived them: the back office hides the rest (the
   * server refuses it anyway).
   */
  readonly permissions: readonly StaffPermission[];
}

/** `POST /api/staff/login` → 200: the password passed; the second step is due. */
export interface StaffLoginStarted {
  readonly next: "totp" | "totp_enrolment";
  /** The pending session's token, for the second step's requests. */
  readonly csrfToken: string;
}

/** `POST /api/staff/login/totp-enrolment` → 200. */
export interface StaffTotpEnrolment {
  readonly secret: string;
  readonly uri: string;
  readonly qrDataUrl: string;
}

/** A row of the staff list. */
export interface StaffListItem {
  readonly id: string;
  readonly receiptNumber: string;
  readonly procedureName: Localized;
  readonly applicantName: string;
  readonly status: string;
  readonly statusLabel: Localized;
  readonly submittedAt: string;
  readonly total: number;
  /** S5: how an application staff entered came in (null: the resident applied online). */
  readonly intakeChannel: string | null;
  readonly intakeChannelLabel: Localized | null;
}

/** `GET /api/staff/applications`. */
export interface StaffList {
  readonly items: readonly StaffListItem[];
  readonly total: number;
}

/** Commands staff may give an application. */
export type StaffCommand = "receive" | "startProcessing" | "complete" | "reject" | "return";

/** The commands in the order their buttons appear. */
export const STAFF_COMMANDS: readonly StaffCommand[] = ["receive", "startProcessing", "complete", "reject", "return"];

/** Commands that must carry a reason (it is sent to the resident). */
export const COMMANDS_WITH_REASON: ReadonlySet<StaffCommand> = new Set<StaffCommand>(["reject", "return"]);

/** `GET /api/staff/applications/:id`. */
export interface StaffDetail {
  readonly id: string;
  readonly receiptNumber: string;
  /** Not in the documented contract, but sent by the reference server; used to label extra answers. */
  readonly procedureId?: string;
  readonly procedureName: Localized;
  readonly status: string;
  readonly statusLabel: Localized;
  readonly version: number;
  /**
   * When it was submitted (ISO instant) — for an application staff entered, when they typed it in: its Japan date
   * is the "today" of its intake record's rules (S5). Sent by the reference server; optional for older ones.
   */
  readonly submittedAt?: string;
  readonly applicant: ApplicantInput;
  readonly request: NormalisedRequest;
  readonly fee: Fee;
  readonly history: readonly HistoryEntry[];
  readonly signature: {
    readonly signerSubject: string;
    readonly signerIssuer: string;
    readonly verifiedAt: string;
  } | null;
  readonly payment: {
    readonly authorizationId: string;
    readonly brand: string;
    readonly last4: string;
    readonly amount: number;
    readonly status: string;
  } | null;
  readonly allowedCommands: readonly string[];
  /**
   * S5: how the request reached the municipality when staff entered it for the resident (代理入力); `null` for a
   * resident's own online application. Optional: a server from before S5 does not send it.
   */
  readonly intake?: StaffIntakeView | null;
}

/** S5: core's lists and bounds of an intake record (受付方法, 手数料の支払い, the note, the received date). */
export { IDENTIFYING_CHANNELS, INTAKE_CHANNELS, MAX_INTAKE_AGE_DAYS, MAX_INTAKE_NOTE_LENGTH, OFFLINE_PAYMENTS as INTAKE_PAYMENTS } from "@madoguchi/core";
export type { IntakeChannel, OfflinePayment as IntakePayment } from "@madoguchi/core";
import type { IntakeChannel, OfflinePayment as IntakePayment } from "@madoguchi/core";

/** The `intake` part of a staff entry. A choice not made yet is sent as `""` (the page checks before sending). */
export interface IntakeInput {
  readonly channel: IntakeChannel | "";
  /** `YYYY-MM-DD`, Japan's calendar. */
  readonly receivedOn: string;
  readonly payment: IntakePayment | "";
  /** Up to 500 characters, line breaks allowed. */
  readonly note: string;
}

/**
 * Body of `POST /api/staff/applications` (S5, `applications.process`): a resident's application as staff enter it —
 * the resident's body (the email may be `""`; `locale` is the resident's language) and how it came.
 */
export interface ProxyEntryBody extends PrepareBody {
  readonly intake: IntakeInput;
}

/**
 * `POST /api/staff/applications` → 201 (stored; `accessSecret` shown once) or 200 with `replayed: true` (the same
 * submission key and content sent again; `accessSecret` is then `null`: only its hash is kept).
 */
export interface EnteredApplication {
  readonly id: string;
  readonly receiptNumber: string;
  readonly accessSecret: string | null;
  readonly replayed: boolean;
}

/** The intake record of an application as `GET /api/staff/applications/:id` sends it (S5). */
export interface StaffIntakeView {
  readonly channel: string;
  readonly channelLabel: Localized;
  /** `YYYY-MM-DD`. */
  readonly receivedOn: string;
  readonly payment: string;
  readonly paymentLabel: Localized;
  /** Several lines possibly: shown as text. */
  readonly note: string;
  /** The staff member who typed it in (their id). */
  readonly enteredBy: string;
  /** The last correction of the record (`PUT /api/staff/applications/:id/intake`): who (a staff id), when (ISO instant). Absent before any. */
  readonly corrected?: { readonly by: string; readonly at: string };
}

/** Body of `PUT /api/staff/applications/:id/intake` (S5, `applications.process`): the corrected record against the version shown. */
export interface IntakeCorrectionBody {
  readonly intake: IntakeInput;
  readonly expectedVersion: number;
}

/** A message in the development inbox. */
export interface InboxMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly receivedAt: string;
}

/** `GET /api/dev/inbox`. */
export interface Inbox {
  readonly messages: readonly InboxMessage[];
}

/** One field error of a 422 answer. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** One entry of the audit log as `GET /api/staff/audit` sends it (ids and codes only, never personal data). */
export interface AuditEntryView {
  readonly seq: number;
  readonly at: string;
  readonly actor: { readonly kind: string; readonly id: string | null };
  readonly action: string;
  readonly target: { readonly kind: string; readonly id: string } | null;
  readonly result: string;
  readonly sourceIp: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** `GET /api/staff/audit`: a page of entries in sequence order. */
export interface AuditPage {
  readonly entries: readonly AuditEntryView[];
  readonly retentionMonths: number;
}

/** `GET /api/staff/audit/accessed`: the applications a staff account opened in a period. */
export interface AccessedApplications {
  readonly items: readonly { readonly applicationId: string; readonly firstAt: string; readonly lastAt: string; readonly accesses: number }[];
}

/** `GET /api/staff/passkeys`: the signed-in staff member's passkeys (public data only). */
export interface PasskeyList {
  readonly items: readonly {
    readonly credentialId: string;
    readonly label: string;
    readonly createdAt: string;
    readonly lastUsedAt: string | null;
    /** May be synced to the person's other devices (a platform passkey), rather than one security key. */
    readonly synced: boolean;
  }[];
}

/** `POST /api/staff/passkeys/options`: the challenge (bound to the session) and the options for `navigator.credentials.create()`. */
export interface PasskeyRegistrationStart {
  readonly challenge: string;
  readonly publicKey: Readonly<Record<string, unknown>>;
}

/**
 * S6: a procedure as staff build it in the back office — the catalog file's shape (`config/procedures.json`), so
 * that what a municipality writes by hand and what staff save are one format, checked by one decoder.
 */
export interface ProcedureDefinition {
  readonly id: string;
  readonly name: Localized;
  readonly description: Localized;
  readonly feePerCopy: number;
  readonly maxCopies: number;
  readonly deliveryMethodIds: readonly string[];
  readonly extraFields: readonly ExtraField[];
  readonly requiredFields: readonly ApplicantField[];
  readonly fieldHelp: Partial<Record<ApplicantField, Localized>>;
  readonly requiresSignature: boolean;
  readonly enabled: boolean;
  readonly officeIds?: readonly string[];
  readonly residentEntry?: readonly ("account" | "email_only")[];
  readonly paymentTiming?: "at_submission" | "after_assessment";
  readonly categoryIds?: readonly string[];
  readonly lifeEventIds?: readonly string[];
  readonly keywords?: readonly string[];
}

/** `GET /api/staff/procedures` (S6, `forms.manage`): every procedure, enabled or not, and what they may refer to. */
export interface StaffProcedureCatalog {
  /** What the next save sends as `expectedVersion` (0: nothing saved in the back office yet). */
  readonly version: number;
  /** `file`: still the catalog file as installed; `back_office`: staff have saved changes, which now win. */
  readonly source: "file" | "back_office";
  readonly municipality: { readonly code: string; readonly name: Localized };
  readonly procedures: readonly ProcedureDefinition[];
  readonly deliveryMethods: readonly DeliveryMethod[];
  readonly offices: readonly CatalogTag[];
  readonly categories: readonly CatalogTag[];
  readonly lifeEvents: readonly CatalogTag[];
  /** The resident portal's origin, for the link staff post (`${portalOrigin}/apply/${id}`). */
  readonly portalOrigin: string;
}

/**
 * S6: the lists procedures refer to, as staff keep them in the back office — the delivery methods with their
 * postage, the categories and the life events (core's `CatalogListsJson`). Saved whole.
 */
export interface ProcedureLists {
  readonly deliveryMethods: readonly DeliveryMethod[];
  readonly categories: readonly CatalogTag[];
  readonly lifeEvents: readonly CatalogTag[];
}

/**
 * `GET /api/staff/procedures` as the lists page reads it, and the answer of a lists save (200): the catalog with
 * the lists in force (the file's until staff save theirs) and what their next save expects. A separate type, not
 * two more fields of {@link StaffProcedureCatalog}, so that the procedure editor and its fixtures need not carry them.
 */
export interface StaffProcedureListsView extends StaffProcedureCatalog {
  readonly lists: ProcedureLists;
  /** What the next lists save sends as `expectedVersion` (0: the catalog file's lists are in force). */
  readonly listsVersion: number;
}

/** Body of `PUT /api/staff/procedure-lists` (422 `catalog.invalid` with `issues`; 409 `catalog.conflict`). */
export interface SaveProcedureListsBody {
  readonly lists: ProcedureLists;
  readonly expectedVersion: number;
}

/** Body of `PUT /api/staff/procedures/:id` (creates the procedure when the id is new: 201; else 200). */
export interface SaveProcedureBody {
  readonly procedure: ProcedureDefinition;
  readonly expectedVersion: number;
}

/** Answer of a successful save. */
export interface SavedProcedure {
  readonly version: number;
  readonly procedure: ProcedureDefinition;
}

/**
 * A refused save (422, `catalog.invalid`): every problem, each with its path inside the procedure (`feePerCopy`,
 * `name.ja`, `extraFields[0] ("purpose").options[1].value`) so that the editor puts it beside its input.
 * 409 `catalog.conflict`: someone else saved meanwhile.
 */
export interface ProcedureIssue {
  readonly path: string;
  readonly message: string;
}
