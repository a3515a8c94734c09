import { digitalAuthAppError, type DigitalAuthAppError, type DigitalAuthAppErrorReason } from "./digital-auth-app.errors.ts";
import { INVALID_GRANT_DESCRIPTIONS } from "./provider-fields.ts";

/** The links of an error's `cause` chain (openid-client wraps oauth4webapi's errors once or twice). */
const chain = (error: unknown): Record<string, unknown>[] => {
  const links: Record<string, unknown>[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === "object" && links.length < 6) {
    links.push(current as Record<string, unknown>);
    current = (current as { cause?: unknown }).cause;
  }
  return links;
};

const field = (links: Record<string, unknown>[], name: string): unknown =>
  links.map((link) => link[name]).find((value) => value !== undefined);

/** The reason an `invalid_grant` answer stands for, from its description (see provider-fields.ts). */
const invalidGrantReason = (description: string): DigitalAuthAppErrorReason => {
  if (INVALID_GRANT_DESCRIPTIONS.pkceMismatch.test(description)) return "pkce_mismatch";
  if (INVALID_GRANT_DESCRIPTIONS.codeReplayed.test(description)) return "code_replayed";
  return "code_rejected";
};

const claimReason = (claim: unknown): DigitalAuthAppErrorReason => {
  switch (claim) {
    case "nonce":
      return "nonce_mismatch";
    case "aud":
    case "azp":
      return "audience_mismatch";
    case "iss":
      return "issuer_mismatch";
    case "exp":
    case "iat":
      return "id_token_expired";
    default:
      return "claims_invalid";
  }
};

/**
 * The one boundary where openid-client's (and oauth4webapi's) exceptions become our closed reasons.
 * Our message names the reason only: the library's messages may quote claims (personal data).
 */
export const providerError = (operation: string, error: unknown): DigitalAuthAppError => {
  const links = chain(error);
  const codes = links.map((link) => link["code"]).filter((code): code is string => typeof code === "string");
  const messages = links.map((link) => link["message"]).filter((message): message is string => typeof message === "string");
  const make = (reason: DigitalAuthAppErrorReason) => digitalAuthAppError(operation, reason, `digital authentication app: ${reason}`, codes.join(","));

  const oauthError = field(links, "error");
  if (codes.includes("OAUTH_RESPONSE_BODY_ERROR") && oauthError === "invalid_grant") {
    const description = field(links, "error_description");
    return make(invalidGrantReason(typeof description === "string" ? description : ""));
  }
  if (oauthError === "invalid_client") return make("client_authentication_failed");
  if (codes.includes("OAUTH_AUTHORIZATION_RESPONSE_ERROR")) return make("access_denied");
  if (codes.includes("OAUTH_JWT_CLAIM_COMPARISON_FAILED") || codes.includes("OAUTH_JWT_TIMESTAMP_CHECK_FAILED")) {
    return make(claimReason(field(links, "claim")));
  }
  if (codes.includes("OAUTH_KEY_SELECTION_FAILED") || messages.some((message) => /signature verification failed/i.test(message))) {
    return make("id_token_signature_invalid");
  }
  if (messages.some((message) => /"state"/.test(message))) return make("state_mismatch");
  if (messages.some((message) => /"iss"/.test(message))) return make("issuer_mismatch");
  if (codes.includes("OAUTH_INVALID_RESPONSE") || codes.includes("OAUTH_PARSE_ERROR")) return make("claims_invalid");
  return make("unavailable");
};
