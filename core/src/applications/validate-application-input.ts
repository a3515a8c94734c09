import { err, ok, type Result } from "neverthrow";
import { findDeliveryMethod, findProcedure } from "../procedures/find-procedure.ts";
import { APPLICANT_FIELDS } from "../procedures/procedure-catalog.schema.ts";
import type {
  ApplicantField,
  DateExtraField,
  DeliveryMethod,
  ExtraField,
  NumberExtraField,
  Procedure,
  ProcedureCatalog,
  SelectExtraField,
  TextExtraField,
} from "../procedures/procedure.ts";
import { assertNever } from "../shared/assert-never.ts";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";
import { ERAS } from "../shared/japanese/era.ts";
import { parseJapaneseDate } from "../shared/japanese/japanese-date.ts";
import { isKatakanaReading, normalizeKanaReading } from "../shared/japanese/kana.ts";
import { normalizeDashes, toHalfWidthAscii } from "../shared/japanese/width.ts";
import type { Locale } from "../shared/localized.ts";
import type { Applicant, CertificateRequest } from "./application.ts";
import type { FieldError, FieldErrorCode, ValidationFailed } from "./validation.errors.ts";

/** An application input that passed validation: normalised data plus the catalog entries it names. */
export interface ValidatedApplicationInput {
  readonly procedure: Procedure;
  readonly deliveryMethod: DeliveryMethod;
  readonly locale: Locale;
  readonly submissionKey: string;
  readonly applicant: Applicant;
  readonly request: CertificateRequest;
}

/** How an input is validated beyond the catalog. */
export interface ApplicationInputOptions {
  /**
   * Whether the email address is required (default true: a resident online is answered by mail). Staff
   * entering a paper, mailed or phoned application (S5) may leave it empty: the resident is then not mailed.
   */
  readonly emailRequired?: boolean;
}

/** Longest name and furigana accepted, in characters (code points). */
export const MAX_NAME_LENGTH = 100;
/** Longest address accepted, in characters (code points). */
export const MAX_ADDRESS_LENGTH = 200;
/** Longest email address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** Earliest date of birth accepted: the first date the Japanese calendar helpers convert (see ERAS). */
export const MIN_DATE_OF_BIRTH = ERAS[0]?.start ?? "1873-01-01";

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,128}$/;
// RFC 5322 dot-atom local part and an LDH domain with at least two labels: strict enough to catch
// typos, loose enough for every address a resident really has (no quoted local parts, no IP literals).
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

type Field<T> = { readonly value: T } | { readonly error: FieldError };

const fieldError = (field: string, code: FieldErrorCode, params?: Record<string, string | number>): { error: FieldError } => ({
  error: params === undefined ? { field, code } : { field, code, params },
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const get = (o: unknown, key: string): unknown => (isRecord(o) && Object.hasOwn(o, key) ? o[key] : undefined);
const length = (s: string): number => [...s].length;

/**
 * Reads a text field: absent, `null` and blank are "" (then `required` decides); a non-string is
 * `invalid_type` (a number would already have lost a phone number's leading zero).
 */
const text = (raw: unknown, field: string): Field<string> =>
  raw === undefined || raw === null ? { value: "" } : typeof raw === "string" ? { value: raw.trim() } : fieldError(field, "invalid_type");

/** The rules of one applicant field: how to normalise it and check it once it is not empty. */
const APPLICANT_RULES: { readonly [K in ApplicantField]: (s: string, field: string, today: string) => Field<string> } = {
  name: (s, f) => (length(s) > MAX_NAME_LENGTH ? fieldError(f, "too_long", { max: MAX_NAME_LENGTH }) : { value: s }),
  nameKana: (s, f) => {
    const kana = normalizeKanaReading(s);
    if (!isKatakanaReading(kana)) return fieldError(f, "not_kana");
    return length(kana) > MAX_NAME_LENGTH ? fieldError(f, "too_long", { max: MAX_NAME_LENGTH }) : { value: kana };
  },
  postalCode: (s, f) => {
    const m = /^(\d{3})-?(\d{4})$/.exec(normalizeDashes(toHalfWidthAscii(s)).replace(/\s/g, ""));
    return m === null ? fieldError(f, "invalid_postal_code") : { value: `${m[1]}${m[2]}` };
  },
  address: (s, f) => {
    const address = toHalfWidthAscii(s).trim();
    return length(address) > MAX_ADDRESS_LENGTH ? fieldError(f, "too_long", { max: MAX_ADDRESS_LENGTH }) : { value: address };
  },
  dateOfBirth: (s, f, today) => {
    const parsed = parseJapaneseDate(s);
    if (parsed.isErr()) return fieldError(f, "invalid_date");
    if (parsed.value > today) return fieldError(f, "future_date");
    if (parsed.value < MIN_DATE_OF_BIRTH) return fieldError(f, "out_of_range", { min: MIN_DATE_OF_BIRTH, max: today });
    return { value: parsed.value };
  },
  phone: (s, f) => {
    const digits = normalizeDashes(toHalfWidthAscii(s)).replace(/[-\s()]/g, "");
    return /^\d{10,11}$/.test(digits) ? { value: digits } : fieldError(f, "invalid_phone");
  },
  email: (s, f) => {
    const email = toHalfWidthAscii(s).trim();
    if (email.length > MAX_EMAIL_LENGTH) return fieldError(f, "too_long", { max: MAX_EMAIL_LENGTH });
    const local = email.slice(0, email.lastIndexOf("@"));
    return EMAIL.test(email) && local.length <= 64 ? { value: email } : fieldError(f, "invalid_email");
  },
};

/**
 * Validates the raw body of an application request against the catalog and normalises it:
 * full-width digits and letters → half-width, furigana → katakana, 和暦 → ISO date, copies as a
 * number (`"２"` → 2). Lists every refused field at once. Fields the procedure does not require may
 * be left empty (they become ""); `email` is always required. `today` is the instant of the request
 * (core has no clock); the date of birth must not be after that day in Japan. Never throws, whatever
 * `raw` is.
 */
export const validateApplicationInput = (
  raw: unknown,
  catalog: ProcedureCatalog,
  today: Date,
  options: ApplicationInputOptions = {},
): Result<ValidatedApplicationInput, ValidationFailed> => {
  if (!isRecord(raw)) return err({ _tag: "ValidationFailed", code: "validation.failed", fields: [{ field: "body", code: "invalid_type" }] });
  const errors: FieldError[] = [];
  const take = <T>(f: Field<T>): T | undefined => {
    if ("error" in f) {
      errors.push(f.error);
      return undefined;
    }
    return f.value;
  };

  const procedure = take(procedureOf(get(raw, "procedureId"), catalog));
  const locale = take(localeOf(get(raw, "locale")));
  const submissionKey = take(submissionKeyOf(get(raw, "submissionKey")));
  const applicant = applicantOf(get(raw, "applicant"), procedure, japanCalendarDate(today), options.emailRequired ?? true, take);
  const request = requestOf(get(raw, "request"), procedure, catalog, japanCalendarDate(today), take);

  if (
    errors.length > 0 ||
    procedure === undefined ||
    locale === undefined ||
    submissionKey === undefined ||
    applicant === undefined ||
    request === undefined
  ) {
    return err({ _tag: "ValidationFailed", code: "validation.failed", fields: errors });
  }
  return ok({ procedure, deliveryMethod: request.deliveryMethod, locale, submissionKey, applicant, request: request.request });
};

type Take = <T>(f: Field<T>) => T | undefined;

const procedureOf = (raw: unknown, catalog: ProcedureCatalog): Field<Procedure> => {
  const id = text(raw, "procedureId");
  if ("error" in id) return id;
  if (id.value === "") return fieldError("procedureId", "required");
  const procedure = findProcedure(catalog, id.value);
  if (procedure === null) return fieldError("procedureId", "unknown_procedure");
  return procedure.enabled ? { value: procedure } : fieldError("procedureId", "procedure_disabled");
};

const localeOf = (raw: unknown): Field<Locale> => {
  const l = text(raw, "locale");
  if ("error" in l) return l;
  if (l.value === "") return fieldError("locale", "required");
  return l.value === "ja" || l.value === "en" ? { value: l.value } : fieldError("locale", "unknown_option");
};

const submissionKeyOf = (raw: unknown): Field<string> => {
  const k = text(raw, "submissionKey");
  if ("error" in k) return k;
  if (k.value === "") return fieldError("submissionKey", "required");
  return SUBMISSION_KEY.test(k.value) ? k : fieldError("submissionKey", "invalid_submission_key");
};

const applicantOf = (raw: unknown, procedure: Procedure | undefined, today: string, emailRequired: boolean, take: Take): Applicant | undefined => {
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    take(fieldError("applicant", "invalid_type"));
    return undefined;
  }
  // Without a known procedure only the always-required email is enforced; formats are still checked.
  const required = new Set<ApplicantField>([...(procedure?.requiredFields ?? []), "email"]);
  if (!emailRequired) required.delete("email");
  const values: Partial<Record<ApplicantField, string>> = {};
  for (const key of APPLICANT_FIELDS) {
    const path = `applicant.${key}`;
    const input = take(text(get(raw, key), path));
    if (input === undefined) continue;
    if (input === "") {
      if (required.has(key)) take(fieldError(path, "required"));
      else values[key] = "";
      continue;
    }
    const value = take(APPLICANT_RULES[key](input, path, today));
    if (value !== undefined) values[key] = value;
  }
  const { name, nameKana, postalCode, address, dateOfBirth, phone, email } = values;
  if (
    name === undefined ||
    nameKana === undefined ||
    postalCode === undefined ||
    address === undefined ||
    dateOfBirth === undefined ||
    phone === undefined ||
    email === undefined
  ) {
    return undefined;
  }
  return { name, nameKana, postalCode, address, dateOfBirth, phone, email };
};

const requestOf = (
  raw: unknown,
  procedure: Procedure | undefined,
  catalog: ProcedureCatalog,
  today: string,
  take: Take,
): { request: CertificateRequest; deliveryMethod: DeliveryMethod } | undefined => {
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    take(fieldError("request", "invalid_type"));
    return undefined;
  }
  const copies = take(copiesOf(get(raw, "copies"), procedure?.maxCopies ?? Number.MAX_SAFE_INTEGER));
  const deliveryMethod = take(deliveryMethodOf(get(raw, "deliveryMethodId"), procedure, catalog));
  const extra = procedure === undefined ? undefined : extraOf(get(raw, "extra"), procedure, today, take);
  if (copies === undefined || deliveryMethod === undefined || extra === undefined) return undefined;
  return { request: { copies, deliveryMethodId: deliveryMethod.id, extra }, deliveryMethod };
};

const copiesOf = (raw: unknown, max: number): Field<number> => {
  const f = "request.copies";
  let n: number;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return fieldError(f, "required");
  if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw)) return fieldError(f, "not_integer");
    n = raw;
  } else if (typeof raw === "string") {
    const digits = toHalfWidthAscii(raw).trim();
    if (!/^\d+$/.test(digits)) return fieldError(f, "not_integer");
    n = Number(digits);
  } else {
    return fieldError(f, "not_integer");
  }
  return n >= 1 && n <= max ? { value: n } : fieldError(f, "out_of_range", { min: 1, max });
};

const deliveryMethodOf = (raw: unknown, procedure: Procedure | undefined, catalog: ProcedureCatalog): Field<DeliveryMethod> => {
  const f = "request.deliveryMethodId";
  const id = text(raw, f);
  if ("error" in id) return id;
  if (id.value === "") return fieldError(f, "required");
  const method = findDeliveryMethod(catalog, id.value);
  if (method === null || (procedure !== undefined && !procedure.deliveryMethodIds.includes(method.id))) {
    return fieldError(f, "unknown_option");
  }
  return { value: method };
};

/** Keeps user-chosen keys short in error paths (they are echoed back to the client). */
const shortKey = (key: string): string => (key.length > 64 ? `${key.slice(0, 64)}…` : key);

const selectAnswer = (field: SelectExtraField, value: string, path: string): Field<string> =>
  field.options.some((o) => o.value === value) ? { value } : fieldError(path, "unknown_option");

// C0 and C1 controls (tab, line breaks, NUL, DEL …), the Unicode line and paragraph separators, and lone
// surrogates: a one-line answer never needs them, and they would break the CSV, the e-mail or the printed form.
const NOT_ONE_LINE_TEXT = /[\p{Cc}\u2028\u2029]|\p{Cs}/u;

/** A one-line text answer (already trimmed, not empty): kept as typed, at most `maxLength` code points. */
const textAnswer = (field: TextExtraField, value: string, path: string): Field<string> => {
  if (NOT_ONE_LINE_TEXT.test(value)) return fieldError(path, "invalid_type", { reason: "control_character" });
  return length(value) > field.maxLength ? fieldError(path, "too_long", { max: field.maxLength }) : { value };
};

/** A date answer (和暦 or 西暦, as residents type dates) as ISO, within the question's range of today. */
const dateAnswer = (field: DateExtraField, value: string, path: string, today: string): Field<string> => {
  const parsed = parseJapaneseDate(value);
  if (parsed.isErr()) return fieldError(path, "invalid_date");
  if (field.range === "past" && parsed.value > today) return fieldError(path, "future_date");
  if (field.range === "future" && parsed.value < today) return fieldError(path, "past_date");
  return { value: parsed.value };
};

/** A whole-number answer (full-width digits and a minus sign from an IME accepted), kept as ASCII digits. */
const numberAnswer = (field: NumberExtraField, value: string, path: string): Field<string> => {
  const digits = toHalfWidthAscii(value).replace(/[,\s]/g, "").replace(/^[−ー－]/, "-");
  if (!/^-?\d{1,7}$/.test(digits)) return fieldError(path, "not_integer");
  const n = Number(digits);
  return n < field.min || n > field.max ? fieldError(path, "out_of_range", { min: field.min, max: field.max }) : { value: String(n) };
};

const answerOf = (field: ExtraField, value: string, path: string, today: string): Field<string> => {
  switch (field.kind) {
    case "select":
      return selectAnswer(field, value, path);
    case "text":
      return textAnswer(field, value, path);
    case "date":
      return dateAnswer(field, value, path, today);
    case "number":
      return numberAnswer(field, value, path);
    default:
      return assertNever(field);
  }
};

/** The answers to the procedure's extra questions; `undefined` if any was refused (errors are taken). */
const extraOf = (raw: unknown, procedure: Procedure, today: string, take: Take): Readonly<Record<string, string>> | undefined => {
  if (raw !== undefined && raw !== null && !isRecord(raw)) return take(fieldError("request.extra", "invalid_type"));
  const answers: [string, string][] = [];
  let refused = false;
  const refuse = (path: string, code: FieldErrorCode, params?: Readonly<Record<string, string | number>>) => {
    take(fieldError(path, code, params));
    refused = true;
  };
  for (const field of procedure.extraFields) {
    const path = `request.extra.${field.key}`;
    const input = text(get(raw, field.key), path);
    if ("error" in input) {
      refuse(path, input.error.code);
      continue;
    }
    // A select's value is a code (full-width digits from an IME become ASCII); a text answer is kept as typed.
    const value = field.kind === "select" ? toHalfWidthAscii(input.value).trim() : field.kind === "text" ? input.value : input.value.trim();
    if (value === "") {
      if (field.required) refuse(path, "required");
      continue;
    }
    const checked = answerOf(field, value, path, today);
    if ("error" in checked) refuse(path, checked.error.code, checked.error.params);
    else answers.push([field.key, checked.value]);
  }
  if (isRecord(raw)) {
    for (const key of Object.keys(raw)) {
      if (!procedure.extraFields.some((f) => f.key === key)) refuse(`request.extra.${shortKey(key)}`, "unknown_field");
    }
  }
  return refused ? undefined : Object.fromEntries(answers);
};
