import type { ProcedureId } from "../shared/ids.ts";
import type { Office, OfficeId } from "./office.ts";
import type { ResidentEntry } from "./resident-entry.ts";
import type { Localized } from "../shared/localized.ts";
import type { Yen } from "../shared/yen.ts";

/** A way to receive certificates by post, with its postage (per application, not per copy). */
export interface DeliveryMethod {
  readonly id: string;
  readonly name: Localized;
  readonly postage: Yen;
}

/** One option of a select question (e.g. a fiscal year or a purpose). */
export interface ExtraFieldOption {
  readonly value: string;
  readonly label: Localized;
}

/** What every extra question has, whatever its kind. */
interface ExtraFieldBase {
  readonly key: string;
  readonly label: Localized;
  readonly required: boolean;
  readonly help?: Localized;
}

/** A question answered by choosing one option, e.g. the fiscal year of a 所得・課税証明書. */
export interface SelectExtraField extends ExtraFieldBase {
  readonly kind: "select";
  readonly options: readonly ExtraFieldOption[];
}

/** A question answered by one line of text, e.g. the submitting office (提出先); at most `maxLength` characters. */
export interface TextExtraField extends ExtraFieldBase {
  readonly kind: "text";
  readonly maxLength: number;
}

/**
 * Which dates a date question takes, counted in Japan's calendar on the day of the application: `past` (today
 * or before: the day a resident moved, a date of birth), `future` (today or after: the day a certificate is
 * needed by), or `any`.
 */
export type DateRange = "past" | "future" | "any";

/** A question answered by a date (和暦 or 西暦 as residents type it), kept as ISO `YYYY-MM-DD`. */
export interface DateExtraField extends ExtraFieldBase {
  readonly kind: "date";
  readonly range: DateRange;
}

/** A question answered by a whole number from `min` to `max` (a count of persons, a year), kept in ASCII digits. */
export interface NumberExtraField extends ExtraFieldBase {
  readonly kind: "number";
  readonly min: number;
  readonly max: number;
}

/**
 * A procedure-specific question beyond the common applicant fields, e.g. the fiscal year and the
 * purpose of a 所得・課税証明書. Data, not code: a municipality adds questions in its catalog, in the file or
 * in the back office (S6). Every answer is kept as text (an option's value, the line typed, an ISO date, digits).
 */
export type ExtraField = SelectExtraField | TextExtraField | DateExtraField | NumberExtraField;

/** The kinds of question, in the order the back office offers them. */
export const EXTRA_FIELD_KINDS = ["text", "select", "date", "number"] as const satisfies readonly ExtraField["kind"][];

/** Applicant fields of R4 whose "required" flag a municipality may configure. */
export type ApplicantField =
  | "name"
  | "nameKana"
  | "postalCode"
  | "address"
  | "dateOfBirth"
  | "phone"
  | "email";

/** A certificate procedure as configured by a municipality (R1). */
export interface Procedure {
  readonly id: ProcedureId;
  readonly name: Localized;
  readonly description: Localized;
  /** Fee for one copy, integer yen. */
  readonly feePerCopy: Yen;
  readonly maxCopies: number;
  /** Ids of the catalog's delivery methods this procedure offers. */
  readonly deliveryMethodIds: readonly string[];
  readonly extraFields: readonly ExtraField[];
  /** Applicant fields that must be filled (others are optional). `email` is always required. */
  readonly requiredFields: readonly ApplicantField[];
  /** Help text per applicant field, shown under the input (R4). */
  readonly fieldHelp: Partial<Record<ApplicantField, Localized>>;
  /** Whether a JPKI signature is required (R13: some procedures do not need one). */
  readonly requiresSignature: boolean;
  readonly enabled: boolean;
  /**
   * Offices that handle this procedure's applications (absent: none in particular). An application's
   * offices are its procedure's: staff groups scoped to an office see these applications.
   */
  readonly officeIds?: readonly OfficeId[];
  /** How residents may apply (absent: both; see `residentEntriesOf`). The server enforces it at submission. */
  readonly residentEntry?: readonly ResidentEntry[];
  /**
   * When the resident pays (absent: `at_submission`; see `paymentTimingOf`). `after_assessment` (事後決済) is
   * for certificates whose fee staff only know later, e.g. a 戸籍 whose number of pages is counted at the desk.
   */
  readonly paymentTiming?: PaymentTiming;
  /** R12: the catalog's categories (ids of `categories`) the procedure is listed under (absent: none). */
  readonly categoryIds?: readonly string[];
  /** R12: the catalog's life events (ids of `lifeEvents`) the procedure is needed for (absent: none). */
  readonly lifeEventIds?: readonly string[];
  /** R12: more words residents search it by (readings, everyday names: じゅうみんひょう, 課税証明): absent, none. */
  readonly keywords?: readonly string[];
}

/** A heading procedures are grouped or found by (R12): a category (証明書の種類) or a life event (引っ越し, 結婚 …). */
export interface CatalogTag {
  readonly id: string;
  readonly name: Localized;
}

/** When the resident pays: with the submission, or once staff have fixed the amount (事後決済). */
export type PaymentTiming = "at_submission" | "after_assessment";

/** Everything a municipality configures about its certificate procedures, loaded from one file. */
export interface ProcedureCatalog {
  readonly municipality: { readonly code: string; readonly name: Localized };
  readonly deliveryMethods: readonly DeliveryMethod[];
  readonly procedures: readonly Procedure[];
  /** The municipality's offices (区役所・支所), if its staff groups are organised by office. */
  readonly offices?: readonly Office[];
  /** R12: the categories procedures are filed under (absent: none). */
  readonly categories?: readonly CatalogTag[];
  /** R12: the life events residents look procedures up by (absent: none). */
  readonly lifeEvents?: readonly CatalogTag[];
}
