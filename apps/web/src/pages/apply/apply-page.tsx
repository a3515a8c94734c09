import { useEffect, useRef, useState } from "react";
import { useApi } from "../../app-context.tsx";
import type { Catalog, PrepareBody, Prepared, Procedure, Receipt, SubmitBody } from "../../api-types.ts";
import { Alert } from "../../components/alert.tsx";
import { Link } from "../../components/link.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { Stepper, type StepId } from "../../components/stepper.tsx";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { useFocusOnChange } from "../../hooks/use-focus-on-change.ts";
import { useLoad } from "../../hooks/use-load.ts";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { newSubmissionKey } from "../../submission-key.ts";
import { arrangeFieldErrors, emptyForm, formFieldIds, toPrepareBody, type ArrangedErrors, type FormValues } from "./application-form.ts";
import { ConfirmStep } from "./confirm-step.tsx";
import { FormStep } from "./form-step.tsx";
import { PaymentStep, type PaymentState } from "./payment-step.tsx";
import { DeferredPaymentStep } from "./deferred-payment-step.tsx";
import { ReceiptStep } from "./receipt-step.tsx";
import { SignStep } from "./sign-step.tsx";
import { BasicInfoComparison } from "./basic-info-comparison.tsx";
import { CardCheck } from "./card-check.tsx";
import type { FieldComparison } from "./signing-api.ts";
import { signingMessages } from "./signing-messages.ts";
import { appSignatureResumeFor, clearAppSignatureResume, saveAppSignatureResume } from "./app-signature-resume.ts";
import { paymentCardApi } from "../account/payment-card-api.ts";
import type { SavedCardView } from "./payment-messages.ts";

/** `/apply/:procedureId` — loads the catalog, then runs the application stepper for the procedure. */
export function ApplyPage({ procedureId }: { readonly procedureId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const catalog = useLoad((signal) => api.procedures(signal), "procedures");
  const procedure =
    catalog.state.kind === "ok" ? catalog.state.data.procedures.find((p) => p.id === procedureId) : undefined;
  usePageTitle(procedure === undefined ? t.portal.title : null, procedure === undefined);

  if (catalog.state.kind === "loading") return <Loading />;
  if (catalog.state.kind === "error" || procedure === undefined) {
    const message =
      catalog.state.kind === "error" ? (catalog.state.error.message ?? t.portal.loadFailed) : t.form.unknownProcedure;
    return (
      <>
        <PageTitle>{t.portal.title}</PageTitle>
        <Alert kind="error">
          <p>{message}</p>
        </Alert>
        <p>
          <Link href="/">{t.notFound.back}</Link>
        </p>
      </>
    );
  }
  return <ApplicationFlow procedure={procedure} catalog={catalog.state.data} />;
}

/** The submitted prepare body is kept: the final submission must repeat exactly what was signed. */
interface PreparedState {
  readonly body: PrepareBody;
  readonly result: Prepared;
}

function ApplicationFlow({ procedure, catalog }: { readonly procedure: Procedure; readonly catalog: Catalog }) {
  const { t, locale, pick } = useI18n();
  const api = useApi();
  const signing = signingMessages(locale);

  // Back from the Digital Authentication App (docs/adr/0025): the application as it left, and the
  // verified signature when there is one — then straight on to payment; otherwise back at the sign step.
  const [resumed] = useState(() => appSignatureResumeFor(procedure.id));
  useEffect(() => {
    if (resumed !== null) clearAppSignatureResume();
  }, [resumed]);
  const [step, setStep] = useState<StepId>(resumed === null ? "input" : resumed.signed === null ? "sign" : "pay");
  const [values, setValues] = useState<FormValues>(() => resumed?.values ?? emptyForm(procedure));
  // One key per application: retries, double clicks and another card after a decline reuse it (the server
  // keys each card authorisation by this key and the card token). Only a key that cannot be used again
  // gets replaced — see `rekey`.
  const [submissionKey, setSubmissionKey] = useState(() => resumed?.submissionKey ?? newSubmissionKey());
  const [fieldErrors, setFieldErrors] = useState<ArrangedErrors | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [summaryGeneration, setSummaryGeneration] = useState(0);
  const [preparing, setPreparing] = useState(false);
  const [prepared, setPrepared] = useState<PreparedState | null>(resumed?.prepared ?? null);
  const [signature, setSignature] = useState<string | null>(resumed?.signed?.cmsBase64 ?? null);
  const [signNotice, setSignNotice] = useState<string | null>(null);
  // Where the signed application and the certificate's 4-info differ: shown before paying.
  const [signedComparison, setSignedComparison] = useState<readonly FieldComparison[]>(resumed?.signed?.comparison ?? []);
  const [payment, setPayment] = useState<PaymentState>({ kind: "ready" });
  const [frameGeneration, setFrameGeneration] = useState(0);
  // What the last submission paid with (a token or the saved card): a retry, or the return from a
  // 3-D Secure challenge, sends the same again.
  const [lastToken, setLastToken] = useState<SubmitBody["payment"] | null>(null);
  const [savedCard, setSavedCard] = useState<SavedCardView | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const busy = useRef(false);

  const headingRef = useFocusOnChange<HTMLHeadingElement>(step);
  // Declared after the heading's: after a failed submit the summary, not the heading, ends up focused.
  const summaryRef = useFocusOnChange<HTMLDivElement>(summaryGeneration);

  const steps: StepId[] = procedure.requiresSignature
    ? ["input", "confirm", "sign", "pay", "done"]
    : ["input", "confirm", "pay", "done"];
  const procedureName = pick(procedure.name);
  usePageTitle(`${t.form.title(procedureName)}（${t.steps[step]}）`);

  const messageFor = (status: number, message: string | null): string =>
    message ?? (status === 0 ? t.meta.networkError : t.meta.unexpectedError);

  const showFieldErrors = (errors: Parameters<typeof arrangeFieldErrors>[0], fallback: string) => {
    const arranged = arrangeFieldErrors(errors, formFieldIds(procedure));
    setFieldErrors(arranged);
    setGeneralError(arranged.summary.length === 0 ? fallback : null);
    setStep("input");
    setSummaryGeneration((g) => g + 1);
  };

  const prepare = async () => {
    if (busy.current) return;
    busy.current = true;
    setPreparing(true);
    const body = toPrepareBody(procedure.id, locale, submissionKey, values);
    const result = await api.prepare(body);
    busy.current = false;
    setPreparing(false);
    if (result.ok) {
      setPrepared({ body, result: result.data });
      setSignature(null);
      setFieldErrors(null);
      setGeneralError(null);
      setStep("confirm");
      return;
    }
    const { error } = result;
    if (error.status === 422) {
      showFieldErrors(error.fieldErrors, messageFor(error.status, error.message));
      return;
    }
    setFieldErrors(null);
    setGeneralError(messageFor(error.status, error.message));
    setSummaryGeneration((g) => g + 1);
  };

  // R6: a logged-in resident's saved card is offered on the payment step (none when not logged in).
  useEffect(() => {
    if (step !== "pay") return;
    const controller = new AbortController();
    void paymentCardApi(locale)
      .get(controller.signal)
      .then((result) => setSavedCard(result.ok ? result.data.card : null));
    return () => controller.abort();
  }, [step, locale]);

  const goToPayment = () => {
    setPayment({ kind: "ready" });
    setLastToken(null);
    setStep("pay");
  };

  const submit = async (paying: SubmitBody["payment"]) => {
    if (busy.current || prepared === null) return;
    busy.current = true;
    setLastToken(paying);
    setPayment({ kind: "submitting" });
    const body: SubmitBody = {
      ...prepared.body,
      signature: procedure.requiresSignature && signature !== null ? { cmsBase64: signature } : null,
      payment: paying,
    };
    const result = await api.submit(body);
    if (result.ok) {
      busy.current = false;
      setReceipt(result.data);
      setStep("done");
      return;
    }
    const { error } = result;
    const message = messageFor(error.status, error.message);
    if (error.status === 402 && error.code === "payment.challenge_required" && error.challengeUrl !== undefined) {
      // EMV 3-D Secure: the issuer's page, then the same submission again (same key, same card).
      busy.current = false;
      setPayment({ kind: "challenge", url: error.challengeUrl });
      return;
    }
    if (error.status === 402) {
      // Declined: nothing was stored or charged. Another card is a new attempt under the same submission
      // key (the server keys the authorisation by key and card token), so the signature stays valid.
      busy.current = false;
      setLastToken(null);
      setFrameGeneration((g) => g + 1); // tokens are single-use: a fresh card form
      setPayment({ kind: "declined", message });
      return;
    }
    // The key was already used for other content (e.g. an earlier attempt whose answer was lost), or the
    // gateway refused to reuse an earlier attempt: prepare (and sign) again under a new key.
    const keyTaken =
      (error.status === 409 && error.code === "application.submission_key_reused") ||
      (error.status === 400 && error.code.startsWith("payment."));
    if (keyTaken) {
      await rekey(prepared, { sign: t.pay.resubmitSign, pay: t.pay.resubmitPay });
      busy.current = false;
      return;
    }
    busy.current = false;
    if (error.status === 400 && error.code.startsWith("signature.")) {
      setSignature(null);
      setSignNotice(error.message ?? t.pay.signatureRejected);
      setStep("sign");
    } else if (error.status === 422) {
      showFieldErrors(error.fieldErrors, message);
    } else if (error.status === 0 || error.status >= 500) {
      // The answer may have been lost after the server acted: the same submission key makes a resend safe.
      setPayment({ kind: "retryable", message });
    } else {
      setLastToken(null);
      setFrameGeneration((g) => g + 1);
      setPayment({ kind: "failed", message });
    }
  };

  /**
   * When the submission key cannot be used again (taken by other content, or an earlier authorisation
   * under it cannot be reused): a new key — and the key is part of the signed document, so the
   * application is prepared again and, where required, signed again. Nothing was stored or charged.
   */
  const rekey = async (previous: PreparedState, notices: { readonly sign: string; readonly pay: string }) => {
    const key = newSubmissionKey();
    setSubmissionKey(key);
    setLastToken(null);
    setSignature(null);
    // Tokens are single-use: the next card needs a fresh card form.
    setFrameGeneration((g) => g + 1);
    const body: PrepareBody = { ...previous.body, submissionKey: key };
    const again = await api.prepare(body);
    if (!again.ok) {
      if (again.error.status === 422) {
        showFieldErrors(again.error.fieldErrors, messageFor(again.error.status, again.error.message));
      } else {
        setPayment({ kind: "failed", message: messageFor(again.error.status, again.error.message) });
      }
      return;
    }
    setPrepared({ body, result: again.data });
    if (again.data.fee.total !== previous.result.fee.total) {
      // The fee changed meanwhile (a new catalog): the resident must see it before anything else.
      setStep("confirm");
      return;
    }
    if (procedure.requiresSignature) {
      setSignNotice(notices.sign);
      setStep("sign");
      return;
    }
    setPayment({ kind: "declined", message: notices.pay });
  };

  /** Back to the form with the certificate's values for the fields that differ; preparing again means signing again. */
  const correctFromCertificate = () => {
    const applicant = { ...values.applicant };
    for (const row of signedComparison) if (!row.same && !row.certificate.includes("?")) applicant[row.field] = row.certificate;
    setValues({ ...values, applicant });
    setSignature(null);
    setSignedComparison([]);
    setStep("input");
  };

  const onCardError = () => {
    if (busy.current) return;
    setPayment({ kind: "cardError", message: t.pay.cardError });
  };

  return (
    <>
      <PageTitle>{t.form.title(procedureName)}</PageTitle>
      <Stepper steps={steps} current={step} />
      {step === "input" && (
        <FormStep
          procedure={procedure}
          catalog={catalog}
          values={values}
          onChange={setValues}
          errors={fieldErrors}
          generalError={generalError}
          summaryRef={summaryRef}
          submitting={preparing}
          onSubmit={() => void prepare()}
          headingRef={headingRef}
          beforeForm={procedure.requiresSignature ? <CardCheck values={values} onChange={setValues} /> : undefined}
        />
      )}
      {step === "confirm" && prepared !== null && (
        <ConfirmStep
          procedure={procedure}
          catalog={catalog}
          prepared={prepared.result}
          onEdit={() => setStep("input")}
          onNext={() => (procedure.requiresSignature ? setStep("sign") : goToPayment())}
          headingRef={headingRef}
        />
      )}
      {step === "sign" && prepared !== null && (
        <SignStep
          application={prepared.body}
          canonicalJson={prepared.result.canonicalJson}
          notice={signNotice}
          onSigned={(cms, comparison) => {
            setSignature(cms);
            setSignedComparison(comparison);
            setSignNotice(null);
            goToPayment();
          }}
          onBack={() => setStep("confirm")}
          onLeaveForApp={() => saveAppSignatureResume({ procedureId: procedure.id, values, submissionKey, prepared, signed: null })}
          headingRef={headingRef}
        />
      )}
      {step === "pay" && prepared !== null && procedure.paymentTiming === "after_assessment" && (
        // 事後決済: no card now; the amount is paid from the status page once staff fix it (ADR 26).
        <DeferredPaymentStep estimate={prepared.result.fee.total} state={payment} onSubmit={() => void submit(null)} headingRef={headingRef} />
      )}
      {step === "pay" && prepared !== null && procedure.paymentTiming !== "after_assessment" && (
        <PaymentStep
          total={prepared.result.fee.total}
          frameGeneration={frameGeneration}
          state={payment}
          onToken={(token) => void submit({ token })}
          savedCard={savedCard}
          onSavedCard={(savedCardId) => void submit({ savedCardId })}
          onChallengeComplete={() => {
            if (lastToken !== null) void submit(lastToken);
          }}
          onCardError={onCardError}
          onRetry={() => {
            if (lastToken !== null) void submit(lastToken);
          }}
          headingRef={headingRef}
          notice={
            procedure.requiresSignature && payment.kind !== "submitting" ? (
              <>
                <BasicInfoComparison rows={signedComparison} explain={signing.comparisonAfterSign} />
                {signedComparison.some((r) => !r.same) && (
                  <div className="actions">
                    <button type="button" className="button button--secondary" data-testid="correct-after-sign" onClick={() => correctFromCertificate()}>
                      {signing.correctForm}
                    </button>
                  </div>
                )}
              </>
            ) : undefined
          }
        />
      )}
      {step === "done" && receipt !== null && <ReceiptStep receipt={receipt} headingRef={headingRef} />}
    </>
  );
}
