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

const PHONE_KEY = "madoguchi.sign.phone-handoff";

/**
 * The phone of a hand-off (docs/adr/0025) goes to the app from `/sign/phone` and comes back to
 * `/sign/app-callback` in the same tab: this mark tells the callback page that the application goes on
 * on the PC, so it says "back to your computer" (for a refusal too) instead of looking for an application here.
 */
export const markPhoneHandoff = (): void => {
  storage()?.setItem(PHONE_KEY, "1");
};

/** Whether this tab went to the app as a hand-off's phone (read without removing: no side effect). */
export const isPhoneHandoff = (): boolean => storage()?.getItem(PHONE_KEY) === "1";

/** Forgets the mark (the callback has been posted: one return per trip). */
export const clearPhoneHandoff = (): void => {
  storage()?.removeItem(PHONE_KEY);
};
