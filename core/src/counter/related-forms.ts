import { err, ok, type Result } from "neverthrow";
import type { IsoDate } from "../shared/japanese/iso-date.ts";
import type { Localized } from "../shared/localized.ts";
import type { PrintableForm } from "./form-layout.ts";
import { draftIssues, warekiText, type DraftIssue } from "./notification-form.ts";
import type { DraftPerson, ResidenceNotificationDraft } from "./residence-notification.ts";

/**
 * The other forms a moving-in resident usually fills at the same visit (C7), printed from the 住民異動届's
 * confirmed data so that nothing is written twice — even before the resident record is final, since they rest on
 * what staff confirmed, not on the register.
 */
export const RELATED_FORMS = ["juminhyo-seikyu", "inkan-toroku"] as const;
export type RelatedFormId = (typeof RELATED_FORMS)[number];

export const RELATED_FORM_NAMES: Readonly<Record<RelatedFormId, Localized>> = {
  "juminhyo-seikyu": { ja: "住民票の写し等交付請求書", en: "Request for copies of the residence certificate" },
  "inkan-toroku": { ja: "印鑑登録申請書", en: "Seal registration application" },
};

export const isRelatedFormId = (s: string): s is RelatedFormId => (RELATED_FORMS as readonly string[]).includes(s);

/** Why a related form cannot be printed: the draft's own issues, or a person the draft does not have. */
export type RelatedFormIssue = DraftIssue | { readonly code: "no_such_person"; readonly person: number };

const text = (p: DraftPerson | undefined, key: keyof DraftPerson): string => p?.[key]?.value ?? "";

/**
 * A related form from a draft with no issues. `person` is who applies (the request's 請求者, the seal's 申請者):
 * an index of the draft's persons, the first by default. The request lists every person of the draft as those
 * whose 住民票 is wanted; the resident crosses out who is not, by hand, as on paper.
 */
export const relatedForm = (
  formId: RelatedFormId,
  draft: ResidenceNotificationDraft,
  options: { readonly today: IsoDate; readonly confirmationNumber: string; readonly person?: number },
): Result<PrintableForm, readonly RelatedFormIssue[]> => {
  const issues = draftIssues(draft, options.today);
  if (issues.length > 0) return err(issues);
  const index = options.person ?? 0;
  const applicant = draft.persons[index];
  if (applicant === undefined) return err([{ code: "no_such_person", person: index }]);
  const address = draft.fields["address.new"]?.value ?? "";
  const who = {
    "applicant.address": address,
    "applicant.name": text(applicant, "name"),
    "applicant.kana": text(applicant, "kana"),
    "applicant.birthDate": warekiText(text(applicant, "birthDate")),
    "form.confirmationNumber": options.confirmationNumber,
  };
  if (formId === "inkan-toroku") {
    return ok({ layoutId: formId, values: { "application.date": warekiText(options.today), ...who, "applicant.sex": text(applicant, "sex") }, rows: {} });
  }
  return ok({
    layoutId: formId,
    values: { "request.date": warekiText(options.today), ...who, "subject.address": address, "subject.head": draft.fields["head.new"]?.value ?? "" },
    rows: { persons: draft.persons.map((p) => ({ name: text(p, "name"), birthDate: warekiText(text(p, "birthDate")), relationship: text(p, "relationship") })) },
  });
};
