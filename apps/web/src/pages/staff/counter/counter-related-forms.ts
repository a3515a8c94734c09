import { RELATED_FORM_NAMES, type Localized, type RelatedFormId, type RelatedFormIssue, type ResidenceNotificationDraft } from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";
import { knownIssues } from "./counter-draft.ts";

/**
 * The pure parts of the related forms (C7): the 住民票の写し等交付請求書 and the 印鑑登録申請書 printed from the
 * 住民異動届's draft **as printed** (the page keeps a copy of it), with the record's confirmation number, and kept
 * with that record by the server. The panel (`counter-related-panel.tsx`) only renders these.
 */

/** A related form's name (core's `RELATED_FORM_NAMES`); a form this page does not know yet by its id. */
export const relatedFormName = (formId: string, locale: Locale): string => (RELATED_FORM_NAMES as Readonly<Record<string, Localized>>)[formId]?.[locale] ?? formId;

/** One choice of who applies: the index the server takes as `person`, and how the select names them. */
export interface ApplicantChoice {
  readonly person: number;
  readonly label: string;
}

/**
 * Who may apply on a related form: every person of the printed draft, by name as confirmed (「2人目」 for a row with
 * no name, which a printed draft does not have but a label must never be empty), the first first — the server's default.
 */
export const applicantChoices = (draft: Pick<ResidenceNotificationDraft, "persons">, locale: Locale): readonly ApplicantChoice[] =>
  draft.persons.map((p, person) => {
    const name = (p.name?.value ?? "").trim();
    return { person, label: name !== "" ? name : locale === "ja" ? `${person + 1}人目` : `Person ${person + 1}` };
  });

/** The file name a related form is saved under when the server suggests none: `inkan-toroku-20261125-7K3M9Q.pdf`. */
export const relatedFormFileName = (formId: RelatedFormId, confirmationNumber: string | null): string => `${formId}-${confirmationNumber ?? "draft"}.pdf`;

/**
 * What stops a related form, as the server sent it with `counter.draft_not_ready`: the draft's issues this page
 * knows (`knownIssues`), and a person the draft does not have. Anything else is left out (the message still shows).
 */
export const knownRelatedIssues = (sent: readonly unknown[]): readonly RelatedFormIssue[] =>
  sent.flatMap((v): readonly RelatedFormIssue[] => {
    if (typeof v === "object" && v !== null && (v as Record<string, unknown>)["code"] === "no_such_person") {
      const person = (v as Record<string, unknown>)["person"];
      return typeof person === "number" && Number.isInteger(person) && person >= 0 ? [{ code: "no_such_person", person }] : [];
    }
    return knownIssues([v]);
  });

/** Where one related form stands on the panel. */
export type RelatedFormState =
  | { readonly kind: "idle" }
  | { readonly kind: "printing" }
  | { readonly kind: "printed" }
  | { readonly kind: "failed"; readonly message: string; readonly issues: readonly RelatedFormIssue[] };
