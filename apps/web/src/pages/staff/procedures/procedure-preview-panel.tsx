import { useRef, useState } from "react";
import type { Catalog, StaffProcedureCatalog } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { emptyForm, type FormValues } from "../../apply/application-form.ts";
import { FormStep } from "../../apply/form-step.tsx";
import type { ProcedureDraft } from "./procedure-draft.ts";
import { previewProcedure } from "./procedure-preview.ts";
import type { ProcedureMessages } from "./procedures-messages.ts";

/**
 * S6: the resident form as the draft would show it — the apply page's own form step, so the preview cannot drift
 * from it — in a closed `<details>`. It lives outside the editor's `<form>` (forms do not nest). What is typed into
 * it stays here; its submit only says that the preview does not apply. Its ids (`applicant.*`, `request.*`,
 * `step-heading`) are the apply page's, none of which the editor uses (`procedure-*`, `question-*`).
 */
export function ProcedurePreviewPanel({ draft, catalog, m }: { readonly draft: ProcedureDraft; readonly catalog: StaffProcedureCatalog; readonly m: ProcedureMessages }) {
  const procedure = previewProcedure(draft);
  const [typed, setTyped] = useState<FormValues | null>(null);
  const [tried, setTried] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const residentCatalog: Catalog = { deliveryMethods: catalog.deliveryMethods, procedures: [], categories: catalog.categories, lifeEvents: catalog.lifeEvents };

  return (
    <details className="card" data-testid="procedure-preview">
      <summary>{m.preview.summary}</summary>
      <Alert kind="info" testId="procedure-preview-note">
        <p>{m.preview.note}</p>
      </Alert>
      {procedure === null ? (
        <p data-testid="procedure-preview-incomplete">{m.preview.incomplete}</p>
      ) : (
        <FormStep
          procedure={procedure}
          catalog={residentCatalog}
          values={typed ?? emptyForm(procedure)}
          onChange={setTyped}
          errors={null}
          generalError={tried ? m.preview.noSubmit : null}
          summaryRef={summaryRef}
          submitting={false}
          onSubmit={() => setTried(true)}
          headingRef={headingRef}
        />
      )}
    </details>
  );
}
