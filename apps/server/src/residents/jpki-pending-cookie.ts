import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { PendingAuthorization } from "@madoguchi/adapter-digital-auth-app";

/**
 * Name of the cookie that carries a started Digital Authentication App login — or an application
 * signature through the app — between start and finish (one such ceremony per browser at a time).
 */
export const JPKI_PENDING_COOKIE = "__Host-madoguchi-jpki";

/** How long the resident has to approve in the app. */
export const JPKI_PENDING_TTL_MS = 10 * 60_000;

/**
 * What the browser carries between start and finish: what the login is for, (to link) whose session
 * started it, and per way of reading the card — the app's authorization secrets, or the card signer's
 * session with the challenge it signs (the content and the signed attributes built for it).
 */
export type JpkiPendingLogin = {
  readonly intent: "login" | "link";
  /** Hash of the resident session that started a link (`sessionBindingOf`); null for a login. */
  readonly sessionBinding: string | null;
  readonly expiresAtMs: number;
} & (
  | { readonly kind: "app"; readonly authorization: PendingAuthorization }
  | { readonly kind: "card"; readonly signerSessionId: string; readonly contentBase64: string; readonly signedAttributesBase64: string }
);

/**
 * An application signature sent to the Digital Authentication App (docs/adr/0025): the signing draft it
 * finishes. The app's state, nonce and PKCE verifier stay with the app's signer (the `JpkiSigner`
 * port keeps its session); the cookie binds the callback to the browser that started it, as for a login.
 */
export interface JpkiPendingSignature {
  readonly kind: "sign";
  readonly draftId: string;
  readonly expiresAtMs: number;
}

/** Whatever the cookie carries. */
export type JpkiPending = JpkiPendingLogin | JpkiPendingSignature;

/**
 * Seals the pending login into its cookie with AES-256-GCM (key derived from the ceremony secret):
 * the PKCE verifier and nonce stay unreadable to scripts and to anyone who sees the cookie, and a
 * changed byte fails to open. The cookie is HttpOnly and `SameSite=Strict`: the app's callback lands
 * on a page of ours that posts the code to the server itself, so no cross-site request ever needs it.
 */
export const createJpkiPendingSealer = (secret: Uint8Array) => {
  const key = createHmac("sha256", secret).update("madoguchi-jpki-pending-cookie").digest();
  return {
    seal: (pending: JpkiPending): string => {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    },
    /** The pending login, or null when the cookie is missing, altered, or expired at `nowMs`. */
    open: (cookie: string | undefined, nowMs: number): JpkiPending | null => {
      if (cookie === undefined) return null;
      try {
        const bytes = Buffer.from(cookie, "base64url");
        if (bytes.length < 29) return null;
        const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
        const pending = JSON.parse(text) as JpkiPending;
        return pending.expiresAtMs > nowMs ? pending : null;
      } catch {
        return null;
      }
    },
    cookie: (value: string) => `${JPKI_PENDING_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${JPKI_PENDING_TTL_MS / 1000}`,
    cleared: () => `${JPKI_PENDING_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`,
  };
};

export type JpkiPendingSealer = ReturnType<typeof createJpkiPendingSealer>;
