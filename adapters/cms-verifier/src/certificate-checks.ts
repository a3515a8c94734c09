import type { SignatureError } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import type * as pkijs from "pkijs";
import { KEY_USAGE, keyUsageBits } from "./certificate-facts.ts";
import { signatureError } from "./signature-error.ts";

/**
 * Every certificate of the path (signer first, anchor last) must be valid at `at`, bounds included
 * (RFC 5280 §4.1.2.5). The first failing certificate from the signer upwards decides the reason.
 */
export const checkValidity = (path: readonly pkijs.Certificate[], at: Date): Result<void, SignatureError> => {
  for (const [index, certificate] of path.entries()) {
    const which = index === 0 ? "the signer certificate" : "a CA certificate of the chain";
    if (at.getTime() < certificate.notBefore.value.getTime()) {
      return err(signatureError("not_yet_valid", `${which} is not yet valid at the verification time`));
    }
    if (at.getTime() > certificate.notAfter.value.getTime()) {
      return err(signatureError("expired", `${which} has expired at the verification time`));
    }
  }
  return ok(undefined);
};

/**
 * The signer's keyUsage must be present and include digitalSignature or nonRepudiation. Absence is
 * refused too: a JPKI signature certificate always carries the extension, marked critical.
 */
export const checkSignerKeyUsage = (signer: pkijs.Certificate): Result<void, SignatureError> => {
  const bits = keyUsageBits(signer);
  return bits !== null && (bits.includes(KEY_USAGE.digitalSignature) || bits.includes(KEY_USAGE.nonRepudiation))
    ? ok(undefined)
    : err(signatureError("wrong_key_usage", "the signer certificate is not for digital signatures"));
};
