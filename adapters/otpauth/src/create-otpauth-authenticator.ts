import { HOTP, Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { err, errAsync, ok, okAsync, ResultAsync, type Result } from "neverthrow";
import {
  TOTP_AUTHENTICATOR_CONTRACT,
  TOTP_POLICY,
  TotpSecret,
  type TotpAuthenticator,
  type TotpError,
  type TotpLabel,
  type TotpProvisioning,
} from "@madoguchi/core";
import { totpError } from "./totp.errors.ts";

/** 160-bit secrets: the HMAC-SHA-1 block-size-friendly length RFC 4226 §4 recommends. */
const SECRET_BYTES = 20;
/** Base32 of at least 160 bits: 32 characters, upper case, no padding. */
const SECRET_SHAPE = /^[A-Z2-7]{32,}$/;

/** Decodes a stored secret, refusing anything shorter than 160 bits or not canonical base32. */
const decodeSecret = (operation: string, secret: TotpSecret): Result<Secret, TotpError> => {
  if (!SECRET_SHAPE.test(secret)) return err(totpError(operation, "invalid_secret", "TOTP secret is not base32 of at least 160 bits"));
  try {
    return ok(Secret.fromBase32(secret));
  } catch {
    return err(totpError(operation, "invalid_secret", "TOTP secret cannot be decoded"));
  }
};

/** QR codes at error-correction level M (15 %): survives a smudged screen, stays small enough for a phone. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/**
 * Creates the {@link TotpAuthenticator} on `otpauth` (RFC 4226/6238, audited `@noble/hashes` HMAC)
 * and `qrcode`. Secrets come from the platform CSPRNG (`crypto.getRandomValues`, through otpauth's
 * `Secret`). The provisioning URI follows the Key Uri Format that Google Authenticator, Microsoft
 * Authenticator, 1Password and other authenticator apps read: `otpauth://totp/<issuer>:<account>?…`.
 */
export const createOtpauthAuthenticator = (): TotpAuthenticator => ({
  meta: { contract: TOTP_AUTHENTICATOR_CONTRACT, name: "otpauth", capabilities: new Set() },

  generateSecret: () => TotpSecret(new Secret({ size: SECRET_BYTES }).base32),

  codeAt: (secret, timeStep) =>
    decodeSecret("totp.codeAt", secret).map((s) =>
      HOTP.generate({ secret: s, algorithm: TOTP_POLICY.algorithm, digits: TOTP_POLICY.digits, counter: timeStep }),
    ),

  provisioning: (secret: TotpSecret, label: TotpLabel): ResultAsync<TotpProvisioning, TotpError> => {
    const decoded = decodeSecret("totp.provisioning", secret);
    if (decoded.isErr()) return errAsync(decoded.error);
    const uri = new TOTP({
      issuer: label.issuer,
      label: label.accountName,
      secret: decoded.value,
      algorithm: TOTP_POLICY.algorithm,
      digits: TOTP_POLICY.digits,
      period: TOTP_POLICY.periodSeconds,
    }).toString();
    return ResultAsync.fromPromise(
      Promise.all([QRCode.toString(uri, { ...QR_OPTIONS, type: "svg" }), QRCode.toDataURL(uri, { ...QR_OPTIONS, type: "image/png" })]),
      () => totpError("totp.provisioning", "unavailable", "QR code could not be rendered"),
    ).map(([qrSvg, qrDataUrl]) => ({ uri, qrSvg, qrDataUrl }));
  },

  // Computes RFC 6238's first SHA-1 vector (T = 59 s): proves the HMAC and truncation work here.
  healthCheck: () => {
    const secret = Secret.fromLatin1("12345678901234567890");
    return HOTP.generate({ secret, algorithm: "SHA1", digits: 8, counter: 1 }) === "94287082"
      ? okAsync(undefined)
      : errAsync(totpError("totp.healthCheck", "unavailable", "TOTP library does not reproduce RFC 6238 vectors"));
  },
});
