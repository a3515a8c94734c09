import { errAsync, okAsync, ResultAsync, type Result } from "neverthrow";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { decodeAttestationObject, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import {
  PASSKEY_RELYING_PARTY_CONTRACT,
  passkeyRejected,
  type Passkey,
  type PasskeyCeremony,
  type PasskeyError,
  type PasskeyRejected,
  type PasskeyRelyingParty,
} from "@madoguchi/core";
import { checkCeremony, decodeOrMalformed, fromBase64Url } from "./check-ceremony.ts";
import { decodeRelyingPartyOptions, type WebAuthnRelyingPartyOptions } from "./relying-party.options.ts";
import { isCanonicalDerEcdsaSignature, signsWithEcdsa } from "./strict-der-signature.ts";
import { AuthenticationResponse, RegistrationResponse } from "./webauthn-response.schema.ts";

/** ES256 (P-256) and EdDSA (Ed25519), and RS256 for Windows Hello: what platform authenticators make. */
const SUPPORTED_ALGORITHMS = [-8, -7, -257];
const CEREMONY_TIMEOUT_MS = 300_000;

const unavailable = (operation: string) => (cause: unknown): PasskeyError => ({
  _tag: "PasskeyError",
  reason: "unavailable",
  operation,
  retryable: false,
  message: `WebAuthn library failed: ${cause instanceof Error ? cause.name : "error"}`,
});

/** The library throws for what our checks did not already name: read as a failed verification. */
const verificationFailed =
  (fallback: PasskeyRejected["reason"]) =>
  (cause: unknown): PasskeyRejected =>
    passkeyRejected(cause instanceof Error && /counter/i.test(cause.message) ? "counter_regressed" : fallback);

const ceremony = (options: { challenge: string } & object): PasskeyCeremony => ({
  challenge: options.challenge,
  options: options as Readonly<Record<string, unknown>>,
});

/**
 * Creates the {@link PasskeyRelyingParty} on `@simplewebauthn/server` (WebAuthn Level 3, attestation
 * formats none/packed/tpm/apple/android, COSE keys). Our own checks run first on the parts that need no
 * key — client data type, challenge, origin, RP id hash, user presence and verification — so that each
 * failure has its reason; the library then verifies the attestation or the signature. Attestation is
 * not requested (`none`): we need the key, not the make of the device, and asking for it deters people.
 */
export const createWebAuthnRelyingParty = (input: WebAuthnRelyingPartyOptions): PasskeyRelyingParty => {
  const options = decodeRelyingPartyOptions(input);
  const expect = (type: "webauthn.create" | "webauthn.get", challenge: string) => ({
    type,
    challenge,
    origins: options.origins,
    rpId: options.rpId,
  });

  return {
    meta: { contract: PASSKEY_RELYING_PARTY_CONTRACT, name: "simplewebauthn", capabilities: new Set() },

    registrationOptions: ({ user, exclude, challenge }) =>
      ResultAsync.fromPromise(
        generateRegistrationOptions({
          // Bytes, not the string: the library would UTF-8-encode a string and base64url that.
          challenge: fromBase64Url(challenge),
          rpName: options.rpName,
          rpID: options.rpId,
          userName: user.name,
          userDisplayName: user.displayName,
          userID: new TextEncoder().encode(user.accountId),
          timeout: CEREMONY_TIMEOUT_MS,
          attestationType: "none",
          excludeCredentials: exclude.map((p) => ({ id: p.credentialId, transports: [...p.transports] })),
          authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
          supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
        }),
        unavailable("passkey.registrationOptions"),
      ).map(ceremony),

    verifyRegistration: ({ response, expectedChallenge, label, now }) => {
      const decoded = decodeOrMalformed(RegistrationResponse, response);
      if (decoded.isErr()) return errAsync(decoded.error);
      const registration = decoded.value;
      let authData: Uint8Array<ArrayBuffer>;
      try {
        authData = decodeAttestationObject(fromBase64Url(registration.response.attestationObject)).get("authData");
      } catch {
        return errAsync(passkeyRejected("malformed"));
      }
      const checked = checkCeremony(registration.response.clientDataJSON, authData, expect("webauthn.create", expectedChallenge));
      if (checked.isErr()) return errAsync(checked.error);
      const parsed = safeParse(authData);
      if (parsed === null || parsed.credentialPublicKey === undefined) return errAsync(passkeyRejected("malformed"));
      return ResultAsync.fromPromise(
        verifyRegistrationResponse({
          response: registration as never,
          expectedChallenge,
          expectedOrigin: [...options.origins],
          expectedRPID: options.rpId,
          requireUserVerification: true,
          supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
        }),
        (cause) => passkeyRejected(cause instanceof Error && /alg/i.test(cause.message) ? "unsupported_algorithm" : "malformed"),
      ).andThen((verified): Result<Passkey, PasskeyRejected> | ResultAsync<Passkey, PasskeyRejected> => {
        if (!verified.verified) return errAsync(passkeyRejected("signature_invalid"));
        const info = verified.registrationInfo;
        return okAsync({
          credentialId: info.credential.id,
          publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
          signCount: info.credential.counter,
          transports: registration.response.transports ?? [],
          backupEligible: info.credentialDeviceType === "multiDevice",
          label,
          createdAt: now,
          lastUsedAt: null,
        });
      });
    },

    authenticationOptions: ({ allow, challenge }) =>
      ResultAsync.fromPromise(
        generateAuthenticationOptions({
          challenge: fromBase64Url(challenge),
          rpID: options.rpId,
          timeout: CEREMONY_TIMEOUT_MS,
          userVerification: "required",
          allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: [...p.transports] })),
        }),
        unavailable("passkey.authenticationOptions"),
      ).map(ceremony),

    credentialIdOf: (response) => decodeOrMalformed(AuthenticationResponse, response).map((r) => r.id),

    verifyAuthentication: ({ response, expectedChallenge, passkey }) => {
      const decoded = decodeOrMalformed(AuthenticationResponse, response);
      if (decoded.isErr()) return errAsync(decoded.error);
      const assertion = decoded.value;
      if (assertion.id !== passkey.credentialId || assertion.rawId !== passkey.credentialId) return errAsync(passkeyRejected("unknown_credential"));
      const checked = checkCeremony(assertion.response.clientDataJSON, fromBase64Url(assertion.response.authenticatorData), expect("webauthn.get", expectedChallenge));
      if (checked.isErr()) return errAsync(checked.error);
      const publicKey = fromBase64Url(passkey.publicKey);
      // One encoding per signature: an ECDSA signature that is not canonical DER is refused before the library,
      // which would ignore its framing (strict-der-signature.ts).
      if (signsWithEcdsa(publicKey) && !isCanonicalDerEcdsaSignature(fromBase64Url(assertion.response.signature))) return errAsync(passkeyRejected("signature_invalid"));
      return ResultAsync.fromPromise(
        verifyAuthenticationResponse({
          response: assertion as never,
          expectedChallenge,
          expectedOrigin: [...options.origins],
          expectedRPID: options.rpId,
          requireUserVerification: true,
          credential: { id: passkey.credentialId, publicKey, counter: passkey.signCount, transports: [...passkey.transports] as never },
        }),
        verificationFailed("signature_invalid"),
      ).andThen((verified) =>
        verified.verified ? okAsync({ signCount: verified.authenticationInfo.newCounter }) : errAsync(passkeyRejected("signature_invalid")),
      );
    },

    healthCheck: () => okAsync(undefined),
  };
};

const safeParse = (authData: Uint8Array<ArrayBuffer>) => {
  try {
    return parseAuthenticatorData(authData);
  } catch {
    return null;
  }
};
