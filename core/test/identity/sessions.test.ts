import { createMemoryStore } from "@madoguchi/adapter-memory";
import fc from "fast-check";
import type { ResultAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  completeLogin,
  endAllSessionsOf,
  endSession,
  hashSessionId,
  purgeExpiredSessions,
  resumeSession,
  RESIDENT_SESSION_POLICY,
  SESSION_ID_LENGTH,
  STAFF_SESSION_POLICY,
  startSession,
  steppedUpWithin,
  stepUpSession,
  type LiveSession,
  type SessionDeps,
} from "../../src/index.ts";
import { cryptoRandom, sha256Hasher } from "./identity-fakes.ts";

const setup = () => {
  let now = Date.UTC(2026, 3, 1, 0, 0, 0);
  const memory = createMemoryStore();
  const deps: SessionDeps = { store: memory.sessions, random: cryptoRandom, hasher: sha256Hasher, clock: { now: () => new Date(now) } };
  return { deps, store: memory.sessions, advance: (ms: number) => void (now += ms) };
};
const staff = { kind: "staff", id: "s-1" } as const;
const resident = { kind: "resident", id: "r-1" } as const;

const ok = async <T, E>(p: ResultAsync<T, E>): Promise<T> => {
  const r = await p;
  if (r.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};

describe("session rules", () => {
  it("ids are 43 base64url characters (258 bits) and only their hash is stored", async () => {
    const { deps, store } = setup();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const s = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
      expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.id).toHaveLength(SESSION_ID_LENGTH);
      expect(s.record.idHash).toBe(hashSessionId(sha256Hasher, s.id));
      expect(JSON.stringify(await ok(store.find(s.record.idHash)))).not.toContain(s.id);
      seen.add(s.id);
    }
    expect(seen.size).toBe(200);
  });

  it("a login replaces the session id the browser presented (no fixation)", async () => {
    const { deps } = setup();
    const planted = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    const fresh = await ok(startSession(deps, { principal: staff, stage: { kind: "active" }, previousId: planted.id }));
    expect(fresh.id).not.toBe(planted.id);
    expect(await ok(resumeSession(deps, planted.id))).toBeNull();
    expect((await ok(resumeSession(deps, fresh.id)))?.record.principal).toEqual(staff);
  });

  it("staff sessions end after 30 idle minutes and after 12 hours however active; residents after 24 hours", async () => {
    const { deps, advance } = setup();
    const idle = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    advance(STAFF_SESSION_POLICY.idleTimeoutMs - 1);
    expect(await ok(resumeSession(deps, idle.id))).not.toBeNull();
    advance(STAFF_SESSION_POLICY.idleTimeoutMs);
    expect(await ok(resumeSession(deps, idle.id))).toBeNull();

    const busyStaff = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    const busyResident = await ok(startSession(deps, { principal: resident, stage: { kind: "active" } }));
    let elapsed = 0;
    while (elapsed < 12 * 3_600_000 - 20 * 60_000) {
      advance(20 * 60_000);
      elapsed += 20 * 60_000;
      expect(await ok(resumeSession(deps, busyStaff.id))).not.toBeNull();
      expect(await ok(resumeSession(deps, busyResident.id))).not.toBeNull();
    }
    advance(20 * 60_000);
    expect(await ok(resumeSession(deps, busyStaff.id))).toBeNull();
    expect(await ok(resumeSession(deps, busyResident.id))).not.toBeNull();
    expect(RESIDENT_SESSION_POLICY.absoluteLifetimeMs).toBeLessThanOrEqual(24 * 3_600_000);
    expect(STAFF_SESSION_POLICY.absoluteLifetimeMs).toBeLessThanOrEqual(12 * 3_600_000);
  });

  it("a pending login expires after 10 minutes and completing it rotates the id; the pending id is then dead", async () => {
    const { deps, advance } = setup();
    const late = await ok(startSession(deps, { principal: staff, stage: { kind: "pending", due: "second_factor" } }));
    advance(STAFF_SESSION_POLICY.pendingLifetimeMs);
    expect(await ok(resumeSession(deps, late.id))).toBeNull();

    const pending = await ok(startSession(deps, { principal: staff, stage: { kind: "pending", due: "totp_enrolment" } }));
    advance(60_000);
    const done = await ok(completeLogin(deps, pending));
    expect(done.id).not.toBe(pending.id);
    expect(done.record.stage).toEqual({ kind: "active" });
    expect(done.record.stepUpAt).toEqual(done.record.createdAt);
    expect(await ok(resumeSession(deps, pending.id))).toBeNull();
    // Completing twice (a replayed pending cookie) fails: the old id is gone.
    const again = await completeLogin(deps, pending);
    expect(again.isErr() && again.error._tag).toBe("SessionGone");
  });

  it("step-up gives a new id and stepUpAt, keeps the absolute end, and requireStepUp's check follows maxAge", async () => {
    const { deps, advance } = setup();
    const s = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    expect(steppedUpWithin(s.record, new Date(s.record.createdAt), 60_000)).toBe(false);
    advance(5 * 60_000);
    const current = (await ok(resumeSession(deps, s.id)))!;
    const up = await ok(stepUpSession(deps, current));
    expect(up.id).not.toBe(s.id);
    expect(up.record.expiresAt).toEqual(s.record.expiresAt);
    expect(up.record.csrfToken).not.toBe(s.record.csrfToken);
    expect(await ok(resumeSession(deps, s.id))).toBeNull();
    const t = up.record.stepUpAt!;
    expect(steppedUpWithin(up.record, new Date(t.getTime() + 60_000), 60_000)).toBe(true);
    expect(steppedUpWithin(up.record, new Date(t.getTime() + 60_001), 60_000)).toBe(false);
  });

  it("logout deletes the session server-side; ending all of a principal's sessions leaves others'", async () => {
    const { deps } = setup();
    const a = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    const b = await ok(startSession(deps, { principal: staff, stage: { kind: "active" } }));
    const r = await ok(startSession(deps, { principal: { kind: "resident", id: "s-1" }, stage: { kind: "active" } }));
    expect(await ok(endSession(deps, a.id))).toBe(true);
    expect(await ok(resumeSession(deps, a.id))).toBeNull();
    expect(await ok(endAllSessionsOf(deps, staff))).toBe(1);
    expect(await ok(resumeSession(deps, b.id))).toBeNull();
    expect(await ok(resumeSession(deps, r.id))).not.toBeNull();
  });

  it("purging deletes exactly the sessions resume would refuse as idle or too old", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ resident: fc.boolean(), wait: fc.nat(40 * 60_000) }), { minLength: 1, maxLength: 8 }), fc.nat(30 * 3_600_000), async (starts, later) => {
        const { deps, store, advance } = setup();
        const made: LiveSession[] = [];
        for (const s of starts) {
          made.push(await ok(startSession(deps, { principal: s.resident ? resident : staff, stage: { kind: "active" } })));
          advance(s.wait);
        }
        advance(later);
        await ok(purgeExpiredSessions(deps));
        for (const s of made) {
          const kept = (await ok(store.find(s.record.idHash))) !== null;
          expect(kept).toBe((await ok(resumeSession(deps, s.id))) !== null);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("an id of the wrong shape is not looked up", async () => {
    const { deps } = setup();
    expect(await ok(resumeSession(deps, "short"))).toBeNull();
    expect(await ok(resumeSession(deps, undefined))).toBeNull();
  });
});
