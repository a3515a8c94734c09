import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { requestJson } from "../../../api.ts";
import type { ApiResult } from "../../../api-result.ts";
import { Alert } from "../../../components/alert.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { useSignedInStaff } from "../staff-session.tsx";

const M = {
  ja: {
    title: "本人確認",
    help: "この操作には、認証アプリの確認コードの再入力が必要です。",
    code: "確認コード",
    confirm: "確認して続ける",
    cancel: "やめる",
    cancelled: "操作を取りやめました。",
  },
  en: {
    title: "Confirm it's you",
    help: "This action needs the code from your authenticator app again.",
    code: "Code",
    confirm: "Confirm and continue",
    cancel: "Cancel",
    cancelled: "The action was cancelled.",
  },
} as const;

/** A state-changing or sensitive call, given the CSRF token to send. */
export type StepUpWork<T> = (csrfToken: string) => Promise<ApiResult<T>>;

interface Pending {
  readonly work: StepUpWork<unknown>;
  readonly settle: (result: ApiResult<unknown>) => void;
}

/** What {@link useStepUp} gives a page: `run` for its sensitive calls, and `prompt` to render where the code is asked. */
export interface StepUp {
  /**
   * Runs `work`; when the server answers `staff.step_up_required`, shows the prompt, and once the code is
   * accepted runs `work` again with the new CSRF token. Resolves with the final answer (or the refusal,
   * if the member cancels).
   */
  run<T>(work: StepUpWork<T>): Promise<ApiResult<T>>;
  /** The code form while a step-up is asked for, else null. */
  readonly prompt: ReactNode;
}

/**
 * The staff step-up (issue 4: re-authentication before sensitive actions), shared by every page that
 * offers one — account administration, exports, the retention setting. A step-up gives the session a new
 * id (cookie) and CSRF token: the retry uses the new token at once and the signed-in session is refreshed.
 */
export function useStepUp(): StepUp {
  const { locale } = useI18n();
  const m = M[locale];
  const session = useSignedInStaff();
  const csrf = useRef(session.csrfToken);
  useEffect(() => {
    csrf.current = session.csrfToken;
  }, [session.csrfToken]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);

  const run = async <T,>(work: StepUpWork<T>): Promise<ApiResult<T>> => {
    const first = await work(csrf.current);
    if (first.ok || first.error.code !== "staff.step_up_required") return first;
    return new Promise<ApiResult<T>>((resolve) => {
      setError(null);
      setCode("");
      setPending({
        work: work as StepUpWork<unknown>,
        settle: (r) => resolve(r as ApiResult<T>),
      });
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending === null) return;
    const stepped = await requestJson<{ csrfToken: string }>("POST", "/api/staff/step-up", { locale, body: { code: code.trim() }, csrfToken: csrf.current });
    setCode("");
    if (!stepped.ok) {
      // A wrong code keeps the prompt open (the server counts it like a wrong login code).
      setError(stepped.error.message ?? String(stepped.error.status));
      return;
    }
    csrf.current = stepped.data.csrfToken;
    setPending(null);
    setError(null);
    pending.settle(await pending.work(stepped.data.csrfToken));
    void session.check();
  };

  const cancel = () => {
    if (pending === null) return;
    setPending(null);
    setError(null);
    pending.settle({ ok: false, error: { status: 0, code: "aborted", message: m.cancelled, fieldErrors: [], triesLeft: null } });
  };

  const prompt =
    pending === null ? null : (
      <form noValidate onSubmit={(e) => void submit(e)} className="form form--narrow" aria-labelledby="step-up-title" data-testid="step-up-prompt">
        <h2 id="step-up-title">{m.title}</h2>
        <p>{m.help}</p>
        {error !== null && (
          <Alert kind="error" testId="step-up-error">
            <p>{error}</p>
          </Alert>
        )}
        <TextField id="stepUpCode" label={m.code} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" size="short" testId="step-up-code" />
        <div className="actions">
          <button type="submit" className="button" data-testid="step-up-submit">
            {m.confirm}
          </button>
          <button type="button" className="button button--ghost" onClick={cancel} data-testid="step-up-cancel">
            {m.cancel}
          </button>
        </div>
      </form>
    );

  return { run, prompt };
}
