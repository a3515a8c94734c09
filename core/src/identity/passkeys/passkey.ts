/**
 * A passkey (WebAuthn public-key credential) registered to an account: the phishing-resistant second
 * factor — or sole factor — SECURITY.md asks to offer residents and staff (NIST SP 800-63B-4 AAL2/AAL3).
 * Only public data: the authenticator keeps the private key. Store it with the account; the
 * credential id is the lookup key.
 */
export interface Passkey {
  /** The credential id the authenticator chose, base64url (≤ 1023 bytes decoded, WebAuthn §5.4.3). */
  readonly credentialId: string;
  /** The credential public key as a COSE_Key, base64url. */
  readonly publicKey: string;
  /** The signature counter last seen; 0 for authenticators that do not count (most synced passkeys). */
  readonly signCount: number;
  /** Transport hints for the browser (`internal`, `hybrid`, `usb` …), as the authenticator reported them. */
  readonly transports: readonly string[];
  /** Whether the credential may be synced to other devices (backup eligible, BE flag). */
  readonly backupEligible: boolean;
  /** A name the person gives it ("iPhone", "職場のセキュリティキー") to tell passkeys apart in settings. */
  readonly label: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

/** The user handle WebAuthn stores with a discoverable credential: the account id, never an email or name. */
export interface PasskeyUser {
  /** The account's stable id (base64url of its bytes goes to the authenticator). */
  readonly accountId: string;
  /** What the authenticator shows in its account chooser: the login id or a masked email. */
  readonly name: string;
  readonly displayName: string;
}
