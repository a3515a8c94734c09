import type { Result, ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";
import type { Brand } from "../../shared/ids.ts";

/** Contract id of {@link TotpAuthenticator}. */
export const TOTP_AUTHENTICATOR_CONTRACT = "totp-authenticator@1" as const;

/**
 * A TOTP shared secret, base32 (RFC 4648, upper case, no padding), at least 160 bits (RFC 4226 §4).
 * It is a credential: store it encrypted (envelope encryption, like personal data) and never log it.
 */
export type TotpSecret = Brand<string, "TotpSecret">;
/** Marks a string as a {@link TotpSecret} (no check: adapters return valid ones; decode stored ones with care). */
export const TotpSecret = (s: string): TotpSecret => s as TotpSecret;

/** What an enrolment page shows once: the `otpauth://` URI and the same as a QR code. */
export interface TotpProvisioning {
  /** `otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`. */
  readonly uri: string;
  /** The URI as a QR code, an SVG document (scalable, no raster library in the browser). */
  readonly qrSvg: string;
  /** The URI as a QR code, a `data:image/png;base64,…` URL (for an `<img>`, or e-mail-less print). */
  readonly qrDataUrl: string;
}

/** Who the secret is for, as the authenticator app will show it. */
export interface TotpLabel {
  /** The service, e.g. `"千代田区 madoguchi"`. */
  readonly issuer: string;
  /** The account, e.g. the login id — not the person's name or email (the app may back it up). */
  readonly accountName: string;
}

/** Failure of a {@link TotpAuthenticator}. Never carries the secret or a code. */
export interface TotpError {
  readonly _tag: "TotpError";
  /** `invalid_secret`: the stored secret is not base32 of ≥ 160 bits; `unavailable`: QR rendering or the library failed. */
  readonly reason: "invalid_secret" | "unavailable";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: the mechanics of TOTP (RFC 6238 with SHA-1, 6 digits, 30 s) — secrets, the code of a given
 * time step, enrolment URIs and QR codes. The *policy* (which steps are accepted, each code once)
 * is core's: see `verifyTotpCode`.
 */
export interface TotpAuthenticator {
  readonly meta: AdapterMeta;
  /** A fresh 160-bit secret from a CSPRNG. */
  generateSecret(): TotpSecret;
  /** The 6-digit code of `secret` at RFC 6238 time step `timeStep` (the HOTP counter), zero-padded. */
  codeAt(secret: TotpSecret, timeStep: number): Result<string, TotpError>;
  /** The `otpauth://` URI and QR codes for enrolling `secret` in an authenticator app. */
  provisioning(secret: TotpSecret, label: TotpLabel): ResultAsync<TotpProvisioning, TotpError>;
  healthCheck(): ResultAsync<void, TotpError>;
}
