/**
 * identity/: the rules and mechanics of logging in — password policy and hashing, second factors
 * (TOTP, recovery codes, email one-time codes), lockout and throttling. Pure: randomness, time and
 * hashing come through ports.
 */
export * from "./passwords/password-text.ts";
export * from "./passwords/password-policy.ts";
export * from "./passwords/password-blocklist.ts";
export * from "./passwords/password-context.ts";
export * from "./passwords/password-rejection.ts";
export * from "./passwords/password-rejection-messages.ts";
export * from "./passwords/check-new-password.ts";
export * from "./passwords/password-hasher.port.ts";
export * from "./passwords/password-hash-format.ts";
export * from "./lockout/lockout-policy.ts";
export * from "./lockout/account-lockout.ts";
export * from "./lockout/throttle.ts";
export * from "./totp/totp-policy.ts";
export * from "./totp/totp-authenticator.port.ts";
export * from "./totp/totp-enrolment.ts";
export * from "./totp/totp-rejection.ts";
export * from "./totp/verify-totp-code.ts";
export type * from "./secure-random.port.ts";
export * from "./random-text.ts";
export * from "./one-time-codes/recovery-codes.ts";
export * from "./one-time-codes/email-one-time-code.ts";
export * from "./login/login.errors.ts";
export * from "./login/login.deps.ts";
export * from "./login/login-throttles.ts";
export * from "./login/authenticate-password.ts";
export * from "./login/authenticate-totp-step.ts";
export * from "./password-reset/password-reset-ticket.ts";
export * from "./password-reset/request-password-reset.ts";
export * from "./login/authenticate-email-code-step.ts";
export * from "./notices/security-notice.ts";
export * from "./passkeys/passkey.ts";
export * from "./passkeys/passkey-rejection.ts";
export * from "./passkeys/passkey-relying-party.port.ts";
export * from "./passkeys/passkey-challenge.ts";
export * from "./passkeys/verify-passkey-login.ts";
export * from "./passkeys/login-with-passkey.ts";
export * from "./sessions/session.ts";
export * from "./sessions/session-store.port.ts";
export * from "./sessions/sessions.ts";
export * from "./login-state/login-state.ts";
export * from "./login-state/login-state-store.port.ts";
export * from "./login-state/login-state-ops.ts";
export * from "./login-state/login-state-codec.ts";
export * from "./passkeys/passkey-store.port.ts";
