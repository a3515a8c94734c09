import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { passkeyChallengeLive, PASSKEY_CHALLENGE_TTL_MS, type PasskeyCeremonyPurpose } from "@madoguchi/core";

const NONCE_BYTES = 16;
const TAG_BYTES = 16;

/**
 * Passkey challenges that need no storage: `issuedAt (8) ‖ nonce (16) ‖ HMAC-SHA-256 tag (16)`, the
 * tag over the purpose and the session the ceremony belongs to (its id hash). A challenge is then only
 * good for its purpose, in its session, for {@link PASSKEY_CHALLENGE_TTL_MS}; and it is single use by
 * construction: a login ends by rotating the session (the old id hash is gone), and a registration
 * cannot add the same credential twice (credential ids are unique in the store).
 *
 * The secret must be the same on every app instance behind one address (`MADOGUCHI_CEREMONY_SECRET`);
 * by default each process makes its own, which suits the single-process embedded profile.
 */
export interface BoundChallenges {
  issue(purpose: PasskeyCeremonyPurpose, sessionIdHash: string, now: Date): string;
  /** Whether `challenge` was issued by us for this purpose and session, and is still live at `now`. */
  check(challenge: string, purpose: PasskeyCeremonyPurpose, sessionIdHash: string, now: Date): boolean;
}

export const createBoundChallenges = (secret: Uint8Array): BoundChallenges => {
  if (secret.length < 32) throw new TypeError("the ceremony secret must have at least 32 bytes");
  const tag = (purpose: string, sessionIdHash: string, head: Buffer): Buffer =>
    createHmac("sha256", secret).update(`madoguchi-passkey\u0000${purpose}\u0000${sessionIdHash}\u0000`).update(head).digest().subarray(0, TAG_BYTES);
  return {
    issue: (purpose, sessionIdHash, now) => {
      const head = Buffer.alloc(8 + NONCE_BYTES);
      head.writeBigUInt64BE(BigInt(now.getTime()));
      randomBytes(NONCE_BYTES).copy(head, 8);
      return Buffer.concat([head, tag(purpose, sessionIdHash, head)]).toString("base64url");
    },
    check: (challenge, purpose, sessionIdHash, now) => {
      const bytes = Buffer.from(challenge, "base64url");
      if (bytes.length !== 8 + NONCE_BYTES + TAG_BYTES) return false;
      const head = bytes.subarray(0, 8 + NONCE_BYTES);
      if (!timingSafeEqual(tag(purpose, sessionIdHash, head), bytes.subarray(8 + NONCE_BYTES))) return false;
      return passkeyChallengeLive(new Date(Number(head.readBigUInt64BE(0))), now);
    },
  };
};

/** What a ceremony is bound to: a hash of the session id (the id itself stays in the cookie only). */
export const sessionBindingOf = (sessionId: string): string => createHash("sha256").update(`madoguchi-session\u0000${sessionId}`).digest("hex");
