import { createHash } from "node:crypto";
import { createTestCa, signDetached, issueTestCard } from "@madoguchi/adapter-test-card";
import { TRUST_ANCHOR_STORE_CONTRACT } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { createCmsSignatureVerifierFromStore, createPinnedTrustAnchorStore } from "../src/index.ts";
import { alwaysGood } from "./revocation-fakes.ts";

const issuedAt = new Date("2026-11-01T00:00:00Z");
const at = new Date("2026-11-15T00:00:00Z");
const fingerprint = (pem: string) =>
  createHash("sha256").update(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64")).digest("hex");

describe("createPinnedTrustAnchorStore", () => {
  it("keeps several generations per purpose, each pinned; the verifier built from it trusts exactly them", async () => {
    const [older, newer, auth] = await Promise.all([
      createTestCa({ now: issuedAt, generation: "2019" }),
      createTestCa({ now: issuedAt, generation: "2023" }),
      createTestCa({ now: issuedAt, generation: "auth 2023" }),
    ]).then((all) => all.map((r) => r._unsafeUnwrap()));
    const pinned = (generation: string, pem: string, purpose: "signature" | "authentication" = "signature") => ({
      purpose,
      generation,
      pem,
      // Pins as people copy them: upper case with colons.
      sha256: fingerprint(pem).toUpperCase().replace(/(..)(?!$)/g, "$1:"),
    });
    const store = createPinnedTrustAnchorStore([
      pinned("JPKI sign 2019", older!.certificatePem),
      pinned("JPKI sign 2023", newer!.certificatePem),
      pinned("JPKI auth 2023", auth!.certificatePem, "authentication"),
    ]);
    expect(store.meta.contract).toBe(TRUST_ANCHOR_STORE_CONTRACT);
    const signature = (await store.list("signature"))._unsafeUnwrap();
    expect(signature.map((a) => a.generation)).toEqual(["JPKI sign 2019", "JPKI sign 2023"]);
    expect(signature[0]!.sha256Fingerprint).toBe(fingerprint(older!.certificatePem));
    expect((await store.list("authentication"))._unsafeUnwrap().map((a) => a.generation)).toEqual(["JPKI auth 2023"]);

    const verifier = (await createCmsSignatureVerifierFromStore(store, alwaysGood))._unsafeUnwrap();
    const content = new TextEncoder().encode("{}");
    for (const ca of [older!, newer!]) {
      const card = (await issueTestCard(ca, {
        basicInfo: { name: "山田 花子", nameSubstitute: "山田 花子", sex: "2", dateOfBirth: "519990101", address: "みほん県みほん市本町1番地", addressSubstitute: "みほん県みほん市本町1番地" },
        notBefore: issuedAt,
        notAfter: new Date("2031-11-01T00:00:00Z"),
        signaturePassword: "MADO1234",
      }))._unsafeUnwrap();
      const { cms } = (await signDetached(card, content, { password: "MADO1234", signingTime: at }))._unsafeUnwrap();
      const verified = (await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrap();
      expect(verified.trustAnchorSha256).toBe(fingerprint(ca.certificatePem));
    }
  });

  it("refuses a certificate that does not match its pin, and a file that is not one certificate", async () => {
    const [ca, other] = await Promise.all([createTestCa({ now: issuedAt }), createTestCa({ now: issuedAt })]).then((all) =>
      all.map((r) => r._unsafeUnwrap()),
    );
    const swapped = createPinnedTrustAnchorStore([
      { purpose: "signature", generation: "JPKI sign 2023", pem: other!.certificatePem, sha256: fingerprint(ca!.certificatePem) },
    ]);
    const error = (await swapped.list("signature"))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "TrustAnchorError", reason: "pin_mismatch", retryable: false });
    expect((await createCmsSignatureVerifierFromStore(swapped, alwaysGood)).isErr()).toBe(true);
    const notOne = createPinnedTrustAnchorStore([
      { purpose: "signature", generation: "two in one", pem: ca!.certificatePem + other!.certificatePem, sha256: fingerprint(ca!.certificatePem) },
    ]);
    expect((await notOne.list("signature"))._unsafeUnwrapErr().reason).toBe("malformed");
  });
});
