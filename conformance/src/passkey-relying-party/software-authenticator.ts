import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { encode } from "cbor2";

/** How a test wants the authenticator or the browser to misbehave for one ceremony. */
export interface CeremonyTwist {
  /** The `type` in client data (a `.get` answer to a `.create` ceremony …). */
  readonly type?: string;
  readonly challenge?: string;
  /** The origin the browser reports (a phishing site's). */
  readonly origin?: string;
  /** The RP id whose hash goes into the authenticator data. */
  readonly rpId?: string;
  /** Clear the user-verified flag (the authenticator only checked presence). */
  readonly userVerified?: boolean;
  /** Override the signature counter. */
  readonly signCount?: number;
  /** Sign with another key (a forged assertion). */
  readonly signingKey?: KeyObject;
}

/** A credential the software authenticator holds. */
export interface SoftwareCredential {
  readonly id: string;
  readonly privateKey: KeyObject;
  readonly userHandle: string;
  signCount: number;
}

const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string): Buffer => createHash("sha256").update(data).digest();

/** UP (user present), UV (user verified), AT (attested credential data included). */
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

/** The COSE_Key (RFC 9053) of a P-256 public key: kty EC2, alg ES256, crv P-256, x, y. */
const coseKey = (publicKey: KeyObject): Uint8Array => {
  const jwk = publicKey.export({ format: "jwk" });
  return encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      // Plain Uint8Arrays: cbor2 would tag a Buffer subclass as a typed array (RFC 8746), not a byte string.
      [-2, new Uint8Array(Buffer.from(jwk.x ?? "", "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y ?? "", "base64url"))],
    ]),
  );
};

const counterBytes = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/**
 * A software WebAuthn authenticator and browser, written from the WebAuthn Level 3 and CTAP2
 * specifications independently of any adapter: it makes ES256 credentials, `none` attestations and
 * assertions exactly as a platform authenticator would, and can be told to misbehave. The suite uses
 * it so that what an adapter accepts is what real authenticators send.
 */
export const createSoftwareAuthenticator = (defaults: { readonly rpId: string; readonly origin: string }) => {
  const credentials = new Map<string, SoftwareCredential>();

  const clientData = (type: string, challenge: string, twist: CeremonyTwist): Buffer =>
    Buffer.from(JSON.stringify({ type: twist.type ?? type, challenge: twist.challenge ?? challenge, origin: twist.origin ?? defaults.origin, crossOrigin: false }), "utf8");

  const flags = (twist: CeremonyTwist, extra = 0) => FLAG_UP | (twist.userVerified === false ? 0 : FLAG_UV) | extra;

  return {
    credentials,
    /** `navigator.credentials.create()` with the options an adapter made: a RegistrationResponseJSON. */
    register(options: Readonly<Record<string, unknown>>, twist: CeremonyTwist = {}) {
      const challenge = String(options["challenge"]);
      const user = options["user"] as { id: string };
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const id = randomBytes(16);
      const signCount = twist.signCount ?? 0;
      credentials.set(b64url(id), { id: b64url(id), privateKey, userHandle: user.id, signCount });
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const authData = Buffer.concat([
        sha256(twist.rpId ?? defaults.rpId),
        Buffer.from([flags(twist, FLAG_AT)]),
        counterBytes(signCount),
        Buffer.alloc(16), // AAGUID: zeros for `none` attestation
        idLength,
        id,
        coseKey(publicKey),
      ]);
      const attestationObject = encode({ fmt: "none", attStmt: {}, authData: new Uint8Array(authData) });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: "public-key",
        response: {
          clientDataJSON: b64url(clientData("webauthn.create", challenge, twist)),
          attestationObject: b64url(attestationObject),
          transports: ["internal"],
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
    /** `navigator.credentials.get()` with the options an adapter made: an AuthenticationResponseJSON. */
    authenticate(options: Readonly<Record<string, unknown>>, credentialId: string, twist: CeremonyTwist = {}) {
      const credential = credentials.get(credentialId);
      if (credential === undefined) throw new Error("the software authenticator holds no such credential");
      credential.signCount = twist.signCount ?? credential.signCount + 1;
      const authData = Buffer.concat([sha256(twist.rpId ?? defaults.rpId), Buffer.from([flags(twist)]), counterBytes(credential.signCount)]);
      const data = clientData("webauthn.get", String(options["challenge"]), twist);
      const signature = sign("sha256", Buffer.concat([authData, sha256(data)]), twist.signingKey ?? credential.privateKey);
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        response: {
          clientDataJSON: b64url(data),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
        authenticatorAttachment: "platform",
      };
    },
  };
};

export type SoftwareAuthenticator = ReturnType<typeof createSoftwareAuthenticator>;
