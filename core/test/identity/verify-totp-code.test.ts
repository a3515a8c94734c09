import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  confirmTotpEnrolment,
  normalizeOtpInput,
  pendingTotpEnrolment,
  TOTP_POLICY,
  totpTimeStep,
  verifyTotpCode,
  verifyTotpLogin,
  type TotpEnrolment,
} from "../../src/index.ts";
import { hotp, oracleAuthenticator, RFC6238_SECRET } from "./totp-oracle.ts";

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);
const confirmed: TotpEnrolment = { secret: RFC6238_SECRET, lastUsedStep: null, confirmedAt: at(0) };

describe("the test oracle itself", () => {
  it("reproduces RFC 6238 appendix B (SHA-1, 8 digits)", () => {
    const vectors: readonly [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [t, code] of vectors) expect(hotp(RFC6238_SECRET, totpTimeStep(at(t)), 8)).toBe(code);
  });
});

describe("verifyTotpCode (RFC 6238 policy: server time, ±1 step, each code once)", () => {
  it("accepts the RFC 6238 vectors at their own times (6-digit truncation) and records the step", () => {
    for (const [t, code] of [[59, "287082"], [1111111109, "081804"], [1234567890, "005924"], [2000000000, "279037"]] as const) {
      const r = verifyTotpCode(oracleAuthenticator().authenticator, { enrolment: confirmed, code, now: at(t) });
      expect(r._unsafeUnwrap().lastUsedStep, String(t)).toBe(totpTimeStep(at(t)));
    }
  });

  it("forgives one step of skew either way, not two", () => {
    const { authenticator } = oracleAuthenticator();
    const now = at(1_800_000_015);
    const step = totpTimeStep(now);
    for (const [offset, accepted] of [[-2, false], [-1, true], [0, true], [1, true], [2, false]] as const) {
      const r = verifyTotpCode(authenticator, { enrolment: confirmed, code: hotp(RFC6238_SECRET, step + offset), now });
      expect(r.isOk(), `offset ${offset}`).toBe(accepted);
      if (!accepted) expect(r._unsafeUnwrapErr()).toMatchObject({ _tag: "TotpRejected", reason: "invalid" });
    }
  });

  it("accepts each code once: the same code again, or an older one, is replayed", () => {
    const { authenticator } = oracleAuthenticator();
    const now = at(1_800_000_015);
    const step = totpTimeStep(now);
    const first = verifyTotpCode(authenticator, { enrolment: confirmed, code: hotp(RFC6238_SECRET, step), now })._unsafeUnwrap();
    const again = verifyTotpCode(authenticator, { enrolment: first, code: hotp(RFC6238_SECRET, step), now: at(1_800_000_020) });
    expect(again._unsafeUnwrapErr().reason).toBe("replayed");
    const older = verifyTotpCode(authenticator, { enrolment: first, code: hotp(RFC6238_SECRET, step - 1), now });
    expect(older._unsafeUnwrapErr().reason).toBe("replayed");
    // The next step's code is still good.
    const next = verifyTotpCode(authenticator, { enrolment: first, code: hotp(RFC6238_SECRET, step + 1), now: at(1_800_000_031) });
    expect(next._unsafeUnwrap().lastUsedStep).toBe(step + 1);
  });

  it("property: no code is ever accepted twice, whatever the order and timing of attempts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ advance: fc.integer({ min: 0, max: 45 }), offset: fc.integer({ min: -2, max: 2 }) }), { maxLength: 60 }),
        (attempts) => {
          const { authenticator } = oracleAuthenticator();
          let enrolment = confirmed;
          let seconds = 1_900_000_000;
          const acceptedSteps: number[] = [];
          for (const a of attempts) {
            seconds += a.advance;
            const step = totpTimeStep(at(seconds)) + a.offset;
            const r = verifyTotpCode(authenticator, { enrolment, code: hotp(RFC6238_SECRET, step), now: at(seconds) });
            if (r.isOk()) {
              expect(acceptedSteps).not.toContain(step);
              expect(Math.abs(step - totpTimeStep(at(seconds)))).toBeLessThanOrEqual(TOTP_POLICY.skewSteps);
              acceptedSteps.push(step);
              enrolment = r.value;
            }
          }
          expect(acceptedSteps).toEqual([...acceptedSteps].sort((x, y) => x - y));
        },
      ),
    );
  });

  it("computes every step of the window whatever matches (no early exit)", () => {
    const { authenticator, calls } = oracleAuthenticator();
    const now = at(1_800_000_015);
    const step = totpTimeStep(now);
    verifyTotpCode(authenticator, { enrolment: confirmed, code: hotp(RFC6238_SECRET, step - 1), now });
    expect(calls).toEqual([step - 1, step, step + 1]);
  });

  it("never asks for a negative time step (HOTP counters are unsigned)", () => {
    const { authenticator, calls } = oracleAuthenticator();
    verifyTotpCode(authenticator, { enrolment: confirmed, code: "000000", now: at(10) });
    expect(calls).toEqual([0, 1]);
  });

  it("tidies what people type: full-width digits, spaces, hyphens; refuses anything else as malformed", () => {
    expect(normalizeOtpInput("２８７ ０８２", 6)).toBe("287082");
    expect(normalizeOtpInput("287-082", 6)).toBe("287082");
    for (const bad of ["28708", "2870821", "28708a", "", "٢٨٧٠٨٢"]) expect(normalizeOtpInput(bad, 6), bad).toBeNull();
    const r = verifyTotpCode(oracleAuthenticator().authenticator, { enrolment: confirmed, code: "２８７０８２", now: at(59) });
    expect(r.isOk()).toBe(true);
    expect(verifyTotpCode(oracleAuthenticator().authenticator, { enrolment: confirmed, code: "abc", now: at(59) })._unsafeUnwrapErr().reason).toBe("malformed");
  });

  it("enrolment: pending until a first code confirms it; that code is then used; logins need confirmation", () => {
    const { authenticator } = oracleAuthenticator();
    const pending = pendingTotpEnrolment(RFC6238_SECRET);
    const now = at(1_800_000_015);
    const code = hotp(RFC6238_SECRET, totpTimeStep(now));
    expect(verifyTotpLogin(authenticator, { enrolment: pending, code, now })._unsafeUnwrapErr().reason).toBe("not_confirmed");
    const done = confirmTotpEnrolment(authenticator, { enrolment: pending, code, now })._unsafeUnwrap();
    expect(done.confirmedAt).toEqual(now);
    expect(verifyTotpLogin(authenticator, { enrolment: done, code, now })._unsafeUnwrapErr().reason).toBe("replayed");
  });
});
