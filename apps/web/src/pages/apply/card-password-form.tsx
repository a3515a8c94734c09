import { useState, type FormEvent, type ReactNode } from "react";
import type { ApiError } from "../../api-result.ts";
import { isValidCardPassword } from "../../card-password.ts";
import { TextField } from "../../components/text-field.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { signingApi, type Draft, type Verified } from "./signing-api.ts";
import { SigningError } from "./signing-error.tsx";
import { signingMessages } from "./signing-messages.ts";

/**
 * The signature password for one signing draft, with the tries left. A wrong password keeps the draft
 * (the card counts down); any other refusal ends it and is shown with its next steps.
 */
export function CardPasswordForm({
  draft,
  onVerified,
  submitLabel,
  testIds,
  onCancelled,
  children,
}: {
  readonly draft: Draft;
  readonly onVerified: (verified: Verified) => void;
  readonly submitLabel: string;
  readonly testIds: { readonly password: string; readonly submit: string; readonly error: string };
  /**
   * With it, a cancel button: the server ends the draft (the card counts no try) and this gets its
   * `signing.cancelled` refusal, with the next steps, to show.
   */
  readonly onCancelled?: (refusal: ApiError) => void;
  /** More buttons beside the submit button (back, cancel). */
  readonly children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const m = signingMessages(locale);
  const [password, setPassword] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [triesLeft, setTriesLeft] = useState<number | null>(draft.triesLeft);
  const [busy, setBusy] = useState(false);
  const finished = failure !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || finished) return;
    if (!isValidCardPassword(password)) {
      setFieldError(t.sign.passwordInvalid);
      return;
    }
    setBusy(true);
    setFieldError(null);
    const result = await signingApi(locale).complete(draft, password);
    setBusy(false);
    // A password is typed again after any answer; never kept in the field.
    setPassword("");
    if (result.ok) {
      onVerified(result.data);
      return;
    }
    if (result.error.code === "signing.wrong_password") {
      setTriesLeft(result.error.triesLeft);
      setFieldError(result.error.message ?? t.sign.wrongPassword(result.error.triesLeft ?? 0));
      return;
    }
    setFailure(result.error);
  };

  const cancel = async () => {
    if (busy || finished || onCancelled === undefined) return;
    setBusy(true);
    const result = await signingApi(locale).cancel(draft);
    setBusy(false);
    setPassword("");
    if (!result.ok) onCancelled(result.error);
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form">
      {failure !== null && <SigningError error={failure} testId={testIds.error} />}
      <TextField
        id={testIds.password}
        label={t.sign.password}
        value={password}
        onChange={setPassword}
        type="password"
        autoComplete="off"
        help={`${t.sign.passwordHelp}${triesLeft === null ? "" : ` ${m.passwordTries(triesLeft)}`}`}
        errors={fieldError === null ? [] : [fieldError]}
        announceErrors
        testId={testIds.password}
        size="medium"
        disabled={finished}
      />
      <div className="actions">
        <button type="submit" className="button" data-testid={testIds.submit} aria-disabled={busy || finished || undefined}>
          {busy ? t.sign.signing : submitLabel}
        </button>
        {onCancelled !== undefined && (
          <button type="button" className="button button--secondary" data-testid={`${testIds.submit}-cancel`} aria-disabled={busy || finished || undefined} onClick={() => void cancel()}>
            {m.cancelSigning}
          </button>
        )}
        {children}
      </div>
    </form>
  );
}
