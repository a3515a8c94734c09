import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Container } from "inversify";
import type { DestinationStream, Logger } from "pino";
import type {
  ApplicationStore,
  AuditLogStore,
  CheckpointSigner,
  Clock,
  Hasher,
  IdGenerator,
  Mailer,
  OutboxStore,
  PaymentGateway,
  ProcedureCatalog,
  PurgeOutcome,
  SecurityAlert,
  SettingsStore,
  SignatureVerifier,
  StaffAccessStore,
  StaffStore,
} from "@madoguchi/core";
import { createLocalCheckpointSigner } from "@madoguchi/adapter-local-keystore";
import { createRandomIdGenerator, createSha256Hasher, createSystemClock } from "@madoguchi/adapter-system";
import { createCryptoSecureRandom } from "@madoguchi/adapter-system";
import { startAuditMaintenance } from "../audit/audit-maintenance.ts";
import { recordRetentionSetting } from "../audit/record-audit.ts";
import type { Config } from "../config/config.ts";
import { createApp } from "../http/create-app.ts";
import type { ServerDeps } from "../http/server-deps.ts";
import { createLogger } from "../logging/logger.ts";
import { createOutboxRelay, type OutboxRelay } from "../outbox/outbox-relay.ts";
import { createPaymentSweep, type PaymentSweep } from "../payments/payment-sweep.ts";
import { createStaffReminders, type StaffReminders } from "../staff/staff-reminders.ts";
import { createApplicationRetentionJob } from "../retention/application-retention-job.ts";
import { createDatabaseBackups, type BackupRun } from "../backups/database-backups.ts";
import { createSecurityAlertJob } from "../monitoring/security-alert-job.ts";
import { createCounterRetentionJob } from "../counter/counter-retention-job.ts";
import type { PeriodicJob } from "../jobs/periodic-job.ts";
import { ensureDemoStaff, ensureInitialAdministrator } from "../staff/ensure-demo-staff.ts";
import { createStaffSessions } from "../staff/staff-sessions.ts";
import { createStaffLogin } from "../staff/staff-login.ts";
import { auditRetentionInForce, DEFAULT_SECURITY_ALERT_THRESHOLDS, purgeExpiredSessions } from "@madoguchi/core";
import { serviceNameOf } from "./service-name.ts";
import { createArgon2Hasher } from "@madoguchi/adapter-argon2";
import { createCommonPasswordBlocklist } from "@madoguchi/adapter-common-passwords";
import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { buildResidentAccounts } from "../residents/resident-accounts-runtime.ts";
import { buildResidentJpki } from "../residents/resident-jpki-runtime.ts";
import { buildMailer } from "./catalog/mailers.ts";
import { buildCounter } from "./catalog/counter.ts";
import { buildMalwareScanner } from "./catalog/malware-scanner.ts";
import { buildPasskeys } from "./catalog/passkeys.ts";
import { buildPayment } from "./catalog/payments.ts";
import { PAYMENT_WEBHOOK_PATH } from "../payments/payment-webhook.ts";
import { buildSignatures } from "./catalog/signatures.ts";
import { checkExportDirectory, createFileExportJob } from "../integration/file-export-job.ts";
import { buildStorage } from "./catalog/storage.ts";
import { checkContracts } from "./check-contracts.ts";
import { loadCatalogFile } from "./load-catalog.ts";
import { createCatalogRefreshJob, createLiveCatalog } from "../procedures/live-catalog.ts";
import { catalogInForce } from "@madoguchi/core";
import { TOKENS } from "./tokens.ts";

/** Options for tests and embedders: where logs go, a fixed demo password, a fixed clock. */
export interface StartOptions {
  readonly logDestination?: DestinationStream;
  /** Password of the demo staff account if it is created now (default: random, printed once). */
  readonly demoStaffPassword?: string;
  readonly clock?: Clock;
  /** Where the demo credentials are printed (default: the console). */
  readonly announce?: (text: string) => void;
}

/** A running reference server. */
export interface RunningServer {
  /** The resident listener (internet side). */
  readonly url: string;
  /** The staff listener (LGWAN side): the back office and the audit log are served only here. */
  readonly staffUrl: string;
  readonly container: Container;
  readonly deps: ServerDeps;
  readonly relay: OutboxRelay;
  /** The scheduled re-read of recent authorisations (ADR 27); tests run it with `runOnce()`. */
  readonly paymentSweep: PaymentSweep;
  /** S7: the daily reminders of applications not taken up; tests run it with `runOnce()`. */
  readonly staffReminders: StaffReminders;
  /** S4: the deletion of finished applications past their retention; tests run it with `runOnce()`. */
  readonly applicationRetention: PeriodicJob<PurgeOutcome | null>;
  /** C8: the deletion of counter records past their keep-until day; tests run it with `runOnce()`. */
  readonly counterRetention: PeriodicJob<number | null>;
  /** N3: the daily verified backups of the embedded database; tests run it with `runOnce()`. */
  readonly backups: PeriodicJob<BackupRun>;
  /** N5: the watch of the audit log for security events; tests run it with `runOnce()`. */
  readonly securityAlerts: PeriodicJob<readonly SecurityAlert[]>;
  close(): Promise<void>;
}

/** The host part of a URL for a bound interface: a wildcard bind is reached on loopback; IPv6 gets brackets. */
const urlHost = (host: string): string =>
  host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/**
 * The composition root: decodes nothing itself (the config is decoded), builds every adapter from
 * the typed catalogs in `catalog/`, checks contract ids and health (fail fast), binds them in
 * inversify, and serves the HTTP apps: the resident listener and the staff listener (LGWAN side, with
 * its CIDR allow-list). The listeners are opened first so that the real port (PORT=0 in
 * tests) is known to the payment sandbox, which must allow our origin to frame its card fields.
 */
export const startServer = async (config: Config, options: StartOptions = {}): Promise<RunningServer> => {
  const logger: Logger = createLogger(config.logLevel, options.logDestination);
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    // Until the app is wired, answer 503 at once (a readiness probe must not hang on a silent socket).
    const starting = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end('{"status":"starting"}');
    };
    const http = createServer(starting);
    const port = await listen(http, config.port, config.host);
    cleanups.push(() => new Promise<void>((r) => http.close(() => r())));
    const staffHttp = createServer(starting);
    const staffPort = await listen(staffHttp, config.staffListener.port, config.staffListener.host);
    cleanups.push(() => new Promise<void>((r) => staffHttp.close(() => r())));
    const origins =
      config.port === 0 ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...config.publicOrigins] : [...config.publicOrigins];

    const clock = options.clock ?? createSystemClock();
    const catalogFile = await loadCatalogFile(config.catalogFile);
    const storage = await buildStorage(config, join(config.dataDir, "keys", "data-kek.json"));
    cleanups.push(storage.close);
    // The file's catalog with the procedures staff saved in the back office (S6), which then win over the file's.
    const initialCatalog = await catalogInForce(storage.settings, catalogFile);
    if (initialCatalog.isErr()) throw new Error(`cannot use the procedure catalog: ${initialCatalog.error.message}`);
    const liveCatalog = createLiveCatalog(storage.settings, catalogFile, initialCatalog.value);
    // The municipality's name and delivery methods are the file's alone: staff edit procedures only.
    const catalog = catalogFile.catalog;
    // The audit checkpoint key lives beside the data key, outside the database (docs/adr/0011-audit-log.md).
    const signer = await createLocalCheckpointSigner({ keyFile: join(config.dataDir, "keys", "audit-signing.json"), createIfMissing: true });
    if (signer.isErr()) throw new Error(`cannot open the audit signing key: ${signer.error.message}`);
    const signatures = await buildSignatures(config, clock);
    // The embedded sandbox posts its signed webhooks to our resident listener, the one a gateway reaches.
    const payment = await buildPayment(config, origins, `http://${urlHost(config.host)}:${port}${PAYMENT_WEBHOOK_PATH}`);
    cleanups.push(payment.close);
    const mail = buildMailer(config);
    cleanups.push(mail.mailer.close);
    const ids = createRandomIdGenerator();
    const residentAccounts = await buildResidentAccounts({
      store: storage.residentAccounts, loginStateStore: storage.loginState, sessionStore: storage.sessions, mailer: mail.mailer, auditLog: storage.auditLog, logger, clock, ids, hasher: createSha256Hasher(), catalog, origin: origins[0] ?? `http://localhost:${port}`,
    });
    const residentJpki = await buildResidentJpki({
      config, origins, cardSigner: signatures.cardSigner, stubCard: signatures.stubCard, verifier: signatures.verifier, links: storage.residentJpkiLinks, accounts: storage.residentAccounts, loginState: residentAccounts.deps.loginState, clock, hasher: createSha256Hasher(),
      signingSessions: storage.signingSessions,
    });
    cleanups.push(residentJpki.close);
    const passkeys = buildPasskeys(config, { residentOrigins: origins, staffPort });

    const counter = await buildCounter(config, storage.counterRecords);
    cleanups.push(counter.ocr.close);
    await checkContracts({ storage, verifier: signatures.verifier, gateway: payment.gateway, mailer: mail.mailer, ocr: counter.ocr, printer: counter.printer });
    const malwareScanner = await buildMalwareScanner(config, logger);

    const container = new Container();
    container.bind<Config>(TOKENS.Config).toConstantValue(config);
    container.bind<Logger>(TOKENS.Logger).toConstantValue(logger);
    container.bind<ApplicationStore>(TOKENS.ApplicationStore).toConstantValue(storage.applications);
    container.bind<OutboxStore>(TOKENS.OutboxStore).toConstantValue(storage.outbox);
    container.bind<StaffStore>(TOKENS.StaffStore).toConstantValue(storage.staff);
    container.bind<StaffAccessStore>(TOKENS.StaffAccessStore).toConstantValue(storage.staffAccess);
    container.bind<AuditLogStore>(TOKENS.AuditLogStore).toConstantValue(storage.auditLog);
    container.bind<SettingsStore>(TOKENS.SettingsStore).toConstantValue(storage.settings);
    container.bind<CheckpointSigner>(TOKENS.CheckpointSigner).toConstantValue(signer.value);
    container.bind<SignatureVerifier>(TOKENS.SignatureVerifier).toConstantValue(signatures.verifier);
    container.bind<PaymentGateway>(TOKENS.PaymentGateway).toConstantValue(payment.gateway);
    container.bind<Mailer>(TOKENS.Mailer).toConstantValue(mail.mailer);
    container.bind<Clock>(TOKENS.Clock).toConstantValue(clock);
    container.bind<IdGenerator>(TOKENS.IdGenerator).toConstantValue(ids);
    container.bind<Hasher>(TOKENS.Hasher).toConstantValue(createSha256Hasher());

    const staffPasswordHasher = await createArgon2Hasher();
    if (staffPasswordHasher.isErr()) throw new Error(`cannot start the password hasher: ${staffPasswordHasher.error.message}`);
    const staffLogin = await createStaffLogin({
      staff: storage.staff, loginState: storage.loginState, auditLog: storage.auditLog, logger, clock, random: createCryptoSecureRandom(),
      passwordHasher: staffPasswordHasher.value, totp: createOtpauthAuthenticator(), issuer: `${catalog.municipality.name.ja} madoguchi`,
      maxConsecutiveFailures: config.staffLogin.lockoutThreshold, loginMessage: config.staffLogin.message,
      hasher: createSha256Hasher(), blocklist: createCommonPasswordBlocklist(), cityNames: [catalog.municipality.name.ja, catalog.municipality.name.en],
      passkeys: storage.passkeys, passkeyRelyingParty: passkeys.relyingParty,
    });
    const relayRef: { current: OutboxRelay | null } = { current: null };
    container.bind<ServerDeps>(TOKENS.ServerDeps).toDynamicValue((ctx) => ({
      logger: ctx.get<Logger>(TOKENS.Logger),
      // A getter: the catalog staff last saved, read per request (S6).
      get catalog() {
        return liveCatalog.current();
      },
      liveCatalog,
      portalOrigin: origins[0] ?? `http://localhost:${port}`,
      applications: ctx.get<ApplicationStore>(TOKENS.ApplicationStore),
      outbox: ctx.get<OutboxStore>(TOKENS.OutboxStore),
      staff: ctx.get<StaffStore>(TOKENS.StaffStore),
      staffAccess: ctx.get<StaffAccessStore>(TOKENS.StaffAccessStore),
      auditLog: ctx.get<AuditLogStore>(TOKENS.AuditLogStore),
      auditRetentionMonths: config.audit.retentionMonths,
      applicationRetentionMonths: config.applicationRetention.months,
      settings: ctx.get<SettingsStore>(TOKENS.SettingsStore),
      approvals: storage.approvals,
      exportApprovalThreshold: config.exportApprovalThreshold,
      paymentLedger: storage.paymentLedger,
      feeApprovalThreshold: config.feeApprovalThreshold,
      cardFeeRate: config.cardFeeRate,
      cardBrands: config.cardBrands,
      verifier: ctx.get<SignatureVerifier>(TOKENS.SignatureVerifier),
      gateway: ctx.get<PaymentGateway>(TOKENS.PaymentGateway),
      mailer: ctx.get<Mailer>(TOKENS.Mailer),
      clock: ctx.get<Clock>(TOKENS.Clock),
      ids: ctx.get<IdGenerator>(TOKENS.IdGenerator),
      hasher: ctx.get<Hasher>(TOKENS.Hasher),
      staffLogin,
      sessions: createStaffSessions({ store: storage.sessions, random: createCryptoSecureRandom(), hasher: ctx.get<Hasher>(TOKENS.Hasher), clock }, storage.staff),
      residentAccounts,
      residentJpki,
      passkeys: storage.passkeys,
      passkeyRelyingParty: passkeys.relyingParty,
      passkeyChallenges: passkeys.challenges,
      payment: payment.browser,
      testCardRouter: signatures.testCardRouter,
      devInbox: mail.devInbox,
      behindTls: false,
      webDist: new URL("../../../web/dist", import.meta.url).pathname,
      counter,
      malwareScanner,
      kickOutbox: () => void relayRef.current?.runOnce(),
    })).inSingletonScope();
    const deps = container.get<ServerDeps>(TOKENS.ServerDeps);

    const demo = await ensureDemoStaff(deps.staff, clock.now(), options.demoStaffPassword);
    if (demo.isErr()) throw new Error(`cannot create the demo staff account: ${demo.error.message}`);
    const initialAdmin = await ensureInitialAdministrator(deps.staff, deps.staffAccess, clock.now());
    if (initialAdmin.isErr()) throw new Error(`cannot set up the initial administrator: ${initialAdmin.error.message}`);
    if (demo.value !== null) {
      (options.announce ?? console.log)(
        [
          "",
          "  デモ職員アカウントを作成しました（この表示は一度だけです） / Demo staff account created (shown once):",
          `    login id: ${demo.value.loginId}`,
          `    password: ${demo.value.password}`,
          "",
        ].join("\n"),
      );
    }

    const relay = createOutboxRelay({ outbox: deps.outbox, applications: deps.applications, staffAccess: deps.staffAccess, staff: deps.staff, get catalog() {
      return liveCatalog.current();
    }, mailer: deps.mailer, clock, logger });
    relayRef.current = relay;
    const stopRelay = relay.start(config.outboxIntervalMs);
    const paymentSweep = createPaymentSweep(deps);
    cleanups.push(paymentSweep.start(config.paymentSweepIntervalMs));
    const staffReminders = createStaffReminders(deps, { days: config.staffReminderDays });
    cleanups.push(staffReminders.start(3_600_000));
    const applicationRetention = createApplicationRetentionJob(deps);
    cleanups.push(applicationRetention.start(config.applicationRetention.intervalMs));
    // Also once at start: a database restored from a backup gets the deletions made since the backup again.
    void applicationRetention.runOnce().catch(() => undefined);
    const catalogRefresh = createCatalogRefreshJob(liveCatalog, logger);
    cleanups.push(catalogRefresh.start(config.catalogRefreshIntervalMs));
    if (config.fileExport !== null) {
      // Fail at start, not at the first run: a directory the server cannot write to is a configuration mistake.
      await checkExportDirectory(config.fileExport.dir);
      const fileExport = createFileExportJob({ applications: deps.applications, settings: deps.settings, catalog: () => liveCatalog.current(), clock, logger }, config.fileExport);
      cleanups.push(fileExport.start(config.fileExport.intervalMs));
    }
    const counterRetention = createCounterRetentionJob({ records: counter.records, clock, logger });
    cleanups.push(counterRetention.start(config.counter.retentionIntervalMs));
    void counterRetention.runOnce().catch(() => undefined);
    const backups = createDatabaseBackups(
      { backupTo: storage.backupTo, ...(config.database.driver === "postgresql" ? { postgresUrl: config.database.url } : {}), auditLog: deps.auditLog, signer: container.get<CheckpointSigner>(TOKENS.CheckpointSigner), clock, logger },
      config.backups,
    );
    cleanups.push(backups.start(3_600_000));
    const securityAlerts = createSecurityAlertJob(
      { auditLog: deps.auditLog, mailer: deps.mailer, clock, logger, serviceName: serviceNameOf(catalog) },
      { recipients: config.securityAlerts.recipients, thresholds: DEFAULT_SECURITY_ALERT_THRESHOLDS },
    );
    cleanups.push(securityAlerts.start(config.securityAlerts.intervalMs));
    cleanups.push(stopRelay);
    // The retention in force: an administrator's setting, else the environment's default. Recorded when it
    // differs from the last recorded value (a changed environment variable leaves a trace too).
    const retention = await auditRetentionInForce(deps.settings, config.audit.retentionMonths);
    if (retention.isErr()) throw new Error(`cannot read the audit retention setting: ${retention.error.message}`);
    await recordRetentionSetting({ auditLog: deps.auditLog, logger, clock }, retention.value.months);
    const stopAudit = startAuditMaintenance(
      { auditLog: deps.auditLog, signer: container.get<CheckpointSigner>(TOKENS.CheckpointSigner), clock, logger, settings: deps.settings, defaultRetentionMonths: config.audit.retentionMonths },
      config.audit.intervalMs,
    );
    cleanups.push(stopAudit);
    // Sessions past their idle or absolute end are deleted every 10 minutes (presented ones are refused anyway).
    const purgeTimer = setInterval(() => {
      void purgeExpiredSessions({ store: storage.sessions, random: createCryptoSecureRandom(), hasher: createSha256Hasher(), clock }).then((r) => {
        if (r.isErr()) logger.warn({ err: { reason: r.error.reason, operation: r.error.operation } }, "session purge failed");
      });
    }, 10 * 60_000);
    purgeTimer.unref();
    cleanups.push(async () => clearInterval(purgeTimer));

    http.off("request", starting);
    http.on("request", createApp(deps, { kind: "resident" }));
    const { allowed, trustedProxies } = config.staffListener;
    staffHttp.off("request", starting);
    staffHttp.on("request", createApp(deps, { kind: "staff", allowed, trustedProxies }));
    const url = `http://127.0.0.1:${port}`;
    const staffUrl = `http://${urlHost(config.staffListener.host)}:${staffPort}`;
    logger.info(
      { port, staffPort, staffAllowed: allowed.ranges, staffTrustedProxies: trustedProxies.ranges, profile: config.profile, database: config.database.driver, malwareScan: config.malwareScan.kind },
      "madoguchi started",
    );
    return {
      url,
      staffUrl,
      container,
      deps,
      relay,
      paymentSweep,
      staffReminders,
      applicationRetention,
      counterRetention,
      backups,
      securityAlerts,
      close: async () => {
        http.closeAllConnections();
        staffHttp.closeAllConnections();
        await closeAll();
      },
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
};
