import { useEffect, useRef, useState } from "react";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { failureText } from "./account-api.ts";
import { queryParam, useAccount } from "./use-account.ts";

/**
 * `/account/verify` and `/account/confirm-email` — the pages the mailed links open: they send the
 * account id and token once, and say whether it worked.
 */
export function EmailLinkPage({ kind }: { readonly kind: "verify" | "confirmEmail" | "unlock" }) {
  const { t, m, api } = useAccount();
  const title = kind === "verify" ? m.verify.title : kind === "unlock" ? m.unlock.title : m.confirmEmail.title;
  usePageTitle(title);
  const [state, setState] = useState<{ kind: "working" } | { kind: "done" } | { kind: "error"; message: string }>({ kind: "working" });
  const sent = useRef(false);
  useEffect(() => {
    // Once (StrictMode runs effects twice; a second use of the token would fail).
    if (sent.current) return;
    sent.current = true;
    const accountId = queryParam("account");
    const token = queryParam("token");
    const work = kind === "verify" ? api.verifyEmail(accountId, token) : kind === "unlock" ? api.unlock(accountId, token) : api.confirmEmail(accountId, token);
    void work.then((result) =>
      setState(result.ok ? { kind: "done" } : { kind: "error", message: failureText(result, t.meta.unexpectedError) }),
    );
  }, []);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {state.kind === "working" && <Loading />}
      {state.kind === "done" && (
        <Alert kind="success" testId="link-done">
          <p>{kind === "verify" ? m.verify.done : kind === "unlock" ? m.unlock.done : m.confirmEmail.done}</p>
        </Alert>
      )}
      {state.kind === "error" && (
        <Alert kind="error" testId="link-error">
          <p>{state.message}</p>
        </Alert>
      )}
      {kind !== "confirmEmail" && state.kind !== "working" && (
        <p>
          <Link href="/account/login" data-testid="to-login">
            {m.verify.toLogin}
          </Link>
        </p>
      )}
    </>
  );
}
