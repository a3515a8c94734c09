import { okAsync } from "neverthrow";
import type { Logger } from "pino";
import {
  GLOBAL_THROTTLE,
  PER_ADDRESS_THROTTLE,
  RESIDENT_LOCKOUT_POLICY,
  RESIDENT_PASSWORD_POLICY,
  residentLoginState,
  type AccountLockoutState,
  type AuditEntryDraft,
  type AuditLogStore,
  type LoginAttemptRecord,
  type Clock,
  type Hasher,
  type IdGenerator,
  type Mailer,
  type ProcedureCatalog,
  type ResidentAccountDeps,
  type ResidentAccountStore,
  type LoginStateStore,
  type SessionStore,
  type StorageError,
} from "@madoguchi/core";
import { createArgon2Hasher } from "@madoguchi/adapter-argon2";
import { createCommonPasswordBlocklist } from "@madoguchi/adapter-common-passwords";
import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { createCryptoSecureRandom } from "@madoguchi/adapter-system";
import { recordAudit } from "../audit/record-audit.ts";
import { PRODUCT_NAME, serviceNameOf } from "../composition/service-name.ts";
import { createResidentSessions, type ResidentSessions } from "./resident-sessions.ts";

/** Resident accounts as the HTTP layer uses them: the use cases' deps and the sessions. */
export interface ResidentAccountsRuntime {
  readonly deps: ResidentAccountDeps;
  readonly sessions: ResidentSessions;
}

/** What {@link buildResidentAccounts} takes from the composition root. */
export interface ResidentAccountsInput {
  readonly store: ResidentAccountStore;
  readonly mailer: Mailer;
  readonly auditLog: AuditLogStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: Hasher;
  readonly catalog: ProcedureCatalog;
  /** The public origin of the resident listener: links in mails point there. */
  readonly origin: string;
  /** The shared login-state port; residents' state is kept under `("resident", accountId)`. */
  readonly loginStateStore: LoginStateStore;
  /** The shared session store; resident sessions are its `("resident", accountId)` principals. */
  readonly sessionStore: SessionStore;
}


/**
 * Where a login attempt came from, for the audit entry's `sourceIp`: the resident login keeps only the source's
 * throttle key (`ip4:192.0.2.1`, `ip6:2001:db8:0:1::/64`), so an IPv4 address is recorded whole and an IPv6 one
 * by its /64 (what the throttles count); null when the address was not readable.
 */
export const sourceOfThrottleKey = (key: string): string | null => (/^ip[46]:/.test(key) ? key.slice(4) : null);

/** A resident login step's audit entry; with the lockout state it wrote, whether the account is now locked and until when. */
const residentAttemptDraft = (record: LoginAttemptRecord, lockout: AccountLockoutState | null): AuditEntryDraft => ({
  at: record.at,
  actor: record.accountId === null ? { kind: "anonymous", id: null } : { kind: "resident", id: record.accountId },
  action: "resident.login",
  target: record.accountId === null ? null : { kind: "resident_account", id: record.accountId },
  result: record.outcome === "success" || record.outcome === "second_factor_required" ? "success" : "failure",
  sourceIp: sourceOfThrottleKey(record.source),
  details: {
    step: record.step,
    outcome: record.outcome,
    source: record.source,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    ...(lockout?.lockedUntil == null ? {} : { lockedUntil: lockout.lockedUntil.toISOString() }),
  },
});

/**
 * Builds the resident account use cases' dependencies: Argon2id for passwords (with a decoy hash
 * made now, so that unknown addresses cost the same), TOTP, the common-password blocklist with the
 * municipality's and the service's names as context words, and mail handed to the Mailer without
 * waiting (failures are logged without the address).
 */
export const buildResidentAccounts = async (input: ResidentAccountsInput): Promise<ResidentAccountsRuntime> => {
  const passwordHasher = await createArgon2Hasher();
  if (passwordHasher.isErr()) throw new Error(`cannot start the password hasher: ${passwordHasher.error.message}`);
  const random = createCryptoSecureRandom();
  const decoyHash = await passwordHasher.value.hash(Buffer.from(random.bytes(24)).toString("base64url"));
  if (decoyHash.isErr()) throw new Error(`cannot start the password hasher: ${decoyHash.error.message}`);
  const origin = input.origin.replace(/\/+$/, "");
  const link = (path: string, params: Record<string, string>) => `${origin}${path}?${new URLSearchParams(params).toString()}`;
  const loginState = residentLoginState(input.loginStateStore, {
    clock: input.clock,
    lockoutPolicy: RESIDENT_LOCKOUT_POLICY,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    // The true outcome of each step goes to the audit log (the resident only ever hears "invalid"):
    // with the lockout write it changed, in that write's transaction (login-state-store@2) ...
    attemptAudit: (record, lockout) => residentAttemptDraft(record, lockout),
    // ... or, when it changed nothing stored (unknown address, refused while locked, throttled, second factor due), directly.
    recordAttempt: (record) => {
      void recordAudit(input, [residentAttemptDraft(record, null)]);
      return okAsync<void, StorageError>(undefined);
    },
  });
  const deps: ResidentAccountDeps = {
    clock: input.clock,
    random,
    hasher: input.hasher,
    ids: input.ids,
    accounts: input.store,
    passwordHasher: passwordHasher.value,
    totp: createOtpauthAuthenticator(),
    loginState,
    passwordRules: {
      policy: RESIDENT_PASSWORD_POLICY,
      blocklist: createCommonPasswordBlocklist(),
      cityNames: [input.catalog.municipality.name.ja, input.catalog.municipality.name.en],
      serviceNames: [PRODUCT_NAME, "窓口"],
    },
    decoyHash: decoyHash.value,
    serviceName: serviceNameOf(input.catalog),
    links: {
      verifyEmail: (accountId, token) => link("/account/verify", { account: accountId, token }),
      confirmEmailChange: (accountId, token) => link("/account/confirm-email", { account: accountId, token }),
      resetPassword: (accountId, token) => link("/account/reset", { account: accountId, token }),
      unlock: (accountId, token) => link("/account/unlock", { account: accountId, token }),
      login: () => `${origin}/account/login`,
    },
    queueMail: (to, mail) => {
      const id = input.ids.uuid();
      void input.mailer.send({ id, to, subject: mail.subject, text: mail.text }).then((sent) => {
        if (sent.isErr()) input.logger.warn({ event: "resident.mail_failed", mailId: id, reason: sent.error.reason }, "resident mail not sent");
      });
      return okAsync(undefined);
    },
  };
  return { deps, sessions: createResidentSessions({ store: input.sessionStore, random, hasher: input.hasher, clock: input.clock }) };
};
