/**
 * Container tokens: one Symbol per port or service the composition root binds. Only `apps/server`
 * knows inversify; core and adapters take plain arguments.
 */
export const TOKENS = {
  Config: Symbol.for("madoguchi.Config"),
  Logger: Symbol.for("madoguchi.Logger"),
  KeyStore: Symbol.for("madoguchi.KeyStore"),
  ApplicationStore: Symbol.for("madoguchi.ApplicationStore"),
  OutboxStore: Symbol.for("madoguchi.OutboxStore"),
  StaffStore: Symbol.for("madoguchi.StaffStore"),
  StaffAccessStore: Symbol.for("madoguchi.StaffAccessStore"),
  AuditLogStore: Symbol.for("madoguchi.AuditLogStore"),
  SettingsStore: Symbol.for("madoguchi.SettingsStore"),
  CheckpointSigner: Symbol.for("madoguchi.CheckpointSigner"),
  SignatureVerifier: Symbol.for("madoguchi.SignatureVerifier"),
  PaymentGateway: Symbol.for("madoguchi.PaymentGateway"),
  Mailer: Symbol.for("madoguchi.Mailer"),
  Clock: Symbol.for("madoguchi.Clock"),
  IdGenerator: Symbol.for("madoguchi.IdGenerator"),
  Hasher: Symbol.for("madoguchi.Hasher"),
  ServerDeps: Symbol.for("madoguchi.ServerDeps"),
} as const;
