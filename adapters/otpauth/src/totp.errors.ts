import type { TotpError } from "@madoguchi/core";

/** Builds a {@link TotpError}. Fixed messages: never the secret, a code or the account label. */
export const totpError = (operation: string, reason: TotpError["reason"], message: string): TotpError => ({
  _tag: "TotpError",
  reason,
  operation,
  retryable: false,
  message,
});
