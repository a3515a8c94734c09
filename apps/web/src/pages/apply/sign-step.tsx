import { useState, type FormEvent, type RefObject } from "react";
import { useApi } from "../../app-context.tsx";
import { utf8ToBase64 } from "../../base64.ts";
import { isValidCardPassword } from "../../card-password.ts";
import { Alert } from "../../components/alert.tsx";
import { TextField } from "../../components/text-field.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";

/** Step 3, 署名: signs the canonical JSON with the (test) card's signing certificate. */
export function SignStep({
  testCardUrl,
  canonicalJson,
  notice,
  onSigned,
  onBack,
  headingRef,
}: {
  /** `null` when this deployment has no test card: signing is then impossible here. */
  readonly testCardUrl: string | null;
  readonly canonicalJson: string;
  /** Why the resident is (back) here, e.g. the server rejected the previous signature. */
  readonly notice: string | null;
  readonly onSigned: (cmsBase64: string) => void;
  readonly onBack: () => void;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const [signing, setSigning] = useState(false);

  const sign = async (event: FormEvent) => {
    event.preventDefault();
    if (signing || locked || testCardUrl === null) return;
    if (!isValidCardPassword(password)) {
      setError(t.sign.passwordInvalid);
      return;
    }
    setSigning(true);
    setError(null);
    const result = await api.sign(testCardUrl, utf8ToBase64(canonicalJson), password);
    setSigning(false);
    if (result.ok) {
      onSigned(result.data.cmsBase64);
      return;
    }
    const { error: failure } = result;
    // A wrong password must be typed again; never keep it in the field.
    setPassword("");
    if (failure.status === 401 && failure.triesLeft !== null) setError(t.sign.wrongPassword(failure.triesLeft));
    else if (failure.status === 423) {
      setLocked(true);
      setError(t.sign.locked);
    } else if (failure.status === 0) setError(t.meta.networkError);
    else setError(failure.message ?? t.sign.failed);
  };

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading" tabIndex={-1} ref={headingRef}>
        {t.sign.stepHeading}
      </h2>
      {notice !== null && (
        <Alert kind="error" testId="sign-notice">
          <p>{notice}</p>
        </Alert>
      )}
      <p>{t.sign.explain}</p>
      {/* What you see is what you sign: the exact bytes' text is there for anyone who wants to check. */}
      <details className="signed-content">
        <summary>{t.sign.showContent}</summary>
        <pre className="signed-content__text" data-testid="signed-content">
          {canonicalJson}
        </pre>
      </details>
      {testCardUrl === null ? (
        <Alert kind="error">
          <p>{t.sign.unavailable}</p>
        </Alert>
      ) : (
        <>
          <Alert kind="info">
            <p>{t.sign.testCardNote}</p>
          </Alert>
          <form noValidate onSubmit={(e) => void sign(e)} className="form">
            <TextField
              id="card-password"
              label={t.sign.password}
              value={password}
              onChange={setPassword}
              type="password"
              autoComplete="off"
              help={t.sign.passwordHelp}
              errors={error === null ? [] : [error]}
              announceErrors
              testId="card-password"
              size="medium"
              disabled={locked}
            />
            <div className="actions">
              <button
                type="submit"
                className="button"
                data-testid="sign"
                aria-disabled={signing || locked || undefined}
              >
                {signing ? t.sign.signing : t.sign.submit}
              </button>
              <button type="button" className="button button--secondary" onClick={onBack}>
                {t.sign.back}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
