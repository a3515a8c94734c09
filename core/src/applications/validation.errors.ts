/**
 * Why one field of an application was refused. A closed list: every code has a Japanese and an
 * English message in `field-error-messages.ts`, and the build breaks until a new one has.
 */
export type FieldErrorCode =
  | "required"
  | "invalid_type" // e.g. an object where text was expected
  | "not_kana"
  | "not_integer"
  | "out_of_range"
  | "invalid_postal_code"
  | "invalid_phone"
  | "invalid_email"
  | "invalid_date"
  | "future_date"
  | "past_date" // a date question that takes only today or later
  | "too_long"
  | "unknown_option"
  | "unknown_field"
  | "unknown_procedure"
  | "procedure_disabled"
  | "invalid_submission_key"
  | "channel_not_allowed"; // S5: a procedure that needs the resident's signature, received by phone or email

/** Every {@link FieldErrorCode}, for exhaustive tests and UI catalogs. */
export const FIELD_ERROR_CODES: readonly FieldErrorCode[] = [
  "required",
  "invalid_type",
  "not_kana",
  "not_integer",
  "out_of_range",
  "invalid_postal_code",
  "invalid_phone",
  "invalid_email",
  "invalid_date",
  "future_date",
  "past_date",
  "too_long",
  "unknown_option",
  "unknown_field",
  "unknown_procedure",
  "procedure_disabled",
  "invalid_submission_key",
  "channel_not_allowed",
];

/**
 * One refused field. `field` is a dotted path into the request body (`applicant.nameKana`,
 * `request.copies`, `request.extra.fiscalYear`, `procedureId`); `params` fill the message
 * (`{ max: 100 }`). Never contains the value typed (it may be personal data).
 */
export interface FieldError {
  readonly field: string;
  readonly code: FieldErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The application input was refused; lists every refused field at once. */
export interface ValidationFailed {
  readonly _tag: "ValidationFailed";
  readonly code: "validation.failed";
  readonly fields: readonly FieldError[];
}
