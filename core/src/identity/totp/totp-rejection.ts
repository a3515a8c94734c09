/** Why a TOTP code was not accepted. Internal: all three answer the person alike ("the code is not valid"). */
export type TotpRejectionReason = "malformed" | "invalid" | "replayed" | "not_confirmed";

/** A TOTP code was not accepted (never carries the code). */
export interface TotpRejected {
  readonly _tag: "TotpRejected";
  readonly reason: TotpRejectionReason;
  /** Stable code, `totp.<reason>`. */
  readonly code: `totp.${TotpRejectionReason}`;
}

/** Builds a {@link TotpRejected}. */
export const totpRejected = (reason: TotpRejectionReason): TotpRejected => ({ _tag: "TotpRejected", reason, code: `totp.${reason}` });
