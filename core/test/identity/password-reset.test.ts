import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { issuePasswordReset, PASSWORD_RESET_TTL_MS, redeemPasswordReset, requestPasswordReset, type PasswordResetTicket } from "../../src/index.ts";
import { cryptoRandom, sha256Hasher } from "./identity-fakes.ts";

const now = new Date("2026-11-23T09:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const deps = { random: cryptoRandom, hasher: sha256Hasher };
const redeem = (ticket: PasswordResetTicket, token: string, at: Date, mfa: { requires: boolean; verified: boolean } = { requires: false, verified: false }) =>
  redeemPasswordReset(deps, ticket, { token, now: at, requiresSecondFactor: mfa.requires, secondFactorVerified: mfa.verified });

describe("password reset tickets", () => {
  it("a 258-bit token, stored only as a hash, expiring after 30 minutes", () => {
    const { token, ticket } = issuePasswordReset(deps, { accountId: "r-1", now, requestedBy: "self" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(ticket)).not.toContain(token);
    expect(ticket.expiresAt).toEqual(later(PASSWORD_RESET_TTL_MS));
    expect(redeem(ticket, token, later(PASSWORD_RESET_TTL_MS - 1)).isOk()).toBe(true);
    expect(redeem(ticket, token, later(PASSWORD_RESET_TTL_MS))._unsafeUnwrapErr().reason).toBe("expired");
  });

  it("works once; another token does not work at all", () => {
    const { token, ticket } = issuePasswordReset(deps, { accountId: "r-1", now, requestedBy: "administrator" });
    const used = redeem(ticket, token, now)._unsafeUnwrap();
    expect(used.usedAt).toEqual(now);
    expect(redeem(used, token, now)._unsafeUnwrapErr().reason).toBe("used");
    const other = issuePasswordReset(deps, { accountId: "r-1", now, requestedBy: "self" });
    expect(redeem(ticket, other.token, now)._unsafeUnwrapErr().reason).toBe("mismatch");
  });

  it("never bypasses the second factor, and a refusal for that reason does not use the link up", () => {
    const { token, ticket } = issuePasswordReset(deps, { accountId: "s-1", now, requestedBy: "administrator" });
    expect(redeem(ticket, token, now, { requires: true, verified: false })._unsafeUnwrapErr().reason).toBe("second_factor_required");
    expect(redeem(ticket, token, now, { requires: true, verified: true }).isOk()).toBe(true);
  });
});

describe("requestPasswordReset", () => {
  it("answers alike for a registered and an unknown address; only the registered one gets a ticket and an email", async () => {
    const queued: { ticket: PasswordResetTicket; token: string }[] = [];
    const request = requestPasswordReset({
      ...deps,
      clock: { now: () => now },
      findAccountIdByEmail: (email) => okAsync(email === "hanako@example.jp" ? "r-1" : null),
      saveTicketAndQueueEmail: (ticket, token) => {
        queued.push({ ticket, token });
        return okAsync(undefined);
      },
    });
    const known = await request({ email: "hanako@example.jp" });
    const unknown = await request({ email: "nobody@example.jp" });
    expect(known).toEqual(unknown);
    expect(known.isOk()).toBe(true);
    expect(queued).toHaveLength(1);
    expect(queued[0]?.ticket.accountId).toBe("r-1");
    expect(queued[0]?.ticket.requestedBy).toBe("self");
  });
});
