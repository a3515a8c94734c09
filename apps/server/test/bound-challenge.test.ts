import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PASSKEY_CHALLENGE_TTL_MS } from "@madoguchi/core";
import { createBoundChallenges, sessionBindingOf } from "../src/passkeys/bound-challenge.ts";

describe("passkey challenges bound to a session", () => {
  const challenges = createBoundChallenges(new Uint8Array(randomBytes(32)));
  const session = sessionBindingOf("session-a");
  const t0 = new Date("2026-11-23T03:00:00Z");
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it("are accepted for their purpose, in their session, for five minutes — and not otherwise", () => {
    const c = challenges.issue("login", session, t0);
    expect(Buffer.from(c, "base64url").length).toBe(40);
    expect(challenges.check(c, "login", session, later(PASSKEY_CHALLENGE_TTL_MS))).toBe(true);
    expect(challenges.check(c, "login", session, later(PASSKEY_CHALLENGE_TTL_MS + 1))).toBe(false);
    expect(challenges.check(c, "register", session, t0)).toBe(false);
    expect(challenges.check(c, "login", sessionBindingOf("session-b"), t0)).toBe(false);
    expect(challenges.issue("login", session, t0)).not.toBe(c);
  });

  it("refuse a challenge with any byte changed, one of another secret, and junk", () => {
    const c = challenges.issue("register", session, t0);
    const bytes = Buffer.from(c, "base64url");
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 1;
      expect(challenges.check(changed.toString("base64url"), "register", session, t0), `byte ${i}`).toBe(false);
    }
    expect(createBoundChallenges(new Uint8Array(randomBytes(32))).check(c, "register", session, t0)).toBe(false);
    expect(challenges.check("", "register", session, t0)).toBe(false);
    expect(() => createBoundChallenges(new Uint8Array(16))).toThrow(TypeError);
  });
});
