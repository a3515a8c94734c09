import { compactDecrypt, importJWK, type JWK } from "jose";
import { errAsync, ResultAsync } from "neverthrow";
import * as oidc from "openid-client";
import type { BasicInformation } from "@madoguchi/core";
import { basicInfoFromClaims } from "./basic-info-claims.ts";
import { decodeDigitalAuthAppOptions, isLoopbackUrl, type DigitalAuthAppOptions } from "./digital-auth-app.options.ts";
import { digitalAuthAppError, type DigitalAuthAppError } from "./digital-auth-app.errors.ts";
import { providerError } from "./provider-error.ts";
import { LOGIN_SCOPES, OIDC_PATHS, SIGN_API, SIGN_SCOPE } from "./provider-fields.ts";

/**
 * What the relying party keeps between sending the resident to the app and the callback: the state,
 * nonce and PKCE verifier of one authorization request. The server keeps it bound to the browser
 * (a signed, short-lived cookie), never in a URL.
 */
export interface PendingAuthorization {
  readonly purpose: "login" | "sign";
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The redirect URI this authorization was requested with (the token request repeats it). */
  readonly redirectUri: string;
  /** The sign transaction this authorization approves (purpose `sign`). */
  readonly transactionId?: string;
}

/** A started authorization: where to send the resident, and what to keep. */
export interface StartedAuthorization {
  readonly authorizationUrl: string;
  readonly pending: PendingAuthorization;
}

/** A verified login: the provider's subject (stable for this client) and the 4 basic information items. */
export interface DigitalAuthAppLogin {
  readonly subject: string;
  readonly basicInfo: BasicInformation;
}

/** The result of a sign transaction: the raw RSA PKCS#1 v1.5 signature and the signature certificate. */
export interface DigitalAuthAppSignature {
  readonly signature: Uint8Array;
  readonly certificatePem: string;
}

/** The Digital Authentication App client (login and signatures). */
export interface DigitalAuthAppClient {
  /** Starts a login; `redirectUri` must be one of the configured ones (default: the first). */
  startLogin(redirectUri?: string): ResultAsync<StartedAuthorization, DigitalAuthAppError>;
  /** Verifies the callback (state, code exchange with PKCE, ID token: signature, iss, aud, nonce, exp/iat) and reads the 4-info. */
  finishLogin(pending: PendingAuthorization, callbackUrl: string): ResultAsync<DigitalAuthAppLogin, DigitalAuthAppError>;
  /** Creates a sign transaction for a SHA-256 hash (32 bytes) and the authorization that approves it. */
  startSigning(sha256: Uint8Array, redirectUri?: string): ResultAsync<StartedAuthorization, DigitalAuthAppError>;
  /** Exchanges the callback's code and fetches the transaction's encrypted result. */
  finishSigning(pending: PendingAuthorization, callbackUrl: string): ResultAsync<DigitalAuthAppSignature, DigitalAuthAppError>;
  healthCheck(): ResultAsync<void, DigitalAuthAppError>;
}

const attempt = <T>(operation: string, run: () => Promise<T>): ResultAsync<T, DigitalAuthAppError> =>
  ResultAsync.fromPromise((async () => run())(), (error) =>
    typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "DigitalAuthAppError"
      ? (error as DigitalAuthAppError)
      : providerError(operation, error),
  );

const fail = (operation: string, reason: DigitalAuthAppError["reason"], message: string): never => {
  throw digitalAuthAppError(operation, reason, message);
};

/**
 * Builds the client: discovery (once, cached), `private_key_jwt` with the configured key, ID token
 * signatures checked against the provider's JWKS (openid-client's non-repudiation checks: the token
 * endpoint's TLS alone is not enough for us, since the ID token is the evidence of the login), PKCE S256
 * and nonce on every authorization. Plain HTTP only towards loopback (the stub).
 */
export const createDigitalAuthAppClient = (input: DigitalAuthAppOptions): DigitalAuthAppClient => {
  const decoded = decodeDigitalAuthAppOptions(input);
  if (decoded.isErr()) throw new TypeError(decoded.error.message);
  const options = decoded.value;
  const issuer = new URL(options.issuer);
  const timeout = options.timeoutSeconds ?? 10;

  let configuration: Promise<oidc.Configuration> | null = null;
  const configure = (): Promise<oidc.Configuration> => {
    configuration ??= (async () => {
      const key = await importJWK(options.clientAuthenticationKey as JWK, (options.clientAuthenticationKey["alg"] as string | undefined) ?? "ES256");
      if (key instanceof Uint8Array) throw new TypeError("the client authentication key must be asymmetric");
      const kid = options.clientAuthenticationKey["kid"];
      const config = await oidc.discovery(
        issuer,
        options.clientId,
        { id_token_signed_response_alg: "ES256", redirect_uris: [...options.redirectUris] },
        oidc.PrivateKeyJwt({ key, ...(typeof kid === "string" ? { kid } : {}) }),
        { timeout, execute: isLoopbackUrl(issuer) && issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : [] },
      );
      oidc.enableNonRepudiationChecks(config);
      return config;
    })().catch((error: unknown) => {
      configuration = null; // the next call tries discovery again
      throw error;
    });
    return configuration;
  };

  const redirectUriOf = (operation: string, requested: string | undefined): string => {
    const chosen = requested ?? options.redirectUris[0]!;
    return options.redirectUris.includes(chosen) ? chosen : fail(operation, "state_mismatch", "the redirect URI is not one of the configured ones");
  };

  const authorizationRequest = async (purpose: PendingAuthorization["purpose"], redirectUri: string, scope: string, extra: Record<string, string>, transactionId?: string) => {
    const config = await configure();
    const pending: PendingAuthorization = {
      purpose,
      redirectUri,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      ...(transactionId === undefined ? {} : { transactionId }),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: "S256",
      ...extra,
    });
    return { authorizationUrl: url.href, pending };
  };

  const exchange = async (operation: string, pending: PendingAuthorization, callbackUrl: string) => {
    const config = await configure();
    // The token request repeats the authorization's redirect_uri (openid-client takes it from the callback URL's origin and path).
    const callback = new URL(callbackUrl);
    const registered = new URL(pending.redirectUri);
    if (callback.origin !== registered.origin || callback.pathname !== registered.pathname) fail(operation, "state_mismatch", "the callback is not the redirect URI of this authorization");
    return oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    }).catch((error: unknown) => {
      throw providerError(operation, error);
    });
  };

  return {
    startLogin: (redirectUri) =>
      attempt("digital-auth-app.startLogin", () => authorizationRequest("login", redirectUriOf("digital-auth-app.startLogin", redirectUri), LOGIN_SCOPES.join(" "), {})),

    finishLogin: (pending, callbackUrl) => {
      const operation = "digital-auth-app.finishLogin";
      if (pending.purpose !== "login") return errAsync(digitalAuthAppError(operation, "state_mismatch", "the pending authorization is not a login"));
      return attempt(operation, async () => {
        const tokens = await exchange(operation, pending, callbackUrl);
        const claims = tokens.claims();
        if (claims === undefined) return fail(operation, "claims_invalid", "no ID token");
        const config = await configure();
        const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        // The 4-info may come in the ID token or only from user info; user info wins where both carry it.
        const basicInfo = basicInfoFromClaims({ ...claims, ...userInfo });
        if (basicInfo === null) return fail(operation, "claims_invalid", "the 4 basic information items are incomplete");
        return { subject: claims.sub, basicInfo };
      });
    },

    startSigning: (sha256, redirectUri) => {
      const operation = "digital-auth-app.startSigning";
      if (sha256.length !== 32) return errAsync(digitalAuthAppError(operation, "sign_transaction_failed", "a SHA-256 hash has 32 bytes"));
      return attempt(operation, async () => {
        const config = await configure();
        const grant = await oidc.clientCredentialsGrant(config, { scope: SIGN_SCOPE });
        const response = await oidc.fetchProtectedResource(
          config,
          grant.access_token,
          new URL(`${issuer.href.replace(/\/$/, "")}${SIGN_API.transactionsPath}`),
          "POST",
          JSON.stringify({
            [SIGN_API.request.hash]: Buffer.from(sha256).toString("base64"),
            [SIGN_API.request.hashAlgorithm]: SIGN_API.request.hashAlgorithmSha256,
          }),
          new Headers({ "content-type": "application/json" }),
        );
        if (!response.ok) return fail(operation, "sign_transaction_failed", `the sign transaction was refused (${response.status})`);
        const body = (await response.json()) as Record<string, unknown>;
        const transactionId = body[SIGN_API.answer.transactionId];
        if (typeof transactionId !== "string" || transactionId === "") return fail(operation, "sign_transaction_failed", "no transaction id");
        return authorizationRequest("sign", redirectUriOf(operation, redirectUri), `openid ${SIGN_SCOPE}`, { [SIGN_API.authorizationParameter]: transactionId }, transactionId);
      });
    },

    finishSigning: (pending, callbackUrl) => {
      const operation = "digital-auth-app.finishSigning";
      if (pending.purpose !== "sign" || pending.transactionId === undefined) {
        return errAsync(digitalAuthAppError(operation, "state_mismatch", "the pending authorization is not a signature"));
      }
      const transactionId = pending.transactionId;
      return attempt(operation, async () => {
        const tokens = await exchange(operation, pending, callbackUrl);
        const config = await configure();
        const response = await oidc.fetchProtectedResource(
          config,
          tokens.access_token,
          new URL(`${issuer.href.replace(/\/$/, "")}${SIGN_API.transactionsPath}/${encodeURIComponent(transactionId)}/result`),
          "GET",
        );
        if (!response.ok) return fail(operation, "sign_transaction_failed", `the sign result was refused (${response.status})`);
        const jwe = await response.text();
        const key = await importJWK(options.resultDecryptionKey as JWK, (options.resultDecryptionKey["alg"] as string | undefined) ?? "ECDH-ES");
        const payload = await compactDecrypt(jwe.trim(), key).catch(() => fail(operation, "sign_transaction_failed", "the sign result does not decrypt"));
        const result = JSON.parse(new TextDecoder().decode(payload.plaintext)) as Record<string, unknown>;
        const signature = result[SIGN_API.result.signature];
        const certificate = result[SIGN_API.result.certificate];
        if (typeof signature !== "string" || typeof certificate !== "string") return fail(operation, "sign_transaction_failed", "the sign result lacks a field");
        return { signature: new Uint8Array(Buffer.from(signature, "base64")), certificatePem: certificate };
      });
    },

    healthCheck: () => attempt("digital-auth-app.healthCheck", async () => {
      const response = await fetch(`${issuer.href.replace(/\/$/, "")}${OIDC_PATHS.discovery}`, { signal: AbortSignal.timeout(timeout * 1000) });
      if (!response.ok) fail("digital-auth-app.healthCheck", "unavailable", `discovery answered ${response.status}`);
    }),
  };
};
