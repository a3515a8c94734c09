import { describe, expect, it } from "vitest";
import type { JpkiSignerError, SignatureError } from "@madoguchi/core";
import { signerRefusal, signingRefusal, verifierRefusal } from "../src/http/routes/signing-messages.ts";

const VERIFIER_REASONS: readonly SignatureError["reason"][] = [
  "malformed", "content_mismatch", "bad_signature", "untrusted_chain", "expired", "not_yet_valid", "wrong_key_usage",
  "wrong_certificate_policy", "basic_information_invalid", "revoked", "revocation_unknown", "unavailable",
];
const SIGNER_REASONS: readonly JpkiSignerError["reason"][] = ["wrong_secret", "locked", "unknown_session", "session_expired", "cancelled", "invalid_input", "no_certificate", "unavailable"];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("every signing refusal the web can meet has its code, a Japanese and an English message, and next steps where there is one", () => {
  it("the verifier's reasons keep their signature.<reason> code", () => {
    for (const reason of VERIFIER_REASONS) {
      const e: SignatureError = { _tag: "SignatureError", reason, operation: "verify", retryable: reason === "unavailable", message: "" };
      const ja = verifierRefusal(e, "ja");
      const en = verifierRefusal(e, "en");
      expect(ja.body.error.code).toBe(`signature.${reason}`);
      expect(ja.body.error.message).toMatch(JAPANESE);
      expect(en.body.error.message).not.toMatch(JAPANESE);
      expect(ja.body.error.nextSteps.length, reason).toBeGreaterThan(0);
      expect(en.body.error.nextSteps).toHaveLength(ja.body.error.nextSteps.length);
      expect(ja.status).toBe(reason === "unavailable" || reason === "revocation_unknown" ? 503 : 400);
    }
  });

  it("the card's reasons: wrong password with tries left, locked with where to unlock, no signature certificate for under-15s", () => {
    const codes = SIGNER_REASONS.map((reason) => {
      const refusal = signerRefusal({ _tag: "JpkiSignerError", reason, operation: "completeSigning", retryable: false, message: "", triesLeft: 2 }, "ja");
      expect(refusal.body.error.message).toMatch(JAPANESE);
      return refusal.body.error.code;
    });
    // An unknown and an expired session read alike to the resident (start again); every other reason has its own code.
    expect(new Set(codes).size).toBe(SIGNER_REASONS.length - 1);
    expect(signerRefusal({ _tag: "JpkiSignerError", reason: "wrong_secret", operation: "x", retryable: false, message: "", triesLeft: 2 }, "ja").body.error).toMatchObject({ code: "signing.wrong_password", triesLeft: 2 });
    // The fifth wrong password is the lock.
    expect(signerRefusal({ _tag: "JpkiSignerError", reason: "wrong_secret", operation: "x", retryable: false, message: "", triesLeft: 0 }, "ja").body.error.code).toBe("signing.locked");
    expect(signerRefusal({ _tag: "JpkiSignerError", reason: "locked", operation: "x", retryable: false, message: "" }, "ja").body.error.nextSteps[0]).toContain("窓口");
    expect(signerRefusal({ _tag: "JpkiSignerError", reason: "no_certificate", operation: "x", retryable: false, message: "" }, "ja").body.error.message).toContain("15歳未満");
  });

  it("the hand-off's refusals say to show a new QR code", () => {
    for (const kind of ["handoff_unknown", "handoff_used", "handoff_expired"] as const) {
      expect(signingRefusal(kind, "ja").body.error.nextSteps.join("")).toContain("新しいQRコード");
      expect(signingRefusal(kind, "en").body.error.nextSteps.join("")).toContain("new QR code");
    }
  });
});
