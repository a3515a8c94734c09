import { randomBytes, X509Certificate } from "node:crypto";
import {
  JPKI_SIGNER_CONTRACT,
  SHA256_DIGEST_INFO_PREFIX,
  type JpkiRawSignature,
  type JpkiSigner,
  type JpkiSignerError,
  type JpkiSigningCompletion,
  type SigningSessionStore,
} from "@madoguchi/core";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { DigitalAuthAppClient, PendingAuthorization } from "./create-digital-auth-app-client.ts";
import type { DigitalAuthAppError } from "./digital-auth-app.errors.ts";

/** How long a started sign transaction may wait for the resident's approval in the app. */
export const SIGNING_SESSION_TTL_MS = 10 * 60_000;

const signerError = (operation: string, reason: JpkiSignerError["reason"], message: string): JpkiSignerError => ({
  _tag: "JpkiSignerError",
  reason,
  operation,
  retryable: reason === "unavailable",
  message,
});

/** The app's refusals in the port's closed reasons. */
const fromAppError = (operation: string, error: DigitalAuthAppError): JpkiSignerError => {
  switch (error.reason) {
    case "access_denied":
      return signerError(operation, "cancelled", "the resident or the app cancelled the signature");
    case "code_replayed":
      return signerError(operation, "unknown_session", "the session was completed already");
    case "unavailable":
      return signerError(operation, "unavailable", error.message);
    case "state_mismatch":
    case "nonce_mismatch":
    case "pkce_mismatch":
    case "code_rejected":
      return signerError(operation, "invalid_input", error.message);
    case "id_token_expired":
    case "id_token_signature_invalid":
    case "audience_mismatch":
    case "issuer_mismatch":
    case "claims_invalid":
    case "client_authentication_failed":
    case "sign_transaction_failed":
      return signerError(operation, "unavailable", error.message);
  }
};

const isSha256DigestInfo = (digestInfo: Uint8Array): boolean =>
  digestInfo.length === SHA256_DIGEST_INFO_PREFIX.length + 32 &&
  SHA256_DIGEST_INFO_PREFIX.every((byte, index) => digestInfo[index] === byte);

export interface DigitalAuthAppSignerOptions {
  readonly client: DigitalAuthAppClient;
  /** The provider's issuer: the callback's `iss` (RFC 9207), which the port's completion does not carry. */
  readonly issuer: string;
  /**
   * Where the app sends the resident back after a signature: one of the client's redirect URIs (default:
   * its first). A relying party with several public origins makes one signer per origin, so the browser
   * comes back to the origin its cookies belong to.
   */
  readonly redirectUri?: string;
  readonly now?: () => Date;
  /**
   * Where the sessions (the pending authorization: state, nonce, PKCE verifier, transaction) are kept:
   * a `signing-session-store@1` shared by every instance of the relying party, so a signature started
   * on one finishes on another; it seals them at rest. Default: this process's memory.
   */
  readonly sessions?: SigningSessionStore;
}

/** A signer's session as kept between start and callback. */
interface KeptSession {
  readonly pending: PendingAuthorization;
  readonly expiresAt: Date;
}

/** The few operations the signer needs of its sessions: in a shared store, or in this process. */
interface SessionKeeping {
  put(id: string, session: KeptSession): ResultAsync<void, JpkiSignerError>;
  get(id: string): ResultAsync<KeptSession | null, JpkiSignerError>;
  remove(id: string): ResultAsync<void, JpkiSignerError>;
}

const inProcess = (now: () => Date): SessionKeeping => {
  const sessions = new Map<string, KeptSession>();
  return {
    put: (id, session) => {
      for (const [other, kept] of sessions) if (kept.expiresAt <= now()) sessions.delete(other);
      sessions.set(id, session);
      return okAsync(undefined);
    },
    get: (id) => okAsync(sessions.get(id) ?? null),
    remove: (id) => {
      sessions.delete(id);
      return okAsync(undefined);
    },
  };
};

const inStore = (store: SigningSessionStore, operation: string): SessionKeeping => {
  const unavailable = () => signerError(operation, "unavailable", "the signing sessions cannot be reached");
  return {
    put: (id, session) =>
      store
        .insert({ kind: "signer", id, lookupKey: null, expiresAt: session.expiresAt, data: JSON.stringify({ pending: session.pending }) })
        .mapErr(unavailable),
    get: (id) =>
      store
        .get("signer", id)
        .mapErr(unavailable)
        .andThen((row) => {
          if (row === null) return okAsync(null);
          try {
            const { pending } = JSON.parse(row.data) as { pending: PendingAuthorization };
            return okAsync({ pending, expiresAt: row.expiresAt });
          } catch {
            return errAsync(signerError(operation, "unavailable", "a stored signing session is unreadable"));
          }
        }),
    remove: (id) => store.remove("signer", id).mapErr(unavailable).map(() => undefined),
  };
};

/**
 * `JpkiSigner` over the app's sign transaction: `startSigning` creates the transaction for the
 * DigestInfo's hash and answers a `redirect` challenge (the app, or a QR code on a PC);
 * `completeSigning` takes the callback's code and state and fetches the signature. The app signs with
 * the signature key only (login uses the authentication certificate through OIDC), so `authentication`
 * is refused as `no_certificate`. Sessions live {@link SIGNING_SESSION_TTL_MS} — in this process, or in
 * the `sessions` store shared by every instance — and end at their first completion whose state is their own.
 */
export const createDigitalAuthAppSigner = (options: DigitalAuthAppSignerOptions): JpkiSigner => {
  const now = options.now ?? (() => new Date());
  const sessions = options.sessions === undefined ? inProcess(now) : inStore(options.sessions, "jpki-signer.sessions");

  /** The rest of a completion, once the session is this callback's own and has been ended. */
  const finish = (session: KeptSession, completion: Exclude<JpkiSigningCompletion, { kind: "secret" }>): ResultAsync<JpkiRawSignature, JpkiSignerError> => {
    const operation = "jpki-signer.completeSigning";
    if (session.expiresAt <= now()) return errAsync(signerError(operation, "session_expired", "the signing session expired"));
    if (completion.kind === "declined") {
      // The callback's `error=`: access_denied is the resident cancelling in the app; any other code is
      // the provider failing the transaction (RFC 6749 4.1.2.1), not the resident's choice.
      return errAsync(
        completion.error === "access_denied"
          ? signerError(operation, "cancelled", "the resident cancelled the signature in the app")
          : signerError(operation, "unavailable", "the provider refused the sign transaction"),
      );
    }
    if (completion.code === "") return errAsync(signerError(operation, "invalid_input", "the callback carries no code"));
    const callback = new URL(session.pending.redirectUri);
    callback.searchParams.set("code", completion.code);
    callback.searchParams.set("state", completion.state);
    callback.searchParams.set("iss", options.issuer);
    return options.client
      .finishSigning(session.pending, callback.href)
      .mapErr((error) => fromAppError(operation, error))
      .andThen((signed) => {
        try {
          const certificate = new X509Certificate(signed.certificatePem);
          const raw: JpkiRawSignature = { signatureValue: signed.signature, certificateDer: new Uint8Array(certificate.raw), caCertificatesDer: [] };
          return okAsync(raw);
        } catch {
          return errAsync(signerError(operation, "unavailable", "the app returned no readable certificate"));
        }
      });
  };

  return {
    meta: { contract: JPKI_SIGNER_CONTRACT, name: "digital-auth-app", capabilities: new Set() },

    startSigning: ({ digestInfo, key }) => {
      const operation = "jpki-signer.startSigning";
      if (!isSha256DigestInfo(digestInfo)) return errAsync(signerError(operation, "invalid_input", "not a SHA-256 DigestInfo"));
      if (key !== "signature") return errAsync(signerError(operation, "no_certificate", "the app signs with the signature certificate only"));
      return options.client
        .startSigning(digestInfo.slice(SHA256_DIGEST_INFO_PREFIX.length), options.redirectUri)
        .mapErr((error) => fromAppError(operation, error))
        .andThen(({ authorizationUrl, pending }) => {
          const sessionId = randomBytes(32).toString("base64url");
          const expiresAt = new Date(now().getTime() + SIGNING_SESSION_TTL_MS);
          return sessions.put(sessionId, { pending, expiresAt }).map(() => ({ sessionId, key, challenge: { kind: "redirect" as const, url: authorizationUrl }, expiresAt }));
        });
    },

    completeSigning: ({ sessionId, completion }) => {
      const operation = "jpki-signer.completeSigning";
      return sessions.get(sessionId).andThen((session) => {
        if (session === null) return errAsync(signerError(operation, "unknown_session", "no such signing session"));
        if (completion.kind === "secret") return errAsync(signerError(operation, "invalid_input", "the app completes with an authorization code"));
        // Only this session's own callback may end it: another state leaves the session open.
        if (completion.state !== session.pending.state) return errAsync(signerError(operation, "invalid_input", "the callback belongs to another session"));
        return sessions.remove(sessionId).andThen(() => finish(session, completion));
      });
    },

    healthCheck: () => options.client.healthCheck().mapErr((error) => fromAppError("jpki-signer.healthCheck", error)),
  };
};
