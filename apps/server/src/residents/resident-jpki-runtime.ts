import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  createDigitalAuthAppClient,
  generateClientKeys,
  startStubProvider,
  type DigitalAuthAppClient,
  type StubProvider,
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
} from "@madoguchi/core";
import type { Config } from "../config/config.ts";
import { createJpkiPendingSealer, type JpkiPendingSealer } from "./jpki-pending-cookie.ts";

/** Path of the page the app sends the resident back to; it posts the code to `/api/resident/jpki/app/finish`. */
export const JPKI_CALLBACK_PATH = "/account/jpki-callback";

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
  readonly pending: JpkiPendingSealer;
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
  readonly verifier: SignatureVerifier;
  readonly links: ResidentJpkiLinkStore;
  readonly accounts: ResidentAccountStore;
  readonly loginState: ResidentLoginState;
  readonly clock: Clock;
  readonly hasher: Hasher;
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
  const pending = createJpkiPendingSealer(input.config.passkeys.ceremonySecret ?? new Uint8Array(randomBytes(32)));
  const setting = input.config.digitalAuthApp;
  const card = { cardSigner: input.cardSigner, verifier: input.verifier };
  if (setting.kind === "off" || redirectUris.length === 0) return { deps, app: null, redirectUris, pending, ...card, stub: null, close: async () => undefined };

  if (setting.kind === "stub") {
    const keys = await generateClientKeys();
    const stub = await startStubProvider({
      clientId: "madoguchi-reference-app",
      clientAuthenticationPublicKey: keys.clientAuthenticationPublicKey,
      resultEncryptionPublicKey: keys.resultEncryptionPublicKey,
      redirectUris,
      resident: STUB_DEMO_RESIDENT,
    });
    const app = createDigitalAuthAppClient({
      issuer: stub.issuer,
      clientId: "madoguchi-reference-app",
      redirectUris,
      clientAuthenticationKey: keys.clientAuthenticationKey,
      resultDecryptionKey: keys.resultDecryptionKey,
    });
    return { deps, app, redirectUris, pending, ...card, stub, close: () => stub.close() };
  }

  const keys = JSON.parse(await readFile(setting.keysFile, "utf8")) as { clientAuthenticationKey?: Record<string, unknown>; resultDecryptionKey?: Record<string, unknown> };
  if (keys.clientAuthenticationKey === undefined || keys.resultDecryptionKey === undefined) {
    throw new Error("MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE must hold clientAuthenticationKey and resultDecryptionKey");
  }
  const app = createDigitalAuthAppClient({
    issuer: setting.issuer,
    clientId: setting.clientId,
    redirectUris,
    clientAuthenticationKey: keys.clientAuthenticationKey,
    resultDecryptionKey: keys.resultDecryptionKey,
  });
  return { deps, app, redirectUris, pending, ...card, stub: null, close: async () => undefined };
};
