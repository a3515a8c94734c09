import { useState, type FormEvent } from "react";
import { Alert } from "../../components/alert.tsx";
import { TextField } from "../../components/text-field.tsx";
import type { ApiResult } from "../../api-result.ts";
import type { LoginStep } from "./account-api.ts";
import { failureText } from "./account-api.ts";
import type { CardStep } from "./jpki-api.ts";
import { jpkiApi } from "./jpki-api.ts";
import { jpkiMessages } from "./jpki-messages.ts";
import { useAccount } from "./use-account.ts";

type Finished = LoginStep | { status: "linked"; created: boolean };

/**
 * Reading the card here (the test card in the embedded profile): a button that starts, then the
 * 4-digit PIN of the user-authentication certificate with the tries left; a wrong PIN keeps the same
 * attempt. `onDone` gets the server's answer (a login, or a link).
 */
export function JpkiCardPin({ label, start, onDone }: { readonly label: string; readonly start: () => Promise<ApiResult<CardStep>>; readonly onDone: (data: Finished) => void }) {
  const { t, locale } = useAccount();
  const j = jpkiMessages(locale);
  const [step, setStep] = useState<"idle" | "pin">("idle");
  const [pin, setPin] = useState("");
  const [triesLeft, setTriesLeft] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const begin = async () => {
    if (busy) return;
    setBusy(true);
    const started = await start();
    setBusy(false);
    if (!started.ok) return setError(failureText(started, t.meta.unexpectedError));
    if (started.data.step === "redirect") return window.location.assign(started.data.url);
    setError(null);
    setTriesLeft(started.data.triesLeft);
    setStep("pin");
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const finished = await jpkiApi(locale).cardFinish(pin.trim());
    setBusy(false);
    setPin("");
    if (finished.ok) {
      setStep("idle");
      setError(null);
      return onDone(finished.data);
    }
    setError(failureText(finished, t.meta.unexpectedError));
    // Only a wrong PIN keeps the attempt; anything else starts again from the button.
    if (finished.error.code !== "resident.jpki_wrong_pin") setStep("idle");
  };
  // Cancel ends the card's session on the server (no try spent) and says so, with the way back.
  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    const cancelled = await jpkiApi(locale).cardCancel();
    setBusy(false);
    setPin("");
    setStep("idle");
    setError(cancelled.ok ? null : failureText(cancelled, t.meta.unexpectedError));
  };

  return (
    <>
      {error !== null && (
        <Alert kind="error" testId="jpki-card-error">
          <p>{error}</p>
        </Alert>
      )}
      {step === "idle" && (
        <div className="actions">
          <button type="button" className="button button--secondary" data-testid="jpki-card-start" aria-disabled={busy || undefined} onClick={() => void begin()}>
            {label}
          </button>
        </div>
      )}
      {step === "pin" && (
        <form noValidate onSubmit={(event) => void submit(event)} className="form">
          <TextField id="jpki-pin" type="password" label={j.pin} value={pin} onChange={setPin} inputMode="numeric" autoComplete="off" size="short" help={triesLeft === null ? null : j.pinTries(triesLeft)} />
          <div className="actions">
            <button type="submit" className="button" data-testid="jpki-pin-submit" aria-disabled={busy || undefined}>
              {j.pinSubmit}
            </button>
            <button type="button" className="button button--secondary" data-testid="jpki-pin-cancel" aria-disabled={busy || undefined} onClick={() => void cancel()}>
              {j.pinCancel}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
