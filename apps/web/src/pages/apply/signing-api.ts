import { requestJson } from "../../api.ts";
import type { PrepareBody } from "../../api-types.ts";
import type { Locale } from "../../i18n/locale.ts";

/** The compared form fields (core's `compareWithBasicInformation`). */
export type ComparedField = "name" | "address" | "dateOfBirth";

/** One field side by side, as the server compared it. */
export interface FieldComparison {
  readonly field: ComparedField;
  readonly typed: string;
  readonly certificate: string;
  /** The certificate's substitute characters (代替文字) where it has them. */
  readonly substitute: string | null;
  readonly same: boolean;
}

/** What the verified certificate puts into the form. */
export interface Prefill {
  readonly name: string;
  readonly address: string;
  /** ISO, or null for a partial date of birth. */
  readonly dateOfBirth: string | null;
  readonly sex: "1" | "2" | "3";
  readonly sexLabel: string;
  readonly nameSubstitute: string | null;
  readonly addressSubstitute: string | null;
}

/** A verified signature (or card check). */
export interface Verified {
  readonly purpose: "application" | "card_check";
  /** The detached CMS of an application (not of a card check). */
  readonly cmsBase64?: string;
  readonly prefill: Prefill | null;
  readonly comparison: readonly FieldComparison[];
  readonly certificate: { readonly notAfter: string };
}

/** A started signing draft: its id, this page's key, the signature password's tries left. */
export interface Draft {
  readonly draftId: string;
  readonly key: string;
  readonly triesLeft: number | null;
  readonly expiresAt: string;
}

/** A draft sent to the Digital Authentication App: where the browser goes to approve. */
export interface AppDraft extends Draft {
  readonly step: "redirect";
  readonly url: string;
}

/** A draft for the app on another device (a phone): it waits for the hand-off link, no transaction yet. */
export interface AppPhoneDraft extends Draft {
  readonly step: "handoff";
}

/** What the phone's callback answers after a hand-off: done — the PC, polling, reads the signature. */
export interface SignedOnPhone {
  readonly purpose: "application" | "card_check";
  readonly handoff: true;
}

/** What the app's callback page read from its address (the code and state, or the app's error). */
export interface AppCallbackParams {
  readonly state: string;
  readonly code?: string;
  readonly error?: string;
  readonly iss?: string;
}

/** The one-time link to open the draft on a phone. */
export interface Handoff {
  readonly url: string;
  readonly qrDataUrl: string;
  readonly expiresAt: string;
}

/** The draft's state as the PC polls it; `outcome` is what the finishing request got. */
export interface DraftStatus {
  readonly state: "pending" | "signed" | "failed";
  /** `expired`: the link was not opened in its 5 minutes; the PC may show a new one. */
  readonly handoff: "none" | "waiting" | "expired" | "opened";
  readonly triesLeft: number | null;
  readonly outcome?: { readonly ok: boolean; readonly status: number; readonly body: unknown };
}

/** What the phone gets for a hand-off link: the card's password here, or the app's authorization URL. */
export type Claimed = Draft & {
  readonly purpose: "application" | "card_check";
  readonly canonicalJson: string | null;
} & ({ readonly step: "password" } | { readonly step: "redirect"; readonly url: string });

const base = "/api/signing";

/** Signing with the My Number card through the service (docs/adr/0025), in the UI language. */
export const signingApi = (locale: Locale) => ({
  startApplication: (application: PrepareBody) => requestJson<Draft>("POST", `${base}/start`, { body: { purpose: "application", application, locale }, locale }),
  startCardCheck: (typed: { name: string; address: string; dateOfBirth: string }) =>
    requestJson<Draft>("POST", `${base}/start`, { body: { purpose: "card_check", typed, locale }, locale }),
  complete: (draft: Pick<Draft, "draftId" | "key">, password: string) =>
    requestJson<Verified>("POST", `${base}/drafts/${encodeURIComponent(draft.draftId)}/complete`, { body: { key: draft.key, password, locale }, locale }),
  handoff: (draft: Pick<Draft, "draftId" | "key">) =>
    requestJson<Handoff>("POST", `${base}/drafts/${encodeURIComponent(draft.draftId)}/handoff`, { body: { key: draft.key, locale }, locale }),
  status: (draft: Pick<Draft, "draftId" | "key">) =>
    requestJson<DraftStatus>("POST", `${base}/drafts/${encodeURIComponent(draft.draftId)}/status`, { body: { key: draft.key, locale }, locale }),
  claim: (token: string) => requestJson<Claimed>("POST", `${base}/handoff/claim`, { body: { token, locale }, locale }),
  /** Which ways of signing the server offers: the card read here, the Digital Authentication App. */
  options: () => requestJson<{ card: boolean; app: boolean }>("GET", `${base}/options`, { locale }),
  /** Starts the application's signature in the app; the server sets the pending cookie the callback needs. */
  startApp: (application: PrepareBody) => requestJson<AppDraft>("POST", `${base}/start`, { body: { purpose: "application", signer: "app", application, locale }, locale }),
  /** Starts an application's signature in the app on a phone: the PC then shows the hand-off's QR code. */
  startAppForPhone: (application: PrepareBody) =>
    requestJson<AppPhoneDraft>("POST", `${base}/start`, { body: { purpose: "application", signer: "app", device: "phone", application, locale }, locale }),
  /** Posts what the app's callback carried; the server verifies the CMS as for the card (on a hand-off's phone: only "done"). */
  appFinish: (params: AppCallbackParams) => requestJson<Verified | SignedOnPhone>("POST", `${base}/app/finish`, { body: { ...params, locale }, locale }),
  /** Cancel at the password prompt: the draft ends as `signing.cancelled`, no try spent. */
  cancel: (draft: Pick<Draft, "draftId" | "key">) =>
    requestJson<null>("POST", `${base}/drafts/${encodeURIComponent(draft.draftId)}/cancel`, { body: { key: draft.key, locale }, locale }),
});
