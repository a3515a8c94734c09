import { useEffect, useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { navigate } from "../../router.ts";
import { failureText } from "./account-api.ts";
import { callbackParams, jpkiApi } from "./jpki-api.ts";
import { jpkiMessages } from "./jpki-messages.ts";
import { useAccount } from "./use-account.ts";

/** States already posted: a callback is finished once, even if the page renders twice. */
const finished = new Set<string>();

/**
 * `/account/jpki-callback` — where the Digital Authentication App sends the resident back. The page
 * posts the code and state from its address to the server (a same-site request, so the SameSite=Strict
 * cookies go with it) and then opens "my applications" (a login) or says the card is linked.
 */
export function JpkiCallbackPage() {
  const { t, locale } = useAccount();
  const j = jpkiMessages(locale);
  usePageTitle(j.callbackTitle);
  const [outcome, setOutcome] = useState<{ kind: "working" } | { kind: "linked"; created: boolean } | { kind: "error"; text: string }>({ kind: "working" });

  useEffect(() => {
    const params = callbackParams(window.location.search);
    if (params === null) {
      setOutcome({ kind: "error", text: t.meta.unexpectedError });
      return;
    }
    if (finished.has(params.state)) return;
    finished.add(params.state);
    // The code leaves the address bar (and the history) before anything else happens.
    window.history.replaceState(null, "", window.location.pathname);
    void jpkiApi(locale)
      .finish(params)
      .then((result) => {
        if (!result.ok) return setOutcome({ kind: "error", text: failureText(result, t.meta.unexpectedError) });
        if ("step" in result.data) return navigate("/account", { replace: true });
        setOutcome({ kind: "linked", created: result.data.created });
      });
  }, [locale, t]);

  return (
    <>
      <PageTitle>{j.callbackTitle}</PageTitle>
      {outcome.kind === "working" && <Loading />}
      {outcome.kind === "linked" && (
        <Alert kind="success" testId="jpki-linked">
          <p>{outcome.created ? j.linked : j.alreadyLinked}</p>
          <p>
            <Link href="/account/settings">{j.backToSettings}</Link>
          </p>
        </Alert>
      )}
      {outcome.kind === "error" && (
        <Alert kind="error" testId="jpki-error">
          <p>{outcome.text}</p>
          <p>
            <Link href="/account/login">{j.backToLogin}</Link>
          </p>
        </Alert>
      )}
    </>
  );
}
