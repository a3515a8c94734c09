import { generateKeyPairSync, randomBytes } from "node:crypto";
import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  PASSKEY_RELYING_PARTY_CONTRACT,
  verifyPasskeyLogin,
  type Passkey,
  type PasskeyRejectionReason,
  type PasskeyRelyingParty,
} from "@madoguchi/core";
import { createSoftwareAuthenticator, type CeremonyTwist } from "./software-authenticator.ts";

/** Where the suite runs ceremonies: the adapter must be built for exactly this RP id and origin. */
export interface RelyingPartySetting {
  readonly rpId: string;
  readonly origin: string;
}

/** Builds a ready {@link PasskeyRelyingParty} for `setting`. */
export type MakePasskeyRelyingParty = (setting: RelyingPartySetting) => PasskeyRelyingParty | Promise<PasskeyRelyingParty>;

/** Tuning of {@link describePasskeyRelyingPartyContract}. */
export interface PasskeyRelyingPartyContractOptions {
  /** fast-check runs per property (default 25: each run makes a key pair). */
  readonly numRuns?: number;
}

/** The setting of every case: the development host, the staff listener's port. */
export const PASSKEY_TEST_SETTING: RelyingPartySetting = { rpId: "localhost", origin: "http://localhost:3002" };

const NOW = new Date("2026-11-23T03:00:00Z");
const USER = { accountId: "staff-0001", name: "suzuki.hanako", displayName: "鈴木 花子" };
/** A fresh challenge as a caller makes one (32 random bytes, base64url). */
const newChallenge = () => randomBytes(32).toString("base64url");

const okValue = async <T, E extends { readonly _tag: string }>(pending: Result<T, E> | PromiseLike<Result<T, E>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${result.error._tag} ${"reason" in result.error ? String(result.error.reason) : ""}`);
  return result.value;
};

const rejectionOf = async <T, E extends { readonly _tag: string }>(pending: Result<T, E> | PromiseLike<Result<T, E>>): Promise<PasskeyRejectionReason> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected the answer to be rejected, it was accepted");
  const error = result.error as unknown as { _tag: string; reason: PasskeyRejectionReason };
  expect(error._tag).toBe("PasskeyRejected");
  return error.reason;
};

/** A relying party, an authenticator, and one registered passkey. */
const registered = async (make: MakePasskeyRelyingParty) => {
  const rp = await make(PASSKEY_TEST_SETTING);
  const authenticator = createSoftwareAuthenticator(PASSKEY_TEST_SETTING);
  const start = await okValue(rp.registrationOptions({ user: USER, exclude: [], challenge: newChallenge() }));
  const response = authenticator.register(start.options);
  const passkey = await okValue(rp.verifyRegistration({ response, expectedChallenge: start.challenge, label: "iPhone", now: NOW }));
  return { rp, authenticator, passkey };
};

/** One login attempt with `twist`, through core's policy (as the apps call it). */
const login = async (rp: PasskeyRelyingParty, authenticator: ReturnType<typeof createSoftwareAuthenticator>, passkeys: readonly Passkey[], credentialId: string, twist: CeremonyTwist = {}) => {
  const start = await okValue(rp.authenticationOptions({ allow: passkeys, challenge: newChallenge() }));
  const response = authenticator.authenticate(start.options, credentialId, twist);
  return verifyPasskeyLogin(rp)({ response, expectedChallenge: start.challenge, passkeys, now: NOW });
};

const BAD_CEREMONIES: readonly (readonly [string, CeremonyTwist, PasskeyRejectionReason])[] = [
  ["answers another challenge (replay, other tab)", { challenge: "AAAAAAAAAAAAAAAAAAAAAA" }, "challenge_mismatch"],
  ["was made on a phishing origin", { origin: "https://madoguchi-login.example.com" }, "origin_mismatch"],
  ["is scoped to another relying party", { rpId: "example.com" }, "rp_mismatch"],
  ["lacks user verification (presence only)", { userVerified: false }, "user_not_verified"],
];

/**
 * The contract every {@link PasskeyRelyingParty} adapter passes, driven by an independent software
 * authenticator: real registrations and logins verify, and every tampered or misdirected answer is
 * rejected with its own reason.
 */
export const describePasskeyRelyingPartyContract = (
  name: string,
  make: MakePasskeyRelyingParty,
  options: PasskeyRelyingPartyContractOptions = {},
): void => {
  const numRuns = options.numRuns ?? 25;

  describe(`${PASSKEY_RELYING_PARTY_CONTRACT} contract: ${name}`, () => {
    it("declares its contract and is healthy", async () => {
      const rp = await make(PASSKEY_TEST_SETTING);
      expect(rp.meta.contract).toBe(PASSKEY_RELYING_PARTY_CONTRACT);
      await okValue(rp.healthCheck());
    });

    it("registration options: this RP, user verification required, the account id as user handle, the caller's challenge, registered passkeys excluded", async () => {
      const { rp, passkey } = await registered(make);
      const challenge = newChallenge();
      const a = await okValue(rp.registrationOptions({ user: USER, exclude: [passkey], challenge }));
      expect(a.challenge).toBe(challenge);
      expect(a.options["challenge"]).toBe(challenge);
      const login = await okValue(rp.authenticationOptions({ allow: [passkey], challenge }));
      expect(login.options["challenge"]).toBe(challenge);
      expect((login.options["userVerification"] as string)).toBe("required");
      expect((a.options["rp"] as { id: string }).id).toBe(PASSKEY_TEST_SETTING.rpId);
      expect((a.options["authenticatorSelection"] as { userVerification: string }).userVerification).toBe("required");
      const user = a.options["user"] as { id: string; name: string };
      expect(Buffer.from(user.id, "base64url").toString("utf8")).toBe(USER.accountId);
      expect(user.name).toBe(USER.name);
      expect((a.options["excludeCredentials"] as { id: string }[]).map((c) => c.id)).toEqual([passkey.credentialId]);
    });

    it("a real authenticator's registration verifies and yields the passkey to store", async () => {
      const { passkey, authenticator } = await registered(make);
      expect(authenticator.credentials.has(passkey.credentialId)).toBe(true);
      expect(passkey).toMatchObject({ signCount: 0, label: "iPhone", createdAt: NOW, lastUsedAt: null, transports: ["internal"] });
      expect(passkey.publicKey.length).toBeGreaterThan(40);
    });

    for (const [what, twist, reason] of [...BAD_CEREMONIES, ["is a login answer", { type: "webauthn.get" }, "wrong_ceremony"] as const]) {
      it(`a registration that ${what} is rejected: ${reason}`, async () => {
        const rp = await make(PASSKEY_TEST_SETTING);
        const start = await okValue(rp.registrationOptions({ user: USER, exclude: [], challenge: newChallenge() }));
        const response = createSoftwareAuthenticator(PASSKEY_TEST_SETTING).register(start.options, twist);
        expect(await rejectionOf(rp.verifyRegistration({ response, expectedChallenge: start.challenge, label: "x", now: NOW }))).toBe(reason);
      });
    }

    it("anything that is not a WebAuthn answer is `malformed`, never a throw", async () => {
      const rp = await make(PASSKEY_TEST_SETTING);
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (junk) => {
          expect(await rejectionOf(rp.verifyRegistration({ response: junk, expectedChallenge: "AAAAAAAAAAAAAAAAAAAAAA", label: "x", now: NOW }))).toBe("malformed");
          const id = rp.credentialIdOf(junk);
          expect(id.isErr() && id.error.reason).toBe("malformed");
        }),
        { numRuns },
      );
    });

    it("a login verifies, advances the counter and records the use", async () => {
      const { rp, authenticator, passkey } = await registered(make);
      const first = await okValue(login(rp, authenticator, [passkey], passkey.credentialId));
      expect(first).toMatchObject({ credentialId: passkey.credentialId, signCount: 1, lastUsedAt: NOW });
      const second = await okValue(login(rp, authenticator, [first], passkey.credentialId));
      expect(second.signCount).toBe(2);
    });

    for (const [what, twist, reason] of [
      ...BAD_CEREMONIES,
      ["is a registration answer", { type: "webauthn.create" }, "wrong_ceremony"] as const,
      ["is signed by another key", { signingKey: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey }, "signature_invalid"] as const,
    ]) {
      it(`a login that ${what} is rejected: ${reason}`, async () => {
        const { rp, authenticator, passkey } = await registered(make);
        expect(await rejectionOf(login(rp, authenticator, [passkey], passkey.credentialId, twist))).toBe(reason);
      });
    }

    it("a passkey registered to another account is `unknown_credential`", async () => {
      const { rp, authenticator, passkey } = await registered(make);
      const start = await okValue(rp.registrationOptions({ user: { ...USER, accountId: "staff-0002" }, exclude: [], challenge: newChallenge() }));
      const other = await okValue(rp.verifyRegistration({ response: authenticator.register(start.options), expectedChallenge: start.challenge, label: "y", now: NOW }));
      expect(await rejectionOf(login(rp, authenticator, [passkey], other.credentialId))).toBe("unknown_credential");
    });

    it("a counter that does not advance (a cloned authenticator, a replayed assertion) is refused", async () => {
      const { rp, authenticator, passkey } = await registered(make);
      const used = await okValue(login(rp, authenticator, [passkey], passkey.credentialId, { signCount: 7 }));
      expect(used.signCount).toBe(7);
      expect(await rejectionOf(login(rp, authenticator, [used], passkey.credentialId, { signCount: 7 }))).toBe("counter_regressed");
      expect(await rejectionOf(login(rp, authenticator, [used], passkey.credentialId, { signCount: 3 }))).toBe("counter_regressed");
    });

    it("every flipped byte of the signature, authenticator data or client data is rejected", async () => {
      const { rp, authenticator, passkey } = await registered(make);
      const start = await okValue(rp.authenticationOptions({ allow: [passkey], challenge: newChallenge() }));
      const genuine = authenticator.authenticate(start.options, passkey.credentialId);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("signature", "authenticatorData", "clientDataJSON"), fc.nat(), fc.integer({ min: 1, max: 255 }), async (part, at, mask) => {
          const bytes = Buffer.from(genuine.response[part], "base64url");
          const i = at % bytes.length;
          bytes[i] = (bytes[i] ?? 0) ^ mask;
          const response = { ...genuine, response: { ...genuine.response, [part]: bytes.toString("base64url") } };
          await rejectionOf(verifyPasskeyLogin(rp)({ response, expectedChallenge: start.challenge, passkeys: [passkey], now: NOW }));
        }),
        { numRuns },
      );
      // The framing of a DER signature too — its tag and outer length, which a library that unwraps r and s
      // ignores for some bits — every bit every time, rather than when the property happens to pick them.
      const signature = Buffer.from(genuine.response.signature, "base64url");
      for (const at of signature[0] === 0x30 ? [0, 1] : []) {
        for (let bit = 0; bit < 8; bit++) {
          const reframed = Buffer.from(signature);
          reframed[at] = (reframed[at] ?? 0) ^ (1 << bit);
          const response = { ...genuine, response: { ...genuine.response, signature: reframed.toString("base64url") } };
          await rejectionOf(verifyPasskeyLogin(rp)({ response, expectedChallenge: start.challenge, passkeys: [passkey], now: NOW }));
        }
      }
    });
  });
};
