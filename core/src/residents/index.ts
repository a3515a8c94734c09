/** Resident accounts (R3, R8): registration, email verification, login with a second factor, settings. */
export * from "./resident-account.ts";
export * from "./resident-account.deps.ts";
export * from "./resident-account.errors.ts";
export * from "./resident-account-store.port.ts";
export * from "./resident-email-token.ts";
export * from "./resident-mails.ts";
export * from "./register-resident.ts";
export * from "./verify-resident-email.ts";
export * from "./login-resident.ts";
export * from "./reset-resident-password.ts";
export * from "./confirm-resident-password.ts";
export * from "./change-resident-password.ts";
export * from "./change-resident-email.ts";
export * from "./resident-second-factor.ts";
export * from "./notify-resident.ts";
export * from "./resident-login-state.ts";
export * from "./unlock-resident-account.ts";
