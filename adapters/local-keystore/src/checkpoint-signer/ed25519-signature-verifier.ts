import { createPublicKey, verify } from "node:crypto";
import type { CheckpointSignatureVerifier } from "@madoguchi/core";

/**
 * {@link CheckpointSignatureVerifier} with Node's Ed25519: public keys as SPKI DER in base64. Any
 * malformed key or signature is "not valid" (tampered data must be reported, not crash the check).
 */
export const ed25519SignatureVerifier: CheckpointSignatureVerifier = {
  verify: (publicKey: string, message: string, signature: string): boolean => {
    try {
      const key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
      return key.asymmetricKeyType === "ed25519" && verify(null, Buffer.from(message, "utf8"), key, Buffer.from(signature, "base64"));
    } catch {
      return false;
    }
  },
};
