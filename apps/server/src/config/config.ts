import { availableParallelism } from "node:os";
import { isAbsolute } from "node:path";
import { parseClamdAddress, type ClamdAddress } from "@madoguchi/adapter-clamd";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import {
  DEFAULT_APPLICATION_RETENTION_MONTHS,
  DEFAULT_AUDIT_RETENTION_MONTHS,
  MAX_APPLICATION_RETENTION_MONTHS,
  MIN_APPLICATION_RETENTION_MONTHS,
  parseCardFeeRate,
  type CardBrand,
  type CardFeeRateBasisPoints,
} from "@madoguchi/core";
import { parseAddressList, type AddressList } from "../network/address-list.ts";
import { cardBrandsOrDefault, DEFAULT_CARD_BRANDS, parseCardBrands } from "./card-brands.ts";

/**
 * Deployment configuration, decoded once from the environment at start. Every variable has a default
 * that makes `npm start` work on a fresh machine (the embedded profile: SQLite file, dev inbox,
 * local sandbox gateway, test card).
 */
const Port = Schema.NumberFromString.pipe(
  Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 65535 })),
);

const EnvSchema = Schema.Struct({
  PORT: Schema.optional(Port),
  HOST: Schema.optional(Schema.String),
  MADOGUCHI_PROFILE: Schema.optional(Schema.Literals(["embedded", "scale"])),
  MADOGUCHI_DATA_DIR: Schema.optional(Schema.String),
  /** `sqlite` (default, a file under the data dir), `sqlite:<path>`, a `postgres://` URL, or `memory` (nothing kept). */
  MADOGUCHI_DATABASE: Schema.optional(Schema.String),
  MADOGUCHI_CATALOG_FILE: Schema.optional(Schema.String),
  /** Port of the embedded sandbox gateway (default PORT + 1; 0 = any free port). */
  MADOGUCHI_SANDBOX_PORT: Schema.optional(Port),
  /** Use an already running gateway instead of starting the embedded sandbox. */
  MADOGUCHI_PAYMENT_URL: Schema.optional(Schema.String),
  MADOGUCHI_PAYMENT_SECRET_KEY: Schema.optional(Schema.String),
  /** With MADOGUCHI_PAYMENT_URL: the secret that gateway signs its webhooks with (≥ 16 characters; none: no webhooks). */
  MADOGUCHI_PAYMENT_WEBHOOK_SECRET: Schema.optional(Schema.String.check(Schema.isMinLength(16))),
  /** `sandbox` (default: embedded, or MADOGUCHI_PAYMENT_URL) or `stripe` (docs/adr/0028-real-payment-gateway.md). */
  MADOGUCHI_PAYMENT_GATEWAY: Schema.optional(Schema.Literals(["sandbox", "stripe"])),
  /** With `stripe`: the JSON file of its keys (secret, publishable, webhook signing secrets), mode 600. */
  MADOGUCHI_STRIPE_KEYS_FILE: Schema.optional(Schema.String),
  /** With `stripe`: where Stripe's 3-D Secure frame returns after the challenge (default: the first public origin + /payments/stripe-3ds-complete.html). */
  MADOGUCHI_STRIPE_RETURN_URL: Schema.optional(Schema.String),
  /** With `stripe`: the API base (default https://api.stripe.com; tests point it at the contract server). */
  MADOGUCHI_STRIPE_API_BASE: Schema.optional(Schema.String),
  /** With `stripe`: where the browser loads Stripe.js (default https://js.stripe.com/v3/; only a loopback URL otherwise, for tests). */
  MADOGUCHI_STRIPE_JS_URL: Schema.optional(Schema.String),
  MADOGUCHI_MAILER: Schema.optional(Schema.Literals(["dev-inbox", "smtp"])),
  MADOGUCHI_SMTP_HOST: Schema.optional(Schema.String),
  MADOGUCHI_SMTP_PORT: Schema.optional(Port),
  MADOGUCHI_MAIL_FROM: Schema.optional(Schema.String),
  /** Origins the resident's browser uses (comma-separated), for the payment iframe's parent check. */
  MADOGUCHI_PUBLIC_ORIGINS: Schema.optional(Schema.String),
  MADOGUCHI_OUTBOX_INTERVAL_MS: Schema.optional(Schema.NumberFromString),
  MADOGUCHI_PAYMENT_SWEEP_INTERVAL_MS: Schema.optional(Schema.NumberFromString),
  MADOGUCHI_CATALOG_REFRESH_INTERVAL_MS: Schema.optional(Schema.NumberFromString),
  /** S9 file integration: the directory new applications are written to as CSV for the back-office systems (absolute path; unset: off). */
  MADOGUCHI_EXPORT_DIR: Schema.optional(Schema.String),
  /** How often that directory gets the applications submitted since the last file (default 15 minutes, at least 10 s). */
  MADOGUCHI_EXPORT_INTERVAL_MS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(10_000)))),
  /** The files' encoding: `shift_jis` (Windows-31J, the default: what municipal systems read) or `utf-8`. */
  MADOGUCHI_EXPORT_ENCODING: Schema.optional(Schema.Literals(["shift_jis", "utf-8"])),
  MADOGUCHI_STAFF_REMINDER_DAYS: Schema.optional(Schema.NumberFromString),
  /** How long audit log segments are kept, in months (default 36 = 3 years; set by an administrator). */
  MADOGUCHI_AUDIT_RETENTION_MONTHS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 1200 })))),
  /** How long finished applications are kept, in months (default 12; an administrator may set 6–120). */
  MADOGUCHI_APPLICATION_RETENTION_MONTHS: Schema.optional(
    Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: MIN_APPLICATION_RETENTION_MONTHS, maximum: MAX_APPLICATION_RETENTION_MONTHS }))),
  ),
  /** How often finished applications past their retention are deleted (default one hour). */
  MADOGUCHI_RETENTION_INTERVAL_MS: Schema.optional(Schema.NumberFromString),
  /** N3: where the database's daily backups go (SQLite copies or pg_dump archives; default <data dir>/backups; put it on another volume). */
  MADOGUCHI_BACKUP_DIR: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(1000)))),
  /** How many verified backups are kept (default 7 daily generations). */
  MADOGUCHI_BACKUP_GENERATIONS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 366 })))),
  /** A backup is taken when the newest is this old (default one day), checked hourly. */
  MADOGUCHI_BACKUP_EVERY_MS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)))),
  /** N5: the security contacts mailed on a security alert, comma-separated (default none: audit log and log only). */
  MADOGUCHI_SECURITY_ALERT_EMAILS: Schema.optional(
    Schema.String.pipe(Schema.check(Schema.isMaxLength(2000), Schema.isPattern(/^\s*$|^[^\s@,]+@[^\s@,]+(\s*,\s*[^\s@,]+@[^\s@,]+)*\s*$/))),
  ),
  /** How often the audit log is watched for security events (default 5 minutes). */
  MADOGUCHI_SECURITY_ALERT_INTERVAL_MS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1000)))),
  /** Consecutive failed staff logins before the account locks (default 10). */
  MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 3, maximum: 100 })))),
  /** The message (banner) shown at staff login, in Japanese and in English (default none). */
  MADOGUCHI_STAFF_LOGIN_MESSAGE_JA: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(2000)))),
  MADOGUCHI_STAFF_LOGIN_MESSAGE_EN: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(2000)))),
  /** How often audit checkpoints are signed and retention runs, in ms (default 1 hour). */
  MADOGUCHI_AUDIT_INTERVAL_MS: Schema.optional(Schema.NumberFromString),
  /** Port of the staff listener (LGWAN side; default PORT + 2; 0 = any free port). */
  MADOGUCHI_STAFF_PORT: Schema.optional(Port),
  /** Interface the staff listener binds to (default HOST). */
  MADOGUCHI_STAFF_HOST: Schema.optional(Schema.String),
  /** CIDR ranges allowed to reach the staff listener, comma-separated (default loopback only). */
  MADOGUCHI_STAFF_ALLOWED_CIDRS: Schema.optional(Schema.String),
  /** Reverse proxies in front of the staff listener whose X-Forwarded-For is believed (default none). */
  MADOGUCHI_STAFF_TRUSTED_PROXIES: Schema.optional(Schema.String),
  /** The WebAuthn relying party id passkeys are scoped to (default: the host of the first public origin). */
  MADOGUCHI_PASSKEY_RP_ID: Schema.optional(Schema.String),
  /** Secret (base64, ≥ 32 bytes) binding passkey challenges to sessions; the same on every instance (default: random per process). */
  MADOGUCHI_CEREMONY_SECRET: Schema.optional(Schema.String),
  /**
   * Resident login with the Digital Authentication App (docs/adr/0023-digital-authentication-app.md):
   * `stub` (a loopback stand-in, the embedded profile's default), `provider` (the real one, with the
   * three variables below), or `off` (the scale profile's default).
   */
  MADOGUCHI_DIGITAL_AUTH_APP: Schema.optional(Schema.Literals(["stub", "provider", "off"])),
  MADOGUCHI_DIGITAL_AUTH_APP_ISSUER: Schema.optional(Schema.String),
  MADOGUCHI_DIGITAL_AUTH_APP_CLIENT_ID: Schema.optional(Schema.String),
  /** JSON file (0600) with the private JWKs `clientAuthenticationKey` and `resultDecryptionKey` registered with the provider. */
  MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE: Schema.optional(Schema.String),
  /** An export of more rows than this needs a second staff member's approval (default 100; 0: every non-empty export). */
  MADOGUCHI_EXPORT_APPROVAL_THRESHOLD: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 1_000_000 })))),
  /** Fee changes that move the amount by more than this many yen need a second person (ADR 26; default 3000). */
  MADOGUCHI_FEE_APPROVAL_THRESHOLD: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })))),
  /** The payment agent's card fee, a percent with at most two decimals (default "3.5"), for the settlement report. */
  MADOGUCHI_CARD_FEE_RATE: Schema.optional(Schema.String),
  /** Card brands accepted, comma-separated (default "visa,mastercard,jcb"; add amex, diners): ADR 29. */
  MADOGUCHI_CARD_BRANDS: Schema.optional(Schema.String),
  /**
   * Real JPKI trust anchors (README "JPKI trust anchors and CRLs"): a directory of CA certificates (PEM)
   * and `pins.json` naming each one's purpose, generation and SHA-256 pin. Unset: the test CA.
   */
  MADOGUCHI_JPKI_TRUST_ANCHORS: Schema.optional(Schema.String),
  /** Directory of the JPKI CRLs (DER or PEM) a registered signature verifier downloads; read on every check. */
  MADOGUCHI_JPKI_CRL_DIR: Schema.optional(Schema.String),
  /** OCSP responder (http/https) for the JPKI certificates, e.g. the platform provider's (ADR 22 "OCSP"); with a CRL dir too, the CRLs are the fallback. */
  MADOGUCHI_JPKI_OCSP_URL: Schema.optional(Schema.String),
  /** `required` (default): a response must echo our nonce; `optional`: a pre-produced response without one is accepted (a wrong nonce never). */
  MADOGUCHI_JPKI_OCSP_NONCE: Schema.optional(Schema.Literals(["required", "optional"])),
  /** The no-writing counter's OCR templates: a directory of template JSON files and their reference images (default: the ones `@madoguchi/ocr-engine` ships). */
  MADOGUCHI_OCR_TEMPLATES_DIR: Schema.optional(Schema.String),
  /** Recogniser workers of the counter's OCR (default 2: a page's fields are read in parallel). */
  MADOGUCHI_OCR_WORKERS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 16 })))),
  /** N1: worker threads that check residents' JPKI signatures off the main thread (0: on it; default the cores but one, at most 4). */
  MADOGUCHI_SIGNATURE_WORKERS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 16 })))),
  /** The paper forms' layout files (`<id>.v<n>.json`; the highest version of each id is used; default `config/forms`). */
  MADOGUCHI_FORMS_DIR: Schema.optional(Schema.String),
  /** C5: the municipality's own header names of its resident-records export (JSON; default `config/resident-record-headers.json`, absent: none). */
  MADOGUCHI_RESIDENT_RECORD_HEADERS: Schema.optional(Schema.String),
  /** How many years the counter keeps its records (the printed forms and the scans), 3–10 (default 5; C8 asks 3–5). */
  MADOGUCHI_COUNTER_RETENTION_YEARS: Schema.optional(Schema.NumberFromString.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 3, maximum: 10 })))),
  /** The font the forms are printed in (default Debian's IPAmj明朝, `/usr/share/fonts/truetype/ipamj/ipamjm.ttf`). */
  MADOGUCHI_FORM_FONT: Schema.optional(Schema.String),
  /** N9: ClamAV's clamd that uploads are scanned with: `host:port` (`127.0.0.1:3310`, `[::1]:3310`) or the absolute path of its Unix socket. */
  MADOGUCHI_CLAMD: Schema.optional(Schema.String.pipe(Schema.check(Schema.isMaxLength(1000)))),
  /** `required`: refuse to start without MADOGUCHI_CLAMD; `off`: uploads are not scanned (the scale profile needs it said explicitly). */
  MADOGUCHI_MALWARE_SCAN: Schema.optional(Schema.Literals(["required", "off"])),
  LOG_LEVEL: Schema.optional(Schema.Literals(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
});

/** The decoded, defaulted configuration. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly profile: "embedded" | "scale";
  readonly dataDir: string;
  readonly database:
    | { readonly driver: "sqlite"; readonly path: string }
    | { readonly driver: "postgresql"; readonly url: string }
    | { readonly driver: "memory" };
  readonly catalogFile: string;
  readonly payment:
    /** `acceptedBrands`: the sandbox's hosted fields refuse other brands (`MADOGUCHI_CARD_BRANDS`, ADR 29). */
    | { readonly kind: "embedded-sandbox"; readonly port: number; readonly secretKey: string; readonly acceptedBrands: readonly CardBrand[] }
    | { readonly kind: "remote-sandbox"; readonly url: string; readonly secretKey: string; readonly webhookSecret: string | null }
    /** Stripe's API; its keys are read (and checked) from `keysFile` at start. */
    | {
        readonly kind: "stripe";
        readonly keysFile: string;
        /** Where Stripe's 3-D Secure frame returns; null: {@link STRIPE_3DS_RETURN_PATH} on the first public origin. */
        readonly returnUrl: string | null;
        readonly apiBase: string | null;
        readonly stripeJsUrl: string;
      };
  readonly mailer:
    | { readonly kind: "dev-inbox" }
    | { readonly kind: "smtp"; readonly host: string; readonly port: number; readonly from: string };
  readonly mailFrom: string;
  readonly publicOrigins: readonly string[];
  readonly outboxIntervalMs: number;
  /** How often the payment sweep re-reads recent authorisations from the gateway (default one hour). */
  readonly paymentSweepIntervalMs: number;
  /** How often procedures saved in the back office by another process are picked up (S6). */
  readonly catalogRefreshIntervalMs: number;
  /** S9: new applications written to a directory for the back-office systems, or null (off). */
  readonly fileExport: { readonly dir: string; readonly intervalMs: number; readonly encoding: "shift_jis" | "utf-8" } | null;
  /** S7: staff are reminded daily of applications not taken up after this many days (default 3). */
  readonly staffReminderDays: number;
  /** N5: who is mailed a security alert, and how often the audit log is watched. */
  readonly securityAlerts: { readonly recipients: readonly string[]; readonly intervalMs: number };
  /** N3: the database's backups (directory, generations kept, how often): SQLite copies, or pg_dump archives. */
  readonly backups: { readonly dir: string; readonly generations: number; readonly everyMs: number };
  /** The no-writing counter: OCR templates (null: the shipped ones), recogniser workers, form layouts and their font (null: the adapter's default), and how long records are kept. */
  readonly counter: { readonly templatesDir: string | null; readonly ocrWorkers: number; readonly formsDir: string; readonly recordHeadersFile: string; readonly formFont: string | null; readonly retentionYears: number; readonly retentionIntervalMs: number };
  /** S4: finished applications are kept this many months (while no administrator set it), checked every `intervalMs`. */
  readonly applicationRetention: { readonly months: number; readonly intervalMs: number };
  /** Audit log: retention in months and the interval of checkpoints and retention runs. */
  readonly audit: { readonly retentionMonths: number; readonly intervalMs: number };
  /** Staff login: lockout threshold and the login message (banner), ja/en. */
  readonly staffLogin: { readonly lockoutThreshold: number; readonly message: { readonly ja: string; readonly en: string } };
  /**
   * The staff surface (back office, audit log) on its own listener, reachable only from the allowed
   * ranges (the LGWAN side); the resident listener does not route it at all (docs/adr/0014-staff-listener.md).
   */
  readonly staffListener: {
    readonly port: number;
    readonly host: string;
    readonly allowed: AddressList;
    readonly trustedProxies: AddressList;
  };
  /** Passkeys: the relying party id and the secret of challenge binding (null: a random one per process). */
  readonly passkeys: { readonly rpId: string; readonly ceremonySecret: Uint8Array | null };
  /** The Digital Authentication App for resident login: off, the loopback stub, or a real provider. */
  readonly digitalAuthApp:
    | { readonly kind: "off" }
    | { readonly kind: "stub" }
    | { readonly kind: "provider"; readonly issuer: string; readonly clientId: string; readonly keysFile: string };
  /** Exports of more rows than this need a two-person approval (docs/adr/0024-two-person-approval.md). */
  readonly exportApprovalThreshold: number;
  /** Fee changes moving the amount by more than this many yen need a two-person approval (ADR 26). */
  readonly feeApprovalThreshold: number;
  /** The card fee rate of the settlement report, in basis points (350 = 3.5 %). */
  readonly cardFeeRate: CardFeeRateBasisPoints;
  /** Card brands the gateway accepts and the resident is shown (`MADOGUCHI_CARD_BRANDS`). */
  readonly cardBrands: readonly CardBrand[];
  /**
   * Whom signatures and card logins are verified against: the test CA of `<data>/test-card` (and its
   * CRL of revoked.json), or pinned JPKI CA generations with the CRLs of a directory, an OCSP responder,
   * or both (OCSP first, the CRLs as fallback: ADR 22 "OCSP"); at least one of the two.
   */
  /** N1: worker threads for signature checks (0: the main thread checks them). */
  readonly signatureWorkers: number;
  readonly jpkiTrust:
    | { readonly kind: "test-ca" }
    | {
        readonly kind: "pinned";
        readonly anchorsDir: string;
        readonly crlDir: string | null;
        readonly ocsp: { readonly url: string; readonly requireNonce: boolean } | null;
      };
  /**
   * N9: how uploads (counter scans, papers kept with a record, resident-records files) are scanned for malware:
   * with clamd at `address`, or not at all (`off`: the embedded profile without MADOGUCHI_CLAMD, or said explicitly).
   */
  readonly malwareScan: { readonly kind: "clamd"; readonly address: ClamdAddress } | { readonly kind: "off" };
  readonly logLevel: string;
}


/** Exports of up to 100 rows need only a step-up; larger ones a second person's approval. */
export const DEFAULT_EXPORT_APPROVAL_THRESHOLD = 100;
/** Fee changes of up to 3,000 yen either way need only a step-up; larger ones a second person's approval. */
export const DEFAULT_FEE_APPROVAL_THRESHOLD = 3000;
/** The card fee of designated payment agents is around 3.5 % (seed A 8(6)). */
export const DEFAULT_CARD_FEE_RATE = "3.5";

/** A configuration error names the variables that are wrong, never their values. */
export interface ConfigError {
  readonly _tag: "ConfigError";
  readonly message: string;
}

/** Decodes the environment into a {@link Config}. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Result<Config, ConfigError> => {
  const decoded = Schema.decodeUnknownResult(EnvSchema)(pickKnown(env), { errors: "all" });
  if (EffectResult.isFailure(decoded)) {
    return err({ _tag: "ConfigError", message: `invalid environment: ${String(decoded.failure)}` });
  }
  const e = decoded.success;
  const port = e.PORT ?? 3000;
  const dataDir = e.MADOGUCHI_DATA_DIR ?? "./data";
  const db = e.MADOGUCHI_DATABASE ?? "sqlite";
  const database: Config["database"] =
    db === "sqlite"
      ? { driver: "sqlite", path: `${dataDir}/madoguchi.sqlite` }
      : db === "memory"
        ? { driver: "memory" }
        : db.startsWith("postgres://") || db.startsWith("postgresql://")
        ? { driver: "postgresql", url: db }
        : db.startsWith("sqlite:")
          ? { driver: "sqlite", path: db.slice("sqlite:".length) }
          : { driver: "sqlite", path: "" };
  if (database.driver === "sqlite" && database.path === "") {
    return err({ _tag: "ConfigError", message: "MADOGUCHI_DATABASE must be `sqlite`, `sqlite:<path>`, `memory` or a postgres:// URL" });
  }
  const mailerKind = e.MADOGUCHI_MAILER ?? "dev-inbox";
  const mailFrom = e.MADOGUCHI_MAIL_FROM ?? "madoguchi@localhost";
  if (mailerKind === "smtp" && e.MADOGUCHI_SMTP_HOST === undefined) {
    return err({ _tag: "ConfigError", message: "MADOGUCHI_MAILER=smtp needs MADOGUCHI_SMTP_HOST" });
  }
  const staffListener = decodeStaffListener(e, port);
  if (typeof staffListener === "string") return err({ _tag: "ConfigError", message: staffListener });
  const ceremonySecret = e.MADOGUCHI_CEREMONY_SECRET === undefined ? null : new Uint8Array(Buffer.from(e.MADOGUCHI_CEREMONY_SECRET, "base64"));
  if (ceremonySecret !== null && ceremonySecret.length < 32) return err({ _tag: "ConfigError", message: "MADOGUCHI_CEREMONY_SECRET must be at least 32 bytes, base64-encoded" });
  const secretKey = e.MADOGUCHI_PAYMENT_SECRET_KEY ?? "sk_test_madoguchi_embedded";
  const publicOrigins =
    e.MADOGUCHI_PUBLIC_ORIGINS?.split(",").map((s) => s.trim()).filter((s) => s !== "") ??
    [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const digitalAuthAppKind = e.MADOGUCHI_DIGITAL_AUTH_APP ?? ((e.MADOGUCHI_PROFILE ?? "embedded") === "embedded" ? "stub" : "off");
  if (
    digitalAuthAppKind === "provider" &&
    (e.MADOGUCHI_DIGITAL_AUTH_APP_ISSUER === undefined || e.MADOGUCHI_DIGITAL_AUTH_APP_CLIENT_ID === undefined || e.MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE === undefined)
  ) {
    return err({ _tag: "ConfigError", message: "MADOGUCHI_DIGITAL_AUTH_APP=provider needs MADOGUCHI_DIGITAL_AUTH_APP_ISSUER, _CLIENT_ID and _KEYS_FILE" });
  }
  const digitalAuthApp: Config["digitalAuthApp"] =
    digitalAuthAppKind === "provider"
      ? { kind: "provider", issuer: e.MADOGUCHI_DIGITAL_AUTH_APP_ISSUER!, clientId: e.MADOGUCHI_DIGITAL_AUTH_APP_CLIENT_ID!, keysFile: e.MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE! }
      : { kind: digitalAuthAppKind };
  const jpkiTrust = decodeJpkiTrust(e);
  if (typeof jpkiTrust === "string") return err({ _tag: "ConfigError", message: jpkiTrust });
  const fileExport = decodeFileExport(e);
  if (typeof fileExport === "string") return err({ _tag: "ConfigError", message: fileExport });
  const payment = decodePayment(e, port, secretKey);
  if (typeof payment === "string") return err({ _tag: "ConfigError", message: payment });
  const cardFeeRate = parseCardFeeRate(e.MADOGUCHI_CARD_FEE_RATE ?? DEFAULT_CARD_FEE_RATE);
  if (cardFeeRate.isErr()) return err({ _tag: "ConfigError", message: "MADOGUCHI_CARD_FEE_RATE must be a percent with at most two decimals, 0 to 100 (e.g. 3.5)" });
  const cardBrands = parseCardBrands(e.MADOGUCHI_CARD_BRANDS ?? DEFAULT_CARD_BRANDS);
  if (typeof cardBrands === "string") return err({ _tag: "ConfigError", message: cardBrands });
  const malwareScan = decodeMalwareScan(e);
  if (typeof malwareScan === "string") return err({ _tag: "ConfigError", message: malwareScan });
  return ok({
    port,
    host: e.HOST ?? "127.0.0.1",
    profile: e.MADOGUCHI_PROFILE ?? "embedded",
    dataDir,
    database,
    catalogFile: e.MADOGUCHI_CATALOG_FILE ?? new URL("../../../../config/procedures.json", import.meta.url).pathname,
    payment,
    mailer:
      mailerKind === "smtp"
        ? { kind: "smtp", host: e.MADOGUCHI_SMTP_HOST ?? "", port: e.MADOGUCHI_SMTP_PORT ?? 25, from: mailFrom }
        : { kind: "dev-inbox" },
    mailFrom,
    publicOrigins,
    outboxIntervalMs: e.MADOGUCHI_OUTBOX_INTERVAL_MS ?? 1000,
    paymentSweepIntervalMs: e.MADOGUCHI_PAYMENT_SWEEP_INTERVAL_MS ?? 3_600_000,
    catalogRefreshIntervalMs: e.MADOGUCHI_CATALOG_REFRESH_INTERVAL_MS ?? 30_000,
    fileExport,
    staffReminderDays: e.MADOGUCHI_STAFF_REMINDER_DAYS ?? 3,
    securityAlerts: {
      recipients: (e.MADOGUCHI_SECURITY_ALERT_EMAILS ?? "").split(",").map((a) => a.trim()).filter((a) => a !== ""),
      intervalMs: e.MADOGUCHI_SECURITY_ALERT_INTERVAL_MS ?? 300_000,
    },
    backups: { dir: e.MADOGUCHI_BACKUP_DIR ?? `${dataDir}/backups`, generations: e.MADOGUCHI_BACKUP_GENERATIONS ?? 7, everyMs: e.MADOGUCHI_BACKUP_EVERY_MS ?? 86_400_000 },
    counter: {
      templatesDir: e.MADOGUCHI_OCR_TEMPLATES_DIR ?? null,
      ocrWorkers: e.MADOGUCHI_OCR_WORKERS ?? 2,
      formsDir: e.MADOGUCHI_FORMS_DIR ?? new URL("../../../../config/forms", import.meta.url).pathname,
      recordHeadersFile: e.MADOGUCHI_RESIDENT_RECORD_HEADERS ?? new URL("../../../../config/resident-record-headers.json", import.meta.url).pathname,
      formFont: e.MADOGUCHI_FORM_FONT ?? null,
      retentionYears: e.MADOGUCHI_COUNTER_RETENTION_YEARS ?? 5,
      retentionIntervalMs: e.MADOGUCHI_RETENTION_INTERVAL_MS ?? 3_600_000,
    },
    applicationRetention: { months: e.MADOGUCHI_APPLICATION_RETENTION_MONTHS ?? DEFAULT_APPLICATION_RETENTION_MONTHS, intervalMs: e.MADOGUCHI_RETENTION_INTERVAL_MS ?? 3_600_000 },
    audit: { retentionMonths: e.MADOGUCHI_AUDIT_RETENTION_MONTHS ?? DEFAULT_AUDIT_RETENTION_MONTHS, intervalMs: e.MADOGUCHI_AUDIT_INTERVAL_MS ?? 3_600_000 },
    staffListener,
    staffLogin: {
      lockoutThreshold: e.MADOGUCHI_STAFF_LOCKOUT_THRESHOLD ?? 10,
      message: { ja: e.MADOGUCHI_STAFF_LOGIN_MESSAGE_JA ?? "", en: e.MADOGUCHI_STAFF_LOGIN_MESSAGE_EN ?? "" },
    },
    passkeys: { rpId: e.MADOGUCHI_PASSKEY_RP_ID ?? hostOf(publicOrigins[0]), ceremonySecret },
    digitalAuthApp,
    exportApprovalThreshold: e.MADOGUCHI_EXPORT_APPROVAL_THRESHOLD ?? DEFAULT_EXPORT_APPROVAL_THRESHOLD,
    feeApprovalThreshold: e.MADOGUCHI_FEE_APPROVAL_THRESHOLD ?? DEFAULT_FEE_APPROVAL_THRESHOLD,
    cardFeeRate: cardFeeRate.value,
    cardBrands,
    jpkiTrust,
    signatureWorkers: e.MADOGUCHI_SIGNATURE_WORKERS ?? DEFAULT_SIGNATURE_WORKERS,
    malwareScan,
    logLevel: e.LOG_LEVEL ?? "info",
  });
};

/** The host of an origin, or `localhost` when there is none or it does not parse. */
const hostOf = (origin: string | undefined): string => {
  try {
    return new URL(origin ?? "http://localhost").hostname;
  } catch {
    return "localhost";
  }
};

/** Which gateway: the sandbox (embedded or remote) or Stripe, whose keys file is checked at start. */
const decodePayment = (e: typeof EnvSchema.Type, port: number, secretKey: string): Config["payment"] | string => {
  if ((e.MADOGUCHI_PAYMENT_GATEWAY ?? "sandbox") === "sandbox") {
    const stripeOnly = (["MADOGUCHI_STRIPE_KEYS_FILE", "MADOGUCHI_STRIPE_RETURN_URL", "MADOGUCHI_STRIPE_API_BASE", "MADOGUCHI_STRIPE_JS_URL"] as const).filter((name) => e[name] !== undefined);
    if (stripeOnly.length > 0) return `${stripeOnly.join(", ")} ${stripeOnly.length === 1 ? "is" : "are"} only read with MADOGUCHI_PAYMENT_GATEWAY=stripe`;
    return e.MADOGUCHI_PAYMENT_URL !== undefined
      ? { kind: "remote-sandbox", url: e.MADOGUCHI_PAYMENT_URL, secretKey, webhookSecret: e.MADOGUCHI_PAYMENT_WEBHOOK_SECRET ?? null }
      : { kind: "embedded-sandbox", port: e.MADOGUCHI_SANDBOX_PORT ?? (port === 0 ? 0 : port + 1), secretKey, acceptedBrands: cardBrandsOrDefault(e.MADOGUCHI_CARD_BRANDS) };
  }
  if (e.MADOGUCHI_STRIPE_KEYS_FILE === undefined) return "MADOGUCHI_PAYMENT_GATEWAY=stripe needs MADOGUCHI_STRIPE_KEYS_FILE (a JSON file with secretKey, publishableKey and webhookSecrets)";
  const sandboxOnly = (["MADOGUCHI_PAYMENT_URL", "MADOGUCHI_PAYMENT_SECRET_KEY", "MADOGUCHI_PAYMENT_WEBHOOK_SECRET", "MADOGUCHI_SANDBOX_PORT"] as const).filter((name) => e[name] !== undefined);
  if (sandboxOnly.length > 0) return `${sandboxOnly.join(", ")} ${sandboxOnly.length === 1 ? "is" : "are"} for the sandbox gateway; with MADOGUCHI_PAYMENT_GATEWAY=stripe the keys come from MADOGUCHI_STRIPE_KEYS_FILE`;
  // Default (null): our page STRIPE_3DS_RETURN_PATH on the first origin the server is reached at, known once it listens.
  const returnUrl = e.MADOGUCHI_STRIPE_RETURN_URL ?? null;
  if (returnUrl !== null && !isHttpUrl(returnUrl)) return "MADOGUCHI_STRIPE_RETURN_URL must be an absolute http(s) URL of our payment page";
  const apiBase = e.MADOGUCHI_STRIPE_API_BASE ?? null;
  if (apiBase !== null && !isHttpUrl(apiBase)) return "MADOGUCHI_STRIPE_API_BASE must be an absolute URL (https://api.stripe.com, or http://127.0.0.1:… for a contract server)";
  const stripeJsUrl = e.MADOGUCHI_STRIPE_JS_URL ?? STRIPE_JS_URL;
  if (!isStripeJsUrl(stripeJsUrl)) return "MADOGUCHI_STRIPE_JS_URL must be Stripe's own (https://js.stripe.com/v3/: Stripe.js may not be self-hosted) or, for tests, a loopback http URL";
  return { kind: "stripe", keysFile: e.MADOGUCHI_STRIPE_KEYS_FILE, returnUrl, apiBase, stripeJsUrl };
};

/** Where Stripe.js is served (docs.stripe.com/js/including: always from js.stripe.com, never bundled or self-hosted). */
export const STRIPE_JS_URL = "https://js.stripe.com/v3/";
/** Our page that Stripe's 3-D Secure frame is sent back to (a static page of the web app). */
export const STRIPE_3DS_RETURN_PATH = "/payments/stripe-3ds-complete.html";

/** Stripe's own Stripe.js, or a loopback imitation of it in tests. */
const isStripeJsUrl = (s: string): boolean => {
  try {
    const url = new URL(s);
    if (url.origin === "https://js.stripe.com") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
};

/** The test CA, or pinned anchors with their revocation source: CRLs, OCSP, or OCSP then CRLs (ADR 22). */
const decodeJpkiTrust = (e: typeof EnvSchema.Type): Config["jpkiTrust"] | string => {
  const revocation = (["MADOGUCHI_JPKI_CRL_DIR", "MADOGUCHI_JPKI_OCSP_URL", "MADOGUCHI_JPKI_OCSP_NONCE"] as const).filter((name) => e[name] !== undefined);
  if (e.MADOGUCHI_JPKI_TRUST_ANCHORS === undefined) {
    // Revocation data without anchors means nothing: the test CA has its own.
    return revocation.length === 0 ? { kind: "test-ca" } : `${revocation.join(", ")} ${revocation.length === 1 ? "needs" : "need"} MADOGUCHI_JPKI_TRUST_ANCHORS`;
  }
  if (e.MADOGUCHI_JPKI_CRL_DIR === undefined && e.MADOGUCHI_JPKI_OCSP_URL === undefined) {
    // Anchors without revocation data would refuse every signature (revocation unknown).
    return "MADOGUCHI_JPKI_TRUST_ANCHORS needs revocation data: MADOGUCHI_JPKI_CRL_DIR (the CRLs), MADOGUCHI_JPKI_OCSP_URL (an OCSP responder), or both";
  }
  if (e.MADOGUCHI_JPKI_OCSP_URL !== undefined && !isHttpUrl(e.MADOGUCHI_JPKI_OCSP_URL)) return "MADOGUCHI_JPKI_OCSP_URL must be an absolute http(s) URL of the OCSP responder";
  if (e.MADOGUCHI_JPKI_OCSP_NONCE !== undefined && e.MADOGUCHI_JPKI_OCSP_URL === undefined) return "MADOGUCHI_JPKI_OCSP_NONCE is only read with MADOGUCHI_JPKI_OCSP_URL";
  return {
    kind: "pinned",
    anchorsDir: e.MADOGUCHI_JPKI_TRUST_ANCHORS,
    crlDir: e.MADOGUCHI_JPKI_CRL_DIR ?? null,
    ocsp: e.MADOGUCHI_JPKI_OCSP_URL === undefined ? null : { url: e.MADOGUCHI_JPKI_OCSP_URL, requireNonce: (e.MADOGUCHI_JPKI_OCSP_NONCE ?? "required") === "required" },
  };
};

/**
 * N9: clamd when MADOGUCHI_CLAMD names it; without it, `off` on the embedded profile (npm start on a fresh machine
 * has no clamd; the start logs a warning), while the scale profile — a municipality's deployment — refuses to start
 * unless MADOGUCHI_MALWARE_SCAN=off says that unscanned uploads are meant.
 */
const decodeMalwareScan = (e: typeof EnvSchema.Type): Config["malwareScan"] | string => {
  const asked = e.MADOGUCHI_MALWARE_SCAN;
  if (e.MADOGUCHI_CLAMD === undefined) {
    if (asked === "required") return "MADOGUCHI_MALWARE_SCAN=required needs MADOGUCHI_CLAMD (host:port or the absolute path of clamd's socket)";
    if (asked === undefined && (e.MADOGUCHI_PROFILE ?? "embedded") === "scale") {
      return "the scale profile scans uploads for malware: set MADOGUCHI_CLAMD (host:port or the absolute path of clamd's socket), or MADOGUCHI_MALWARE_SCAN=off to run without scanning";
    }
    return { kind: "off" };
  }
  // Both said: which one is meant is not ours to guess (an operator turning scanning off must see it is off).
  if (asked === "off") return "MADOGUCHI_MALWARE_SCAN=off and MADOGUCHI_CLAMD contradict each other: unset one of them";
  const address = parseClamdAddress(e.MADOGUCHI_CLAMD);
  return address === null ? "MADOGUCHI_CLAMD must be host:port (e.g. 127.0.0.1:3310, [::1]:3310) or the absolute path of clamd's Unix socket (e.g. /run/clamav/clamd.ctl)" : { kind: "clamd", address };
};

/** S9: the export directory must be absolute (a relative one would move with the working directory); the rest needs it. */
const decodeFileExport = (e: typeof EnvSchema.Type): Config["fileExport"] | string => {
  const dir = e.MADOGUCHI_EXPORT_DIR;
  if (dir === undefined || dir.trim() === "") {
    return e.MADOGUCHI_EXPORT_INTERVAL_MS !== undefined || e.MADOGUCHI_EXPORT_ENCODING !== undefined ? "MADOGUCHI_EXPORT_INTERVAL_MS and MADOGUCHI_EXPORT_ENCODING need MADOGUCHI_EXPORT_DIR" : null;
  }
  if (!isAbsolute(dir)) return "MADOGUCHI_EXPORT_DIR must be an absolute path (the directory the back-office systems pick files up from)";
  return { dir, intervalMs: e.MADOGUCHI_EXPORT_INTERVAL_MS ?? 900_000, encoding: e.MADOGUCHI_EXPORT_ENCODING ?? "shift_jis" };
};

const isHttpUrl = (s: string): boolean => {
  try {
    const { protocol } = new URL(s);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
};

/** Loopback only: a fresh machine serves staff to itself until a municipality lists its LGWAN ranges. */
const DEFAULT_STAFF_CIDRS = "127.0.0.0/8,::1/128";

/**
 * Signature checks off the main thread: one core stays with HTTP, the database and the rest, the others check
 * signatures (a CMS parse and RSA verifications, ~5 ms each: 200 at once queue for a second on one core).
 */
const DEFAULT_SIGNATURE_WORKERS = Math.max(0, Math.min(4, availableParallelism() - 1));

const decodeStaffListener = (e: typeof EnvSchema.Type, port: number): Config["staffListener"] | string => {
  const allowed = parseAddressList(e.MADOGUCHI_STAFF_ALLOWED_CIDRS ?? DEFAULT_STAFF_CIDRS);
  if (allowed === null || allowed.ranges.length === 0) {
    return "MADOGUCHI_STAFF_ALLOWED_CIDRS must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.0/8,192.168.10.0/24)";
  }
  const trustedProxies = parseAddressList(e.MADOGUCHI_STAFF_TRUSTED_PROXIES ?? "");
  if (trustedProxies === null) {
    return "MADOGUCHI_STAFF_TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges";
  }
  const staffPort = e.MADOGUCHI_STAFF_PORT ?? (port === 0 ? 0 : port + 2);
  if (staffPort !== 0 && staffPort === port) return "MADOGUCHI_STAFF_PORT must differ from PORT: the staff surface has its own listener";
  return { port: staffPort, host: e.MADOGUCHI_STAFF_HOST ?? e.HOST ?? "127.0.0.1", allowed, trustedProxies };
};

const pickKnown = (env: Readonly<Record<string, string | undefined>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.fields)) {
    const v = env[key];
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
};
