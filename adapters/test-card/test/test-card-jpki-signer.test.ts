import { createHash } from "node:crypto";
import { sha256DigestInfo } from "@madoguchi/core";
import { okAsync } from "neverthrow";
import { beforeAll, describe, expect, it } from "vitest";
import { createSerialQueue, createTestCardJpkiSigner, type TestCard } from "../src/index.ts";
import { makeCaAndCard, PASSWORD } from "./fixtures.ts";

const digestInfo = sha256DigestInfo(new Uint8Array(createHash("sha256").update("doc").digest()));

let card: TestCard;
beforeAll(async () => {
  ({ card } = await makeCaAndCard());
});

const signerOver = (start: TestCard, now: { value: Date }) => {
  const state = { card: start, saves: 0 };
  const signer = createTestCardJpkiSigner({
    getCard: () => okAsync(state.card),
    saveCard: (next) => {
      state.card = next;
      state.saves += 1;
      return okAsync(undefined);
    },
    exclusive: createSerialQueue(),
    clock: { now: () => now.value },
    sessionTtlMs: 60_000,
  });
  return { signer, state };
};

describe("createTestCardJpkiSigner", () => {
  it("asks for the signature password with the tries left, and signs once even when completed twice at once", async () => {
    const { signer } = signerOver(card, { value: new Date("2026-11-15T00:00:00Z") });
    const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    expect(session.challenge).toEqual({ kind: "secret", secret: "signature_password", triesLeft: 5 });
    const completion = { kind: "secret", secret: PASSWORD } as const;
    const [a, b] = await Promise.all([
      signer.completeSigning({ sessionId: session.sessionId, completion }),
      signer.completeSigning({ sessionId: session.sessionId, completion }),
    ]);
    expect([a.isOk(), b.isOk()].sort()).toEqual([false, true]);
    expect((a.isErr() ? a : b)._unsafeUnwrapErr().reason).toBe("unknown_session");
  });

  it("refuses a session completed after it expired", async () => {
    const now = { value: new Date("2026-11-15T00:00:00Z") };
    const { signer } = signerOver(card, now);
    const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    expect(session.expiresAt).toEqual(new Date("2026-11-15T00:01:00Z"));
    now.value = new Date("2026-11-15T00:01:00.001Z");
    const error = (await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: PASSWORD } }))._unsafeUnwrapErr();
    expect(error.reason).toBe("session_expired");
  });

  it("refuses a malformed secret or an authorization code without using a try; saves the counter after a wrong one", async () => {
    const { signer, state } = signerOver(card, { value: new Date("2026-11-15T00:00:00Z") });
    const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    for (const completion of [
      { kind: "secret", secret: "short" },
      { kind: "secret", secret: "lowercase1" },
      { kind: "authorization_code", code: "x", state: "y" },
    ] as const) {
      expect((await signer.completeSigning({ sessionId: session.sessionId, completion }))._unsafeUnwrapErr().reason).toBe("invalid_input");
    }
    expect(state.saves).toBe(0);
    const wrong = (await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: "WRONG999" } }))._unsafeUnwrapErr();
    expect(wrong).toMatchObject({ reason: "wrong_secret", triesLeft: 4 });
    expect(state.card.triesLeft).toBe(4);
    // The session stays open after a wrong secret; the right one signs and resets the counter.
    expect((await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: PASSWORD } })).isOk()).toBe(true);
    expect(state.card.triesLeft).toBe(5);
  });

  it("a declined completion (cancel at the prompt) ends the session as cancelled without touching the card", async () => {
    const { signer, state } = signerOver(card, { value: new Date("2026-11-15T00:00:00Z") });
    const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    expect((await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: "WRONG999" } }))._unsafeUnwrapErr().triesLeft).toBe(4);
    const saves = state.saves;
    const declined = (await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "declined", error: "access_denied", state: null } }))._unsafeUnwrapErr();
    expect(declined).toMatchObject({ reason: "cancelled", retryable: false });
    expect(state.saves).toBe(saves);
    expect(state.card.triesLeft).toBe(4);
    const after = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: PASSWORD } });
    expect(after._unsafeUnwrapErr().reason).toBe("unknown_session");
  });

  it("answers no_certificate for the authentication key of a card issued without one", async () => {
    const { signer } = signerOver(card, { value: new Date("2026-11-15T00:00:00Z") });
    expect((await signer.startSigning({ digestInfo, key: "authentication" }))._unsafeUnwrapErr().reason).toBe("no_certificate");
  });
});
