import { useState, type FormEvent } from "react";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Locale } from "../../../i18n/locale.ts";
import { needsApproval } from "../approvals/approvals-api.ts";
import { RequestApproval } from "../approvals/request-approval.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { RETENTION_SETTING_PATHS, type RetentionShortening, type RetentionView } from "./retention-settings.ts";

/** What differs between the retention forms: what is kept, how long and what happens after. */
export interface RetentionTexts {
  readonly heading: string;
  /** The period in force, in a sentence (says whether it is the deployment's default or an administrator's). */
  readonly current: (view: RetentionView) => string;
  readonly help: (view: RetentionView) => string;
}

const M = {
  ja: {
    label: "保存期間（月）",
    save: "保存期間を変更",
    saved: (months: number) => `保存期間を ${months} か月に変更しました。`,
    unchanged: "保存期間は変わりません。",
    notNumber: "数字で入力してください。",
  },
  en: {
    label: "Retention (months)",
    save: "Change the retention period",
    saved: (months: number) => `The retention period is now ${months} months.`,
    unchanged: "The retention period is unchanged.",
    notNumber: "Enter a number.",
  },
} as const;

/**
 * A retention period, shown to everyone who may read it and changed by holders of `retention.manage` through the
 * shared step-up prompt. `kind` names both the setting (its endpoint) and the approval a shortening needs.
 * Test ids start with `testIdPrefix` (`-current`, `-message`, `-request-approval`, `-months`, `-save`).
 * `onChanged` lets the page refresh what depends on the period.
 */
export function RetentionPeriodForm(props: {
  readonly kind: RetentionShortening;
  readonly texts: Readonly<Record<Locale, RetentionTexts>>;
  readonly testIdPrefix: string;
  readonly onChanged?: () => void;
}) {
  const { kind, testIdPrefix: id } = props;
  const { locale } = useI18n();
  const m = M[locale];
  const texts = props.texts[locale];
  const path = RETENTION_SETTING_PATHS[kind];
  const stepUp = useStepUp();
  const loaded = useLoad((signal) => requestJson<RetentionView>("GET", path, { locale, signal }), path);
  const [draft, setDraft] = useState("");
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  // Shortening needs a second person's approval (ADR 24): the refused value is what can be asked for.
  const [shortening, setShortening] = useState<number | null>(null);

  if (loaded.state.kind === "loading") return null;
  if (loaded.state.kind === "error") {
    return (
      <Alert kind="error" testId={`${id}-error`}>
        <p>{loaded.state.error.message ?? String(loaded.state.error.status)}</p>
      </Alert>
    );
  }
  const view = loaded.state.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFieldError(null);
    setShortening(null);
    const months = Number(draft.trim());
    if (draft.trim() === "" || !Number.isFinite(months)) {
      setFieldError(m.notNumber);
      return;
    }
    const result = await stepUp.run((csrf) => requestJson<RetentionView & { changed: boolean }>("PUT", path, { locale, body: { months }, csrfToken: csrf }));
    if (result.ok) {
      loaded.set(result.data);
      setDraft("");
      setMessage({ kind: "success", text: result.data.changed ? m.saved(result.data.months) : m.unchanged });
      props.onChanged?.();
      return;
    }
    const forField = result.error.fieldErrors.find((f) => f.field === "months");
    if (needsApproval(result.error)) setShortening(months);
    if (forField !== undefined) setFieldError(forField.message);
    else setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
  };

  return (
    <section aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{texts.heading}</h2>
      <p data-testid={`${id}-current`}>{texts.current(view)}</p>
      {message !== null && (
        <Alert kind={message.kind} testId={`${id}-message`}>
          <p>{message.text}</p>
        </Alert>
      )}
      {shortening !== null && <RequestApproval key={shortening} kind={kind} subject={{ months: shortening }} testId={`${id}-request-approval`} />}
      {view.canChange && (
        <form noValidate className="form form--narrow" onSubmit={(e) => void submit(e)}>
          <TextField
            id={`${id}-months-input`}
            label={m.label}
            help={texts.help(view)}
            value={draft}
            onChange={setDraft}
            inputMode="numeric"
            size="short"
            testId={`${id}-months`}
            errors={fieldError === null ? [] : [fieldError]}
            announceErrors
          />
          <div className="actions">
            <button type="submit" className="button" data-testid={`${id}-save`}>
              {m.save}
            </button>
          </div>
        </form>
      )}
      {stepUp.prompt}
    </section>
  );
}
