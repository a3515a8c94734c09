import type { KeyStoreError } from "../keys/key-store.port.ts";
import type { MailError } from "../notifications/mailer.port.ts";
import type { PaymentError } from "../payments/payment-gateway.port.ts";
import type { SignatureError } from "../signatures/signature-verifier.port.ts";
import type { StorageError } from "./storage.errors.ts";

/** Infrastructure errors of the ports; they have a `reason` but no `code` of their own. */
export type PortError = StorageError | SignatureError | PaymentError | KeyStoreError | MailError;

const PORT_PREFIX: { readonly [T in PortError["_tag"]]: string } = {
  StorageError: "storage",
  SignatureError: "signature",
  PaymentError: "payment",
  KeyStoreError: "key_store",
  MailError: "mail",
};

/**
 * The stable code of any error of core: a domain error's own `code`
 * (`application.not_withdrawable`), or `<port>.<reason>` for a port error (`payment.declined`,
 * `storage.unavailable`). Apps map codes to HTTP statuses and messages.
 */
export const errorCode = (error: PortError | { readonly code: string }): string =>
  "code" in error ? error.code : `${PORT_PREFIX[error._tag]}.${error.reason}`;
