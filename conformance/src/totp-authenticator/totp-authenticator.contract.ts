import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  TOTP_AUTHENTICATOR_CONTRACT,
  TotpSecret,
  totpTimeStep,
  verifyTotpCode,
  type TotpAuthenticator,
  type TotpProvisioning,
} from "@madoguchi/core";

/** Builds a ready {@link TotpAuthenticator} for one test. */
export type MakeTotpAuthenticator = () => TotpAuthenticator | Promise<TotpAuthenticator>;

/**
 * Raw-read hook: decodes the QR code of a provisioning (e.g. its PNG data URL) with a reader
 * independent of the adapter and returns the text it holds, or `null` if none is found. The suite
 * then checks the QR holds exactly the URI — what a phone will scan, not what the adapter says.
 */
export type ReadQrCode = (provisioning: TotpProvisioning) => Promise<string | null>;

/** Tuning of {@link describeTotpAuthenticatorContract}. */
export interface TotpAuthenticatorContractOptions {
  readonly readQrCode: ReadQrCode;
  /** fast-check runs per property (default 50). */
  readonly numRuns?: number;
}

/** One named check of the TOTP-authenticator contract. */
export interface TotpAuthenticatorCase {
  readonly name: string;
  readonly run: (make: MakeTotpAuthenticator, options: TotpAuthenticatorContractOptions) => Promise<void>;
}

const okValue = async <T, E extends { readonly _tag: string }>(pending: Result<T, E> | PromiseLike<Result<T, E>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${result.error._tag}`);
  return result.value;
};

/** RFC 4648 base32 of RFC 6238 appendix B's SHA-1 seed "12345678901234567890". */
export const RFC6238_SHA1_SECRET = TotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

/** RFC 6238 appendix B, SHA-1 rows, truncated to 6 digits (the last 6 of the 8 printed). */
export const RFC6238_SHA1_VECTORS: readonly (readonly [unixSeconds: number, code: string])[] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

const label = { issuer: "千代田区 madoguchi", accountName: "staff-0001" };

/** The cases of the TOTP-authenticator contract, exported so tests can prove each catches a broken adapter. */
export const totpAuthenticatorCases: readonly TotpAuthenticatorCase[] = [
  {
    name: "declares the totp-authenticator@1 contract",
    run: async (make) => {
      expect((await make()).meta.contract).toBe(TOTP_AUTHENTICATOR_CONTRACT);
    },
  },
  {
    name: "reproduces the RFC 6238 SHA-1 test vectors (6 digits, zero-padded)",
    run: async (make) => {
      const totp = await make();
      for (const [t, code] of RFC6238_SHA1_VECTORS) {
        expect(await okValue(totp.codeAt(RFC6238_SHA1_SECRET, totpTimeStep(new Date(t * 1000)))), `T=${t}`).toBe(code);
      }
    },
  },
  {
    name: "generates distinct base32 secrets of at least 160 bits",
    run: async (make) => {
      const totp = await make();
      const secrets = new Set<string>();
      for (let i = 0; i < 100; i++) {
        const s = totp.generateSecret();
        expect(s).toMatch(/^[A-Z2-7]{32,}$/);
        secrets.add(s);
      }
      expect(secrets.size).toBe(100);
    },
  },
  {
    name: "codes are 6 ASCII digits at every step, and core's policy accepts them at that step (property)",
    run: async (make, options) => {
      const totp = await make();
      const secret = totp.generateSecret();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 32 }) /* steps up to the year 4000+, within Date's range */, async (step) => {
          const code = await okValue(totp.codeAt(secret, step));
          expect(code).toMatch(/^[0-9]{6}$/);
          const now = new Date(step * 30_000 + 15_000);
          const verified = verifyTotpCode(totp, { enrolment: { secret, lastUsedStep: null, confirmedAt: now }, code, now });
          expect(verified.isOk() && verified.value.lastUsedStep).toBe(step);
        }),
        { numRuns: options.numRuns ?? 50 },
      );
    },
  },
  {
    name: "refuses secrets that are not base32 of at least 160 bits (invalid_secret)",
    run: async (make) => {
      const totp = await make();
      for (const bad of ["", "GEZDGNBVGY3TQOJQ", "gezdgnbvgy3tqojqgezdgnbvgy3tqojq", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", "GEZDGNBVGY3TQOJQ GEZDGNBVGY3TQOJQ"]) {
        const r = totp.codeAt(TotpSecret(bad), 1);
        if (r.isOk()) expect.fail(`accepted ${JSON.stringify(bad)}`);
        expect(r.error.reason).toBe("invalid_secret");
      }
    },
  },
  {
    name: "provisioning: an otpauth://totp URI with the secret, issuer, SHA1, 6 digits, 30 s",
    run: async (make) => {
      const totp = await make();
      const secret = totp.generateSecret();
      const p = await okValue(totp.provisioning(secret, label));
      const url = new URL(p.uri);
      expect(url.protocol).toBe("otpauth:");
      expect(url.host).toBe("totp");
      expect(decodeURIComponent(url.pathname)).toBe(`/${label.issuer}:${label.accountName}`);
      expect(url.searchParams.get("secret")).toBe(secret);
      expect(url.searchParams.get("issuer")).toBe(label.issuer);
      expect(url.searchParams.get("algorithm") ?? "SHA1").toBe("SHA1");
      expect(url.searchParams.get("digits") ?? "6").toBe("6");
      expect(url.searchParams.get("period") ?? "30").toBe("30");
    },
  },
  {
    name: "provisioning: the QR codes hold exactly the URI (read back independently)",
    run: async (make, options) => {
      const totp = await make();
      const p = await okValue(totp.provisioning(totp.generateSecret(), label));
      expect(p.qrSvg).toMatch(/<svg[\s>]/);
      expect(p.qrDataUrl.startsWith("data:image/png;base64,")).toBe(true);
      expect(await options.readQrCode(p)).toBe(p.uri);
    },
  },
  {
    name: "passes its health check",
    run: async (make) => {
      await okValue((await make()).healthCheck());
    },
  },
];

/**
 * Registers the TOTP-authenticator contract (`totp-authenticator@1`) as vitest tests.
 *
 * @param name - adapter name shown in the test report
 * @param make - returns a ready authenticator
 * @param options - the QR raw-read hook, and tuning
 */
export const describeTotpAuthenticatorContract = (name: string, make: MakeTotpAuthenticator, options: TotpAuthenticatorContractOptions): void => {
  describe(`totp-authenticator contract: ${name}`, () => {
    for (const c of totpAuthenticatorCases) it(c.name, () => c.run(make, options));
  });
};
