import { createHash, privateEncrypt, randomBytes, constants } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CompactEncrypt, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from "jose";
import { OIDC_PATHS, REALM_PATH, SIGN_API, SIGN_SCOPE } from "../provider-fields.ts";

/** SHA-256 DigestInfo prefix (DER), as the card signs it. */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from("3031300d060960864801650304020105000420", "hex");

/** Who the stub's card belongs to: the subject and the claims user info answers (4-info). */
export interface StubResident {
  readonly subject: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The card's signature key for the sign transaction (a test card's key and certificate). */
export interface StubSigningCard {
  /** RSA private key, PKCS#8 PEM: signs the DigestInfo with PKCS#1 v1.5 as the card does. */
  readonly privateKeyPkcs8Pem: string;
  readonly certificatePem: string;
}

/** A misbehaving provider, for the relying party's refusals to be tested one by one. */
export type StubMisbehaviour = "expired_id_token" | "foreign_key_id_token" | "wrong_audience" | "wrong_issuer";

export interface StubProviderOptions {
  readonly clientId: string;
  /** Public JWK of the client's `private_key_jwt` key. */
  readonly clientAuthenticationPublicKey: JWK;
  /** Public JWK the sign result is encrypted to (ECDH-ES). */
  readonly resultEncryptionPublicKey: JWK;
  readonly redirectUris: readonly string[];
  readonly resident: StubResident;
  readonly card?: StubSigningCard;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
}

export interface StubProvider {
  /** The issuer, `http://127.0.0.1:<port>/api/realms/main`. */
  readonly issuer: string;
  /** Makes the next ID tokens misbehave (null: behave). */
  misbehave(misbehaviour: StubMisbehaviour | null): void;
  /** Changes who approves next (another resident's card). */
  useResident(resident: StubResident): void;
  close(): Promise<void>;
}

interface AuthorizationRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly transactionId: string | null;
}

interface IssuedCode extends AuthorizationRequest {
  readonly resident: StubResident;
  used: boolean;
}

interface SignTransaction {
  readonly sha256: Buffer;
  result: { readonly signature: Buffer; readonly certificatePem: string } | null;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
};

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
};

const oauthError = (response: ServerResponse, status: number, error: string, description: string): void =>
  sendJson(response, status, { error, error_description: description });

const token = (): string => randomBytes(32).toString("base64url");

/**
 * A local stand-in for the Digital Authentication App's provider, following the documented flow:
 * discovery, authorize (a page where the "resident" approves, as they would in the app), code, token
 * with `private_key_jwt` and PKCE S256 (codes single use), ES256 ID tokens with the provider's JWKS,
 * user info with the 4-info, and the sign transaction (client-credentials token, create, approve, JWE
 * result). It listens on 127.0.0.1 only. Field names beyond the public ones come from provider-fields.ts,
 * so the stub and the client cannot drift apart silently — and neither proves them right.
 */
export const startStubProvider = async (options: StubProviderOptions): Promise<StubProvider> => {
  const signingKeys = await generateKeyPair("ES256", { extractable: true });
  const foreignKeys = await generateKeyPair("ES256", { extractable: true });
  const kid = createHash("sha256").update(JSON.stringify(await exportJWK(signingKeys.publicKey))).digest("base64url").slice(0, 16);
  const publicJwk = { ...(await exportJWK(signingKeys.publicKey)), kid, alg: "ES256", use: "sig" };
  const clientKey = await importJWK(options.clientAuthenticationPublicKey, (options.clientAuthenticationPublicKey.alg as string | undefined) ?? "ES256");
  const encryptionKey = await importJWK(options.resultEncryptionPublicKey, "ECDH-ES");

  const requests = new Map<string, AuthorizationRequest>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { kind: "user"; resident: StubResident; transactionId: string | null } | { kind: "client" }>();
  const assertionIds = new Set<string>();
  const transactions = new Map<string, SignTransaction>();
  let resident = options.resident;
  let misbehaviour: StubMisbehaviour | null = null;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}${REALM_PATH}`;
  const endpoint = (path: string) => `${issuer}${path}`;

  const clientAuthenticated = async (form: URLSearchParams): Promise<boolean> => {
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return false;
    const assertion = form.get("client_assertion");
    if (assertion === null) return false;
    try {
      const { payload } = await jwtVerify(assertion, clientKey as CryptoKey, {
        issuer: options.clientId,
        subject: options.clientId,
        audience: [issuer, endpoint(OIDC_PATHS.token)],
        maxTokenAge: "5m",
      });
      if (typeof payload.jti !== "string" || assertionIds.has(payload.jti)) return false;
      assertionIds.add(payload.jti);
      return form.get("client_id") === null || form.get("client_id") === options.clientId;
    } catch {
      return false;
    }
  };

  const idToken = async (code: IssuedCode): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const expired = misbehaviour === "expired_id_token";
    return new SignJWT({ nonce: code.nonce, auth_time: now, acr: "jpki-user-authentication" })
      .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
      .setIssuer(misbehaviour === "wrong_issuer" ? `${origin}/api/realms/other` : issuer)
      .setSubject(code.resident.subject)
      .setAudience(misbehaviour === "wrong_audience" ? "another-client" : options.clientId)
      .setIssuedAt(expired ? now - 7200 : now)
      .setExpirationTime(expired ? now - 3600 : now + 300)
      .sign(misbehaviour === "foreign_key_id_token" ? foreignKeys.privateKey : signingKeys.privateKey);
  };

  const authorizePage = (id: string, request: AuthorizationRequest): string => `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>デジタル認証アプリ（開発用スタブ） / Digital Authentication App (development stub)</title></head>
<body><main>
<h1>デジタル認証アプリ（開発用スタブ） / Digital Authentication App (development stub)</h1>
<p>${request.transactionId === null ? "マイナンバーカードで本人確認をします。 / Confirm your identity with your My Number card." : "マイナンバーカードで電子署名をします。 / Sign with your My Number card."}</p>
<form method="post" action="${escapeHtml(endpoint(OIDC_PATHS.authorization))}/decide">
<input type="hidden" name="request" value="${escapeHtml(id)}">
<button type="submit" name="decision" value="approve">${request.transactionId === null ? "認証する / Approve" : "署名する / Sign"}</button>
<button type="submit" name="decision" value="cancel">キャンセル / Cancel</button>
</form></main></body></html>`;

  const redirectTo = (response: ServerResponse, redirectUri: string, params: Record<string, string>): void => {
    const url = new URL(redirectUri);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    response.writeHead(302, { location: url.href, "cache-control": "no-store" });
    response.end();
  };

  const signTransaction = (transaction: SignTransaction): void => {
    if (options.card === undefined) throw new Error("the stub has no card to sign with");
    const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, transaction.sha256]);
    // RSA PKCS#1 v1.5 over the given DigestInfo: what the card's SIGN command computes.
    const signature = privateEncrypt({ key: options.card.privateKeyPkcs8Pem, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
    transaction.result = { signature, certificatePem: options.card.certificatePem };
  };

  const bearer = (request: IncomingMessage) => {
    const header = request.headers.authorization ?? "";
    return header.startsWith("Bearer ") ? accessTokens.get(header.slice(7)) ?? null : null;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", origin);
    const path = url.pathname.startsWith(REALM_PATH) ? url.pathname.slice(REALM_PATH.length) : null;
    if (path === null) return oauthError(response, 404, "not_found", "unknown path");

    if (request.method === "GET" && path === OIDC_PATHS.discovery) {
      return sendJson(response, 200, {
        issuer,
        authorization_endpoint: endpoint(OIDC_PATHS.authorization),
        token_endpoint: endpoint(OIDC_PATHS.token),
        userinfo_endpoint: endpoint(OIDC_PATHS.userinfo),
        jwks_uri: endpoint(OIDC_PATHS.jwks),
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "client_credentials"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["ES256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
        token_endpoint_auth_signing_alg_values_supported: ["ES256", "RS256"],
        code_challenge_methods_supported: ["S256"],
        scopes_supported: ["openid", "name", "address", "birthdate", "gender", SIGN_SCOPE],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (request.method === "GET" && path === OIDC_PATHS.jwks) return sendJson(response, 200, { keys: [publicJwk] });

    if (request.method === "GET" && path === OIDC_PATHS.authorization) {
      const q = url.searchParams;
      const redirectUri = q.get("redirect_uri") ?? "";
      if (q.get("client_id") !== options.clientId || !options.redirectUris.includes(redirectUri)) {
        return oauthError(response, 400, "invalid_request", "unknown client or redirect_uri");
      }
      const state = q.get("state");
      const nonce = q.get("nonce");
      const codeChallenge = q.get("code_challenge");
      const scope = q.get("scope") ?? "";
      const transactionId = q.get(SIGN_API.authorizationParameter);
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256" || !codeChallenge || !state || !nonce || !scope.split(" ").includes("openid")) {
        return redirectTo(response, redirectUri, { error: "invalid_request", ...(state ? { state } : {}), iss: issuer });
      }
      if (scope.split(" ").includes(SIGN_SCOPE) !== (transactionId !== null) || (transactionId !== null && !transactions.has(transactionId))) {
        return redirectTo(response, redirectUri, { error: "invalid_request", state, iss: issuer });
      }
      const id = token();
      const authorization: AuthorizationRequest = { redirectUri, state, nonce, codeChallenge, scope, transactionId };
      requests.set(id, authorization);
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return void response.end(authorizePage(id, authorization));
    }

    if (request.method === "POST" && path === `${OIDC_PATHS.authorization}/decide`) {
      const form = new URLSearchParams(await readBody(request));
      const id = form.get("request") ?? "";
      const authorization = requests.get(id);
      if (authorization === undefined) return oauthError(response, 400, "invalid_request", "unknown or used authorization request");
      requests.delete(id);
      if (form.get("decision") !== "approve") {
        return redirectTo(response, authorization.redirectUri, { error: "access_denied", state: authorization.state, iss: issuer });
      }
      if (authorization.transactionId !== null) signTransaction(transactions.get(authorization.transactionId)!);
      const code = token();
      codes.set(code, { ...authorization, resident, used: false });
      return redirectTo(response, authorization.redirectUri, { code, state: authorization.state, iss: issuer });
    }

    if (request.method === "POST" && path === OIDC_PATHS.token) {
      const form = new URLSearchParams(await readBody(request));
      if (!(await clientAuthenticated(form))) return oauthError(response, 401, "invalid_client", "Invalid client authentication");
      const grantType = form.get("grant_type");
      if (grantType === "client_credentials") {
        if (form.get("scope") !== SIGN_SCOPE) return oauthError(response, 400, "invalid_scope", "Invalid scopes");
        const access = token();
        accessTokens.set(access, { kind: "client" });
        return sendJson(response, 200, { access_token: access, token_type: "Bearer", expires_in: 300, scope: SIGN_SCOPE });
      }
      if (grantType !== "authorization_code") return oauthError(response, 400, "unsupported_grant_type", "Unsupported grant_type");
      const code = codes.get(form.get("code") ?? "");
      // Keycloak's wording (provider-fields.ts): a used code and an unknown one are both "Code not valid".
      if (code === undefined || code.used) return oauthError(response, 400, "invalid_grant", "Code not valid");
      code.used = true;
      if (form.get("redirect_uri") !== code.redirectUri) return oauthError(response, 400, "invalid_grant", "Incorrect redirect_uri");
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) {
        return oauthError(response, 400, "invalid_grant", "PKCE verification failed: Code mismatch");
      }
      const access = token();
      accessTokens.set(access, { kind: "user", resident: code.resident, transactionId: code.transactionId });
      return sendJson(response, 200, { access_token: access, token_type: "Bearer", expires_in: 300, scope: code.scope, id_token: await idToken(code) });
    }

    if (request.method === "GET" && path === OIDC_PATHS.userinfo) {
      const grant = bearer(request);
      if (grant === null || grant.kind !== "user") return oauthError(response, 401, "invalid_token", "Token verification failed");
      return sendJson(response, 200, { ...grant.resident.claims, sub: grant.resident.subject });
    }

    if (request.method === "POST" && path === SIGN_API.transactionsPath) {
      const grant = bearer(request);
      if (grant === null || grant.kind !== "client") return oauthError(response, 401, "invalid_token", "Token verification failed");
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const hash = body[SIGN_API.request.hash];
      const sha256 = typeof hash === "string" ? Buffer.from(hash, "base64") : Buffer.alloc(0);
      if (sha256.length !== 32 || body[SIGN_API.request.hashAlgorithm] !== SIGN_API.request.hashAlgorithmSha256) {
        return oauthError(response, 400, "invalid_request", "a base64 SHA-256 hash is required");
      }
      const transactionId = token();
      transactions.set(transactionId, { sha256, result: null });
      return sendJson(response, 201, { [SIGN_API.answer.transactionId]: transactionId });
    }

    const resultPath = new RegExp(`^${SIGN_API.transactionsPath}/([A-Za-z0-9_-]+)/result$`).exec(path);
    if (request.method === "GET" && resultPath !== null) {
      const grant = bearer(request);
      const transactionId = resultPath[1]!;
      if (grant === null || grant.kind !== "user" || grant.transactionId !== transactionId) {
        return oauthError(response, 401, "invalid_token", "Token verification failed");
      }
      const result = transactions.get(transactionId)?.result ?? null;
      if (result === null) return oauthError(response, 404, "not_found", "no result");
      const jwe = await new CompactEncrypt(
        new TextEncoder().encode(JSON.stringify({
          [SIGN_API.result.signature]: result.signature.toString("base64"),
          [SIGN_API.result.certificate]: result.certificatePem,
        })),
      )
        .setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM", cty: "json" })
        .encrypt(encryptionKey);
      response.writeHead(200, { "content-type": "application/jose", "cache-control": "no-store" });
      return void response.end(jwe);
    }

    return oauthError(response, 404, "not_found", "unknown path");
  };

  server.on("request", (request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) oauthError(response, 400, "invalid_request", "malformed request");
      else response.end();
    });
  });

  return {
    issuer,
    misbehave: (next) => {
      misbehaviour = next;
    },
    useResident: (next) => {
      resident = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
