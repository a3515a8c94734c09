import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  createDigitalAuthAppClient,
  createDigitalAuthAppSigner,
  generateClientKeys,
  startStubProvider,
  type DigitalAuthAppClient,
  type StubProvider,
  type StubSigningCard,
} from "@madoguchi/adapter-digital-auth-app";
import {
  RESIDENT_LOCKOUT_POLICY,
  type Clock,
  type Hasher,
  type JpkiSigner,
  type ResidentAccountStore,
  type ResidentJpkiDeps,
  type ResidentJpkiLinkStore,
  type ResidentLoginState,
  type SignatureVerifier,
  type SigningSessionStore,
} from "@madoguchi/core";
import { createMemorySigningSessionStore } from "@madoguchi/adapter-memory";
import type { Config } from "../config/config.ts";
import { createJpkiPendingSealer, type JpkiPendingSealer } from "./jpki-pending-cookie.ts";

/** Path of the page the app sends the resident back to; it posts the code to `/api/resident/jpki/app/finish`. */
export const JPKI_CALLBACK_PATH = "/account/jpki-callback";

/** Path of the page the app sends the resident back to after signing an application; it posts to `/api/signing/app/finish`. */
export const SIGN_CALLBACK_PATH = "/sign/app-callback";

/** The stub's resident in the reference app (its card's 4-info as the app would answer them). */
export const STUB_DEMO_RESIDENT = {
  subject: "stub-demo-resident",
  claims: { name: "見本 花子", address: { formatted: "東京都千代田区霞が関一丁目1番1号" }, birthdate: "1990-01-02", gender: "female" },
} as const;

/** Resident login with JPKI as the HTTP layer uses it. */
export interface ResidentJpkiRuntime {
  readonly deps: ResidentJpkiDeps;
  /** The Digital Authentication App client, or null when it is off. */
  readonly app: DigitalAuthAppClient | null;
  /** The redirect URIs registered (one per public origin); a login comes back to the one it started from. */
  readonly redirectUris: readonly string[];
  /**
   * The app as a `JpkiSigner` for application signatures, one per registered sign redirect URI (one per
   * public origin, keyed by that URI): the signature comes back to the origin it started from. Empty when the app is off.
   */
  readonly appSigners: ReadonlyMap<string, JpkiSigner>;
  /** The provider's issuer (the callback's `iss` must be it), or null when the app is off. */
  readonly appIssuer: string | null;
  readonly pending: JpkiPendingSealer;
  /**
   * Signing drafts and the app's pending sign authorizations (`signing-session-store@1`): the database's
   * store, shared by every instance, so a signature started on one finishes on another (ADR 25).
   */
  readonly signingSessions: SigningSessionStore;
  /** A card this service reads itself (the test card): its authentication key logs in; null when there is none. */
  readonly cardSigner: JpkiSigner | null;
  /** Checks the authentication certificate's chain, policy and revocation. */
  readonly verifier: SignatureVerifier;
  /** The loopback stub provider when configured (embedded profile), for tests and the dev pages. */
  readonly stub: StubProvider | null;
  close(): Promise<void>;
}

export interface ResidentJpkiInput {
  readonly config: Config;
  readonly origins: readonly string[];
  readonly cardSigner: JpkiSigner | null;
  /** The card the stub signs with when the resident approves a signature (the test card's signature key). */
  readonly stubCard?: StubSigningCard | null;
  readonly verifier: SignatureVerifier;
  readonly links: ResidentJpkiLinkStore;
  readonly accounts: ResidentAccountStore;
  readonly loginState: ResidentLoginState;
  readonly clock: Clock;
  readonly hasher: Hasher;
  /** Where signing sessions live (the storage's, shared by instances); default: this process's memory. */
  readonly signingSessions?: SigningSessionStore;
}

/**
 * Builds the JPKI login: the link store and account use cases' deps, and the Digital Authentication
 * App — the loopback stub (keys made now, the stub told the public halves) or the configured provider
 * (keys from a 0600 file). The provider is not contacted here: discovery happens at the first login,
 * so a provider outage does not stop the service from starting.
 */
export const buildResidentJpki = async (input: ResidentJpkiInput): Promise<ResidentJpkiRuntime> => {
  const deps: ResidentJpkiDeps = {
    clock: input.clock,
    hasher: input.hasher,
    accounts: input.accounts,
    links: input.links,
    loginState: input.loginState,
    lockoutPolicy: RESIDENT_LOCKOUT_POLICY,
  };
  const redirectUris = [...new Set(input.origins.map((origin) => `${origin.replace(/\/+$/, "")}${JPKI_CALLBACK_PATH}`))];
  const signRedirectUris = [...new Set(input.origins.map((origin) => `${origin.replace(/\/+$/, "")}${SIGN_CALLBACK_PATH}`))];
  // Both kinds of return are registered with the provider; a login never comes back to the sign page or the reverse.
  const allRedirectUris = [...redirectUris, ...signRedirectUris];
  const signersOf = (app: DigitalAuthAppClient, issuer: string): ReadonlyMap<string, JpkiSigner> =>
    new Map(signRedirectUris.map((redirectUri) => [redirectUri, createDigitalAuthAppSigner({ client: app, issuer, redirectUri, now: () => input.clock.now(), sessions: signingSessions })]));
  const pending = createJpkiPendingSealer(input.config.passkeys.ceremonySecret ?? new Uint8Array(randomBytes(32)));
  const setting = input.config.digitalAuthApp;
  const signingSessions = input.signingSessions ?? createMemorySigningSessionStore();
  const card = { cardSigner: input.cardSigner, verifier: input.verifier, signingSessions };
  if (setting.kind === "off" || redirectUris.length === 0) return { deps, app: null, redirectUris, appSigners: new Map(), appIssuer: null, pending, ...card, stub: null, close: async () => undefined };

  if (setting.kind === "stub") {
    const keys = await generateClientKeys();
    const stub = await startStubProvider({
      clientId: "madoguchi-reference-app",
      clientAuthenticationPublicKey: keys.clientAuthenticationPublicKey,
      resultEncryptionPublicKey: keys.resultEncryptionPublicKey,
      redirectUris: allRedirectUris,
      resident: STUB_DEMO_RESIDENT,
      ...(input.stubCard === undefined || input.stubCard === null ? {} : { card: input.stubCard }),
    });
    const app = createDigitalAuthAppClient({
      issuer: stub.issuer,
      clientId: "madoguchi-reference-app",
      redirectUris: allRedirectUris,
      clientAuthenticationKey: keys.clientAuthenticationKey,
      resultDecryptionKey: keys.resultDecryptionKey,
    });
    // Without a card the stub cannot sign: the app is offered for login only.
    const appSigners = input.stubCard === undefined || input.stubCard === null ? new Map<string, JpkiSigner>() : signersOf(app, stub.issuer);
    return { deps, app, redirectUris, appSigners, appIssuer: stub.issuer, pending, ...card, stub, close: () => stub.close() };
  }

  const keys = JSON.parse(await readFile(setting.keysFile, "utf8")) as { clientAuthenticationKey?: Record<string, unknown>; resultDecryptionKey?: Record<string, unknown> };
  if (keys.clientAuthenticationKey === undefined || keys.resultDecryptionKey === undefined) {
    throw new Error("MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE must hold clientAuthenticationKey and resultDecryptionKey");
  }
  const app = createDigitalAuthAppClient({
    issuer: setting.issuer,
    clientId: setting.clientId,
    redirectUris: allRedirectUris,
    clientAuthenticationKey: keys.clientAuthenticationKey,
    resultDecryptionKey: keys.resultDecryptionKey,
  });
  return { deps, app, redirectUris, appSigners: signersOf(app, setting.issuer), appIssuer: setting.issuer, pending, ...card, stub: null, close: async () => undefined };
};
