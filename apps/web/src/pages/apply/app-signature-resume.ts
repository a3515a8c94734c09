import type { PrepareBody, Prepared } from "../../api-types.ts";
import type { FormValues } from "./application-form.ts";
import type { FieldComparison } from "./signing-api.ts";

/**
 * An application waiting for the Digital Authentication App (docs/adr/0025): signing there leaves this
 * page for the app and comes back to `/sign/app-callback`, so what the flow holds in memory is kept in
 * the tab's sessionStorage for that trip — the form, its submission key and the prepared application —
 * and the callback adds the verified signature. It is taken over (and removed) when the application page
 * opens again: the personal data in it live no longer than the trip, in this tab only, never on the server
 * beyond the signing draft.
 */
export interface AppSignatureResume {
  readonly procedureId: string;
  readonly values: FormValues;
  readonly submissionKey: string;
  readonly prepared: { readonly body: PrepareBody; readonly result: Prepared };
  /** Set by the callback page once the server verified the app's signature. */
  readonly signed: { readonly cmsBase64: string; readonly comparison: readonly FieldComparison[] } | null;
}

const KEY = "madoguchi.apply.app-signature";

const storage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the app's way is then not offered (see canResumeAfterApp)
  }
};

/** Whether the flow can survive the trip to the app in this browser. */
export const canResumeAfterApp = (): boolean => storage() !== null;

export const saveAppSignatureResume = (resume: AppSignatureResume): void => {
  storage()?.setItem(KEY, JSON.stringify(resume));
};

/** The waiting application, without removing it (the callback page reads it). */
export const peekAppSignatureResume = (): AppSignatureResume | null => {
  const text = storage()?.getItem(KEY) ?? null;
  if (text === null) return null;
  try {
    return JSON.parse(text) as AppSignatureResume;
  } catch {
    return null;
  }
};

/** The waiting application of this procedure, if any (read in a state initialiser: no side effect). */
export const appSignatureResumeFor = (procedureId: string): AppSignatureResume | null => {
  const resume = peekAppSignatureResume();
  return resume === null || resume.procedureId !== procedureId ? null : resume;
};

/** Forgets the waiting application (once the application page has taken it over). */
export const clearAppSignatureResume = (): void => {
  storage()?.removeItem(KEY);
};
