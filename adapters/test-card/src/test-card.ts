/**
 * The software stand-in for a My Number card's signature side (署名用電子証明書 and its key), and the
 * test CA that issues it. Plain immutable data: functions return a new card, the caller persists it.
 */

/** Number of wrong signature passwords a JPKI card accepts before it locks itself. */
export const SIGNATURE_PASSWORD_TRIES = 5;

/** A test certification authority shaped like the JPKI signature CA. */
export interface TestCa {
  readonly certificatePem: string;
  readonly privateKeyPkcs8Pem: string;
}

/** Sex code of the JPKI basic information: 1 male, 2 female, 3 not known (unconfirmed). */
export type JpkiSex = "1" | "2" | "3";

/** The 4 basic information items (基本4情報) written into the certificate's subjectAltName. */
export interface BasicInfo {
  /** 氏名, may contain MJ characters such as 髙 or 𠮷. */
  readonly name: string;
  /** 氏名代替文字: the name with 外字 replaced (not a kana reading). */
  readonly nameSubstitute: string;
  readonly sex: JpkiSex;
  /** `EYYYYMMDD`: an era digit followed by the Gregorian date, e.g. `419900102`. */
  readonly dateOfBirth: string;
  /** 住所 */
  readonly address: string;
  /** 住所代替文字 */
  readonly addressSubstitute: string;
}

/** Wrong authentication PINs a JPKI card accepts before it locks the authentication key. */
export const AUTHENTICATION_PIN_TRIES = 3;

/** The user-authentication side (利用者証明用電子証明書): no 4-info, a 4-digit PIN with 3 tries. */
export interface TestCardAuthentication {
  readonly certificatePem: string;
  readonly privateKeyPkcs8Pem: string;
  /** scrypt hash of the 4-digit PIN. */
  readonly pinHash: string;
  readonly triesLeft: number;
  readonly locked: boolean;
  /** The authentication key, when the card was issued with one (older card files have none). */
  readonly authentication?: TestCardAuthentication;
}

/** A test card: certificate, private key and the signature password counter. */
export interface TestCard {
  /** Signature certificate (署名用電子証明書), PEM. */
  readonly certificatePem: string;
  /** Its RSA private key, PKCS#8 PEM. A real card never lets it out; the test card stores it. */
  readonly privateKeyPkcs8Pem: string;
  /** scrypt hash of the signature password (see `signature-password.ts`). */
  readonly passwordHash: string;
  /** Wrong passwords still allowed before the card locks. */
  readonly triesLeft: number;
  readonly locked: boolean;
  /** The authentication key, when the card was issued with one (older card files have none). */
  readonly authentication?: TestCardAuthentication;
}
