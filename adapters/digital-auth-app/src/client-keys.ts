import { exportJWK, generateKeyPair, type JWK } from "jose";

/** A relying party's key pairs for the app: `private_key_jwt` (ES256) and the sign result's JWE (ECDH-ES P-256). */
export interface DigitalAuthAppClientKeys {
  readonly clientAuthenticationKey: JWK;
  readonly clientAuthenticationPublicKey: JWK;
  readonly resultDecryptionKey: JWK;
  readonly resultEncryptionPublicKey: JWK;
}

/**
 * Generates the client's keys (the public halves are what one registers with the provider, or gives
 * the stub). The reference app generates them at first start for the stub; a production deployment
 * brings the keys it registered with the Digital Agency.
 */
export const generateClientKeys = async (): Promise<DigitalAuthAppClientKeys> => {
  const auth = await generateKeyPair("ES256", { extractable: true });
  const enc = await generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
  const kid = `madoguchi-${crypto.randomUUID()}`;
  return {
    clientAuthenticationKey: { ...(await exportJWK(auth.privateKey)), kid, alg: "ES256" },
    clientAuthenticationPublicKey: { ...(await exportJWK(auth.publicKey)), kid, alg: "ES256", use: "sig" },
    resultDecryptionKey: { ...(await exportJWK(enc.privateKey)), alg: "ECDH-ES" },
    resultEncryptionPublicKey: { ...(await exportJWK(enc.publicKey)), alg: "ECDH-ES", use: "enc" },
  };
};
