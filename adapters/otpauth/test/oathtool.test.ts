/**
 * Cross-checks TOTP against Debian's `oathtool` (OATH Toolkit), an implementation independent of
 * `otpauth`: the codes the adapter computes, and the codes core's policy accepts, are the ones an
 * authenticator app would show. `.ci/run` installs oathtool; a missing oathtool fails these tests.
 */
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TotpSecret, totpTimeStep, verifyTotpCode, type TotpEnrolment } from "@madoguchi/core";
import { createOtpauthAuthenticator } from "../src/index.ts";

/** `oathtool --totp -b <secret> --now "<UTC>" -w <window>`: the codes from now to now + window steps. */
const oathtool = (secret: string, at: Date, window = 0): string[] =>
  execFileSync("oathtool", ["--totp", "-b", secret, "--now", `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`, "-w", String(window)], {
    encoding: "utf8",
  })
    .trim()
    .split("\n");

const totp = createOtpauthAuthenticator();

describe("TOTP agrees with oathtool", () => {
  it("on the RFC 6238 SHA-1 seed at the RFC's times", () => {
    const secret = TotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    for (const t of [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]) {
      const at = new Date(t * 1000);
      expect(totp.codeAt(secret, totpTimeStep(at))._unsafeUnwrap(), `T=${t}`).toEqual(oathtool(secret, at)[0]);
    }
  });

  it("on fresh secrets at random times, step by step (property, few runs: each spawns oathtool)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }), (at) => {
        const secret = totp.generateSecret();
        const expected = oathtool(secret, at, 2);
        const step = totpTimeStep(at);
        expect([0, 1, 2].map((i) => totp.codeAt(secret, step + i)._unsafeUnwrap())).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it("core's policy accepts oathtool's code of now, ±1 step, once each, and refuses ±2 steps", () => {
    const secret = totp.generateSecret();
    const now = new Date("2026-11-23T01:23:45Z");
    const [before2, before1, current, after1, after2] = oathtool(secret, new Date(now.getTime() - 60_000), 4);
    const fresh: TotpEnrolment = { secret, lastUsedStep: null, confirmedAt: now };
    for (const [code, accepted] of [[before2, false], [before1, true], [current, true], [after1, true], [after2, false]] as const) {
      expect(verifyTotpCode(totp, { enrolment: fresh, code: code ?? "", now }).isOk(), code).toBe(accepted);
    }
    const used = verifyTotpCode(totp, { enrolment: fresh, code: current ?? "", now })._unsafeUnwrap();
    expect(verifyTotpCode(totp, { enrolment: used, code: current ?? "", now })._unsafeUnwrapErr()).toMatchObject({ reason: "replayed" });
  });

  it("oathtool reads the secret from the provisioning URI and produces codes core accepts", async () => {
    const secret = totp.generateSecret();
    const p = (await totp.provisioning(secret, { issuer: "madoguchi", accountName: "staff-0001" }))._unsafeUnwrap();
    const fromUri = new URL(p.uri).searchParams.get("secret") ?? "";
    const now = new Date("2026-11-23T09:00:00Z");
    const [code] = oathtool(fromUri, now);
    expect(verifyTotpCode(totp, { enrolment: { secret, lastUsedStep: null, confirmedAt: now }, code: code ?? "", now }).isOk()).toBe(true);
  });
});
