import type { ApiError } from "../../api-result.ts";
import { Alert } from "../../components/alert.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { signingMessages } from "./signing-messages.ts";

/** A signing refusal: what happened and, as a list, what the resident can do next (server's words). */
export function SigningError({ error, testId }: { readonly error: ApiError; readonly testId: string }) {
  const { t, locale } = useI18n();
  const m = signingMessages(locale);
  const steps = error.nextSteps ?? [];
  return (
    <Alert kind="error" testId={testId}>
      <p>{error.message ?? (error.status === 0 ? t.meta.networkError : t.sign.failed)}</p>
      {steps.length > 0 && (
        <>
          <p>{m.nextSteps}</p>
          <ul data-testid={`${testId}-next-steps`}>
            {steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
