import type * as pkijs from "pkijs";
import { RSA_ENCRYPTION, type HashName } from "./algorithms.ts";

/** A fresh `ArrayBuffer` with the bytes of `view` (WebCrypto rejects views over shared pools in types). */
export const toArrayBuffer = (view: Uint8Array): ArrayBuffer => {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
};

/** Digest of `data` with `hash`. */
export const digest = async (hash: HashName, data: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await globalThis.crypto.subtle.digest(hash, toArrayBuffer(data)));

/**
 * Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature with `hash` over `data` by the key in
 * `spki`. A key that is not RSA verifies nothing (`false`): this verifier supports the JPKI algorithms
 * only, and a non-RSA issuer candidate is simply not the issuer.
 */
export const verifyRsaPkcs1 = async (
  spki: pkijs.PublicKeyInfo,
  hash: HashName,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> => {
  if (spki.algorithm.algorithmId !== RSA_ENCRYPTION) return false;
  const key = await globalThis.crypto.subtle.importKey(
    "spki",
    spki.toSchema().toBER(false),
    { name: "RSASSA-PKCS1-v1_5", hash },
    false,
    ["verify"],
  );
  return globalThis.crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, toArrayBuffer(signature), toArrayBuffer(data));
};
