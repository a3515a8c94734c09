import { useState } from "react";
import { Alert } from "../../../components/alert.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { approvalMessages } from "./approval-messages.ts";
import { approvalsApi, type ApprovalKind, type ApprovalSubject } from "./approvals-api.ts";

/**
 * Shown where an action was refused with `approval.required`: 「承認を依頼する」 asks for a second person's
 * approval of exactly this action (kind and subject); once approved, the member carries it out from the
 * approvals page.
 */
export function RequestApproval({ kind, subject, testId }: { readonly kind: ApprovalKind; readonly subject: ApprovalSubject; readonly testId: string }) {
  const { locale } = useI18n();
  const m = approvalMessages[locale];
  const stepUp = useStepUp();
  const [answer, setAnswer] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const ask = async () => {
    const created = await stepUp.run((csrf) => approvalsApi(locale).create(kind, subject, csrf));
    setAnswer(created.ok ? { kind: "success", text: m.requested } : { kind: "error", text: created.error.message ?? String(created.error.status) });
  };
  return (
    <div className="request-approval">
      {answer?.kind !== "success" && (
        <p>
          <button type="button" className="button" onClick={() => void ask()} data-testid={testId}>
            {m.request}
          </button>
        </p>
      )}
      {answer !== null && (
        <Alert kind={answer.kind} testId={`${testId}-message`}>
          <p>{answer.text}</p>
        </Alert>
      )}
      {stepUp.prompt}
    </div>
  );
}
