import type { ApplicantField, Catalog, Procedure } from "../../api-types.ts";
import { APPLICANT_FIELDS } from "../../api-types.ts";
import { RadioGroup } from "../../components/radio-group.tsx";
import { TextField, type TextFieldProps } from "../../components/text-field.tsx";
import { formatYen } from "../../format.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { applicantFieldId, COPIES_ID, DELIVERY_ID, extraFieldId, type ArrangedErrors, type FormValues } from "./application-form.ts";
import { ExtraQuestionField } from "./extra-question-field.tsx";

/** Per-field input hints: the right keyboard on phones and browser autofill (WCAG 1.3.5). */
const APPLICANT_INPUT: Record<ApplicantField, Pick<TextFieldProps, "type" | "inputMode" | "autoComplete" | "size" | "spellCheck">> = {
  name: { autoComplete: "name", size: "medium", spellCheck: false },
  nameKana: { autoComplete: "off", size: "medium", spellCheck: false },
  postalCode: { inputMode: "numeric", autoComplete: "postal-code", size: "short" },
  address: { autoComplete: "street-address", size: "long", spellCheck: false },
  dateOfBirth: { autoComplete: "bday", size: "long" },
  phone: { type: "tel", autoComplete: "tel", size: "medium" },
  email: { type: "email", autoComplete: "email", size: "long", spellCheck: false },
};

/** Whether an applicant field is required by the procedure (the e-mail always is: receipts go there). */
export const isApplicantFieldRequired = (procedure: Procedure, field: ApplicantField): boolean =>
  field === "email" || procedure.requiredFields.includes(field);

/**
 * The application's inputs — the applicant (申請者の情報) and the request (通数, 送付方法, the procedure's own
 * questions) — as two fieldsets, each input with its errors beside it. The resident's form step and the staff's
 * proxy entry (S5, 代理入力) both show these, so the two cannot drift apart.
 */
export function ApplicationFields({
  procedure,
  catalog,
  values,
  onChange,
  errors,
  emailOptional = null,
}: {
  readonly procedure: Procedure;
  readonly catalog: Pick<Catalog, "deliveryMethods">;
  readonly values: FormValues;
  readonly onChange: (values: FormValues) => void;
  readonly errors: ArrangedErrors | null;
  /**
   * Staff entering a request for a resident may leave the e-mail empty (the resident is then not mailed): the
   * field is then optional and this is its help. `null` (the resident's own form): required.
   */
  readonly emailOptional?: string | null;
}) {
  const { t, locale, pick } = useI18n();
  const fieldErrors = (id: string): readonly string[] => errors?.byField.get(id) ?? [];
  const deliveryOptions = procedure.deliveryMethodIds.flatMap((id) => {
    const method = catalog.deliveryMethods.find((m) => m.id === id);
    return method === undefined ? [] : [{ value: method.id, label: pick(method.name), hint: t.form.postage(formatYen(method.postage, locale)) }];
  });
  const setApplicant = (field: ApplicantField, value: string) => onChange({ ...values, applicant: { ...values.applicant, [field]: value } });

  return (
    <>
      <fieldset className="form-section">
        <legend className="form-section__legend">{t.form.applicantLegend}</legend>
        {APPLICANT_FIELDS.map((field) => {
          const catalogHelp = procedure.fieldHelp[field];
          const optionalEmail = field === "email" && emailOptional !== null;
          // The accepted date formats stay visible once typing starts (a placeholder disappears).
          const ownHelp = catalogHelp !== undefined ? pick(catalogHelp) : field === "dateOfBirth" ? t.form.dateOfBirthHelp : null;
          const help = optionalEmail ? [ownHelp, emailOptional].filter((h) => h !== null).join(locale === "ja" ? "" : " ") : ownHelp;
          return (
            <TextField
              key={field}
              id={applicantFieldId(field)}
              label={t.form[field]}
              value={values.applicant[field]}
              onChange={(value) => setApplicant(field, value)}
              required={optionalEmail ? false : isApplicantFieldRequired(procedure, field)}
              help={help}
              errors={fieldErrors(applicantFieldId(field))}
              {...(field === "dateOfBirth" ? { placeholder: t.form.dateOfBirthPlaceholder } : {})}
              {...APPLICANT_INPUT[field]}
            />
          );
        })}
      </fieldset>
      <fieldset className="form-section">
        <legend className="form-section__legend">{t.form.requestLegend}</legend>
        <TextField
          id={COPIES_ID}
          label={t.form.copies}
          value={values.copies}
          onChange={(copies) => onChange({ ...values, copies })}
          required
          help={t.form.copiesHelp(procedure.maxCopies)}
          errors={fieldErrors(COPIES_ID)}
          inputMode="numeric"
          autoComplete="off"
          size="short"
        />
        <RadioGroup
          name={DELIVERY_ID}
          legend={t.form.deliveryMethod}
          value={values.deliveryMethodId}
          onChange={(deliveryMethodId) => onChange({ ...values, deliveryMethodId })}
          options={deliveryOptions}
          required
          errors={fieldErrors(DELIVERY_ID)}
        />
        {procedure.extraFields.map((extra) => (
          <ExtraQuestionField
            key={extra.key}
            field={extra}
            value={values.extra[extra.key] ?? ""}
            onChange={(value) => onChange({ ...values, extra: { ...values.extra, [extra.key]: value } })}
            errors={fieldErrors(extraFieldId(extra.key))}
          />
        ))}
      </fieldset>
    </>
  );
}
