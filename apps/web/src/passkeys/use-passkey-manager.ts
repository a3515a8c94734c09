import { useState, type FormEvent } from "react";
import type { ApiResult } from "../api-result.ts";
import type { PasskeyList, PasskeyRegistrationStart } from "../api-types.ts";
import { useLoad } from "../hooks/use-load.ts";
import { registerPasskeyInBrowser } from "./passkey-ceremony.ts";

/** A success or an error shown above a passkey list. */
export type PasskeyNotice = { readonly kind: "success" | "error"; readonly text: string } | null;

/** What one account kind (staff, resident) calls to list, register and remove its passkeys. */
export interface PasskeyEndpoints {
  readonly list: (signal: AbortSignal) => Promise<ApiResult<PasskeyList>>;
  readonly registrationOptions: () => Promise<ApiResult<PasskeyRegistrationStart>>;
  readonly register: (body: { label: string; challenge: string; response: unknown }) => Promise<ApiResult<{ readonly label: string }>>;
  readonly remove: (credentialId: string) => Promise<ApiResult<unknown>>;
}

/** The texts the manager shows (staff: `t.security`; residents: the account messages' `passkeys`). */
export interface PasskeyManagerTexts {
  readonly labelRequired: string;
  readonly cancelled: string;
  readonly added: (label: string) => string;
  readonly removed: (label: string) => string;
}

/** The longest passkey name, in characters (the servers' limit). */
const MAX_LABEL = 40;

/**
 * The state and actions of a "your passkeys" section, shared by the staff security page and the resident
 * settings page: the list, the name field (1–40 characters), registering through the browser's prompt
 * (a closed prompt is `cancelled`, nothing reached the server) and removing, each ending in a notice.
 */
export function usePasskeyManager(endpoints: PasskeyEndpoints, texts: PasskeyManagerTexts, unexpectedError: string, loadKey: string) {
  const passkeys = useLoad(endpoints.list, loadKey);
  const [label, setLabel] = useState("");
  const [labelError, setLabelError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PasskeyNotice>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (name === "" || [...name].length > MAX_LABEL) {
      setLabelError(texts.labelRequired);
      return;
    }
    setLabelError(null);
    setBusy(true);
    setNotice(null);
    try {
      const outcome = await registerPasskeyInBrowser(endpoints.registrationOptions, (body) => endpoints.register({ label: name, ...body }));
      if (outcome.kind === "cancelled") return setNotice({ kind: "error", text: texts.cancelled });
      if (outcome.kind === "failed") return setNotice({ kind: "error", text: outcome.error.message ?? unexpectedError });
      setLabel("");
      setNotice({ kind: "success", text: texts.added(outcome.data.label) });
      passkeys.reload();
    } finally {
      setBusy(false);
    }
  };

  const remove = async (credentialId: string, name: string) => {
    setNotice(null);
    const result = await endpoints.remove(credentialId);
    setNotice(result.ok ? { kind: "success", text: texts.removed(name) } : { kind: "error", text: result.error.message ?? unexpectedError });
    passkeys.reload();
  };

  return { passkeys, label, setLabel, labelError, busy, notice, add, remove };
}
