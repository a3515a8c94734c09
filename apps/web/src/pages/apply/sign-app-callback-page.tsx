import { useEffect, useState } from "react";
import type { ApiError } from "../../api-result.ts";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { navigate } from "../../router.ts";
import { callbackParams } from "../account/jpki-api.ts";
import { Alert } from "../../components/alert.tsx";
import { peekAppSignatureResume, saveAppSignatureResume, clearPhoneHandoff, isPhoneHandoff } from "./app-signature-resume.ts";
import { signingApi } from "./signing-api.ts";
import { SigningError } from "./signing-error.tsx";
import { signingMessages } from "./signing-messages.ts";

/** A refusal this page makes itself (no answer of the server to show). */
const localRefusal = (code: string, message: string): ApiError => ({ status: 0, code, message, fieldErrors: [], triesLeft: null });

/** States already posted: a callback is finished once, even if the page renders twice. */
const finished = new Set<string>();

/**
 * `/sign/app-callback` — where the Digital Authentication App sends the resident back after signing an
 * application (docs/adr/0025). As the login's callback page (ADR 23): the code leaves the address bar
 * first, then the page posts code, state and `iss` to the server (same-site, so the SameSite=Strict
 * pending cookie goes with it), which verifies the CMS. Signed: back to the application, at payment.
 * Refused or cancelled: what happened, the next steps, and the way back to the application's sign step.
 * On the phone of a PC → phone hand-off there is no application here: signed or not, the resident is told
 * to go back to the computer, whose page has the outcome (it polls the draft).
 */
export function SignAppCallbackPage() {
  const { t, locale } = useI18n();
  const m = signingMessages(locale);
  usePageTitle(m.appCallbackTitle);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [signedOnPhone, setSignedOnPhone] = useState(false);
  // Read when the page opens: this tab went to the app from the hand-off's phone page (the mark goes after the finish).
  const [onPhone] = useState(isPhoneHandoff);
  const resume = peekAppSignatureResume();

  useEffect(() => {
    const params = callbackParams(window.location.search);
    if (params === null) {
      setRefused(localRefusal("signing.app_callback_invalid", t.meta.unexpectedError));
      return;
    }
    if (finished.has(params.state)) return;
    finished.add(params.state);
    window.history.replaceState(null, "", window.location.pathname);
    void signingApi(locale)
      .appFinish(params)
      .then((result) => {
        const waiting = peekAppSignatureResume();
        clearPhoneHandoff();
        if (!result.ok) return setRefused(result.error);
        if ("handoff" in result.data) return setSignedOnPhone(true);
        if (waiting === null || result.data.cmsBase64 === undefined) return setRefused(localRefusal("signing.no_application", m.appNoApplication));
        saveAppSignatureResume({ ...waiting, signed: { cmsBase64: result.data.cmsBase64, comparison: result.data.comparison } });
        navigate(`/apply/${encodeURIComponent(waiting.procedureId)}`, { replace: true });
      });
  }, [locale, m, t]);

  return (
    <>
      <PageTitle>{m.appCallbackTitle}</PageTitle>
      {signedOnPhone ? (
        <Alert kind="success" testId="phone-signed">
          <p>{m.phoneSigned}</p>
        </Alert>
      ) : refused === null ? (
        <>
          <p role="status">{m.appChecking}</p>
          <Loading />
        </>
      ) : (
        <>
          <SigningError error={refused} testId="sign-app-error" />
          <p data-testid="sign-app-next">
            {onPhone ? (
              m.phoneBackToPc
            ) : resume === null ? (
              <Link href="/">{m.appToPortal}</Link>
            ) : (
              <Link href={`/apply/${encodeURIComponent(resume.procedureId)}`}>{m.appBack}</Link>
            )}
          </p>
        </>
      )}
    </>
  );
}
