import { randomBytes } from "node:crypto";
import type { PasskeyRelyingParty } from "@madoguchi/core";
import { createWebAuthnRelyingParty } from "@madoguchi/adapter-webauthn";
import type { Config } from "../../config/config.ts";
import { createBoundChallenges, type BoundChallenges } from "../../passkeys/bound-challenge.ts";

/** Whether an origin's host is the relying party id or within it (WebAuthn §5.1.4). */
const withinRpId = (origin: string, rpId: string): boolean => {
  try {
    const host = new URL(origin).hostname;
    return host === rpId || host.endsWith(`.${rpId}`);
  } catch {
    return false;
  }
};

/**
 * The WebAuthn relying party of this deployment: its id from the configuration, and as allowed origins
 * every origin the resident and staff listeners are reached at that lies within that id (a browser on
 * `127.0.0.1` cannot use passkeys of `localhost`; that is WebAuthn's rule, not ours).
 */
export const buildPasskeys = (
  config: Config,
  listeners: { readonly residentOrigins: readonly string[]; readonly staffPort: number },
): { readonly relyingParty: PasskeyRelyingParty; readonly challenges: BoundChallenges } => {
  const staffOrigins = [`http://localhost:${listeners.staffPort}`, `http://${config.staffListener.host}:${listeners.staffPort}`, `https://${config.passkeys.rpId}:${listeners.staffPort}`];
  const origins = [...new Set([...listeners.residentOrigins, ...staffOrigins])].filter((o) => withinRpId(o, config.passkeys.rpId));
  return {
    relyingParty: createWebAuthnRelyingParty({
      rpId: config.passkeys.rpId,
      rpName: "madoguchi",
      origins: origins.length > 0 ? origins : [`https://${config.passkeys.rpId}`],
    }),
    challenges: createBoundChallenges(config.passkeys.ceremonySecret ?? new Uint8Array(randomBytes(32))),
  };
};
