import { createHash } from "node:crypto";
import type { RevocationStatus } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcspRevocationChecker, type OcspRevocationCheckerOptions } from "../src/index.ts";
import {
  makeOpensslPki,
  opensslResponseFor,
  startLoopbackServer,
  startOpensslResponder,
  stopAllResponders,
  type IndexRow,
  type Leaf,
  type OpensslPki,
} from "./openssl-pki.ts";

// The OCSP checker against OpenSSL's own responder (`openssl ocsp -index … -port 0`) over a PKI that
// OpenSSL made: good, revoked with reason and time, unknown, and every answer that must not be believed.

const DAY = 86_400_000;
let pki: OpensslPki;
let rows: IndexRow[];
let revokedAt: Date;

beforeAll(async () => {
  pki = await makeOpensslPki();
  revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * DAY);
  rows = [
    { serial: pki.leaves[0].serial, status: "valid" },
    { serial: pki.leaves[1].serial, status: "revoked", revokedAt, reason: "keyCompromise" },
    // leaves[2] is in no row: OpenSSL answers "unknown" for it.
  ];
}, 120_000);

afterAll(async () => {
  await stopAllResponders();
  await pki?.remove();
});

const check = async (leaf: Leaf, url: string, options: Omit<OcspRevocationCheckerOptions, "responderUrl"> = {}, at = new Date()) => {
  const checker = createOcspRevocationChecker({ responderUrl: url, timeoutMs: 5_000, retryDelayMs: 10, ...options });
  return checker.check({ certificateDer: leaf.der, issuerDer: pki.ca.der, at });
};

const statusOf = async (...args: Parameters<typeof check>): Promise<RevocationStatus> => {
  const result = await check(...args);
  if (result.isErr()) return expect.fail(`check failed: ${result.error.reason}: ${result.error.message}`);
  return result.value;
};

describe("OCSP against OpenSSL's responder", () => {
  for (const [signer, keyId] of [["the CA itself", false], ["a delegated responder", false], ["a delegated responder named by key hash", true]] as const) {
    for (const certIdHash of ["SHA-1", "SHA-256"] as const) {
      it(`good, revoked (reason and time) and unknown — signed by ${signer}, CertID ${certIdHash}`, async () => {
        const responder = await startOpensslResponder(pki, { rows, signer: signer === "the CA itself" ? pki.ca : pki.responder, ndays: 1, keyId });
        try {
          const good = await statusOf(pki.leaves[0], responder.url, { certIdHash });
          expect(good.status).toBe("good");
          const revoked = await statusOf(pki.leaves[1], responder.url, { certIdHash });
          expect(revoked).toMatchObject({ status: "revoked", reason: "keyCompromise" });
          expect(revoked.status === "revoked" && revoked.revokedAt.getTime()).toBe(revokedAt.getTime());
          const unknown = await statusOf(pki.leaves[2], responder.url, { certIdHash });
          expect(unknown).toMatchObject({ status: "unknown", why: expect.stringMatching(/does not know the certificate/) });

          // The evidence is the signed DER response itself, and names the signer and the serial.
          const evidence = good.evidence;
          if (evidence?.source !== "ocsp") return expect.fail("OCSP evidence expected");
          expect(evidence.serialNumber).toBe(pki.leaves[0].serial.toLowerCase());
          expect(evidence.responseSha256).toBe(createHash("sha256").update(evidence.responseDer).digest("hex"));
          expect(evidence.responder).toContain(signer === "the CA itself" ? "OCSP test CA" : "OCSP responder");
          expect(evidence.nextUpdate!.getTime() - evidence.thisUpdate.getTime()).toBe(DAY);
        } finally {
          await responder.close();
        }
      });
    }
  }

  it("every CRL reason OpenSSL's index can say comes back as that reason", async () => {
    const reasons = ["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold"] as const;
    const leaves = await Promise.all(reasons.map(() => pki.issueLeaf()));
    const responder = await startOpensslResponder(pki, {
      rows: leaves.map((leaf, i) => ({ serial: leaf.serial, status: "revoked", revokedAt, reason: reasons[i]! })),
      signer: pki.responder,
      ndays: 1,
    });
    try {
      for (const [i, leaf] of leaves.entries()) expect(await statusOf(leaf, responder.url)).toMatchObject({ status: "revoked", reason: reasons[i] });
    } finally {
      await responder.close();
    }
  });

  it("a revocation without a reason is 'unspecified'", async () => {
    const responder = await startOpensslResponder(pki, { rows: [{ serial: pki.leaves[0].serial, status: "revoked", revokedAt }], signer: pki.ca, ndays: 1 });
    try {
      expect(await statusOf(pki.leaves[0], responder.url)).toMatchObject({ status: "revoked", reason: "unspecified" });
    } finally {
      await responder.close();
    }
  });

  describe("answers that are not believed (unknown, never good)", () => {
    const refused: readonly [string, () => Promise<{ signer: OpensslPki["ca"]; ca?: OpensslPki["ca"] }>, RegExp][] = [
      ["signed by a wrong key under the CA's name (the impostor)", async () => ({ signer: pki.impostor }), /not from an authorised responder/],
      ["signed by another CA", async () => ({ signer: pki.other }), /not from an authorised responder/],
      ["signed by another CA's OCSP responder", async () => ({ signer: pki.responderOfOtherCa }), /not issued by the certificate's issuer/],
      ["signed by a responder certificate forged under the CA's name", async () => ({ signer: pki.forgedResponder }), /does not verify with the issuer's key/],
      ["signed by a CA certificate without id-kp-OCSPSigning", async () => ({ signer: pki.responderWithoutEku }), /lacks id-kp-OCSPSigning/],
      ["signed by a responder without ocsp-nocheck", async () => ({ signer: pki.responderWithoutNoCheck }), /lacks id-pkix-ocsp-nocheck/],
    ];
    for (const [what, make, why] of refused) {
      it(what, async () => {
        const { signer } = await make();
        const responder = await startOpensslResponder(pki, { rows, signer, ndays: 1 });
        try {
          for (const leaf of [pki.leaves[0], pki.leaves[1]]) {
            const status = await statusOf(leaf, responder.url);
            expect(status).toMatchObject({ status: "unknown", why: expect.stringMatching(why), evidence: null });
          }
        } finally {
          await responder.close();
        }
      });
    }

    it("a stale response: nextUpdate before the time asked about (beyond the clock skew)", async () => {
      const responder = await startOpensslResponder(pki, { rows, signer: pki.responder, ndays: 1 });
      try {
        const later = new Date(Date.now() + 2 * DAY);
        for (const leaf of [pki.leaves[0], pki.leaves[1]]) {
          const status = await statusOf(leaf, responder.url, {}, later);
          expect(status).toMatchObject({ status: "unknown", why: expect.stringMatching(/not current/) });
          expect(status.evidence?.source === "ocsp" && status.evidence.nextUpdate!.getTime()).toBeLessThan(later.getTime());
        }
        // Within the skew it is still current: one hour past nextUpdate with a two-hour skew.
        const justAfter = new Date(Date.now() + DAY + 3_600_000);
        expect((await statusOf(pki.leaves[0], responder.url, { clockSkewMs: 2 * 3_600_000 }, justAfter)).status).toBe("good");
      } finally {
        await responder.close();
      }
    });

    it("a response without nextUpdate is current only for maxAgeWithoutNextUpdateMs", async () => {
      const responder = await startOpensslResponder(pki, { rows, signer: pki.responder });
      try {
        const now = new Date();
        expect((await statusOf(pki.leaves[0], responder.url, {}, now)).status).toBe("good");
        const tenMinutesOn = new Date(now.getTime() + 10 * 60_000);
        expect(await statusOf(pki.leaves[0], responder.url, { maxAgeWithoutNextUpdateMs: 60_000, clockSkewMs: 60_000 }, tenMinutesOn)).toMatchObject({
          status: "unknown",
          why: expect.stringMatching(/not current/),
        });
      } finally {
        await responder.close();
      }
    });

    it("a response from after the time asked about (thisUpdate beyond the skew)", async () => {
      // Signed by the CA itself: the delegated responder's certificate is not valid an hour ago (made just now).
      const responder = await startOpensslResponder(pki, { rows, signer: pki.ca, ndays: 1 });
      try {
        const earlier = new Date(Date.now() - 3_600_000);
        expect(await statusOf(pki.leaves[0], responder.url, { clockSkewMs: 60_000 }, earlier)).toMatchObject({ status: "unknown", why: expect.stringMatching(/after the time/) });
      } finally {
        await responder.close();
      }
    });

    it("a replayed response: another request's nonce, or none — refused; none accepted only with requireNonce: false", async () => {
      const withNonce = await opensslResponseFor(pki, { rows, serial: pki.leaves[0].serial, signer: pki.responder, nonce: true, ndays: 1 });
      const withoutNonce = await opensslResponseFor(pki, { rows, serial: pki.leaves[0].serial, signer: pki.responder, nonce: false, ndays: 1 });
      let body = withNonce;
      const replay = await startLoopbackServer(() => ({ status: 200, body }));
      try {
        expect(await statusOf(pki.leaves[0], replay.url)).toMatchObject({ status: "unknown", why: expect.stringMatching(/nonce is not ours/) });
        expect(await statusOf(pki.leaves[0], replay.url, { requireNonce: false })).toMatchObject({ status: "unknown", why: expect.stringMatching(/nonce is not ours/) });
        body = withoutNonce;
        expect(await statusOf(pki.leaves[0], replay.url)).toMatchObject({ status: "unknown", why: expect.stringMatching(/no nonce/) });
        // The same captured answer is believed when nonces are not required (a pre-produced response).
        expect((await statusOf(pki.leaves[0], replay.url, { requireNonce: false })).status).toBe("good");
      } finally {
        await replay.close();
      }
    });

    it("a response for another certificate (the CertID does not match)", async () => {
      const other = await opensslResponseFor(pki, { rows, serial: pki.leaves[1].serial, signer: pki.responder, nonce: false, ndays: 1 });
      const replay = await startLoopbackServer(() => ({ status: 200, body: other }));
      try {
        expect(await statusOf(pki.leaves[0], replay.url, { requireNonce: false })).toMatchObject({ status: "unknown", why: expect.stringMatching(/does not answer for this certificate/) });
      } finally {
        await replay.close();
      }
    });

    it("bytes that are not an OCSPResponse, and a responder that refuses (unauthorized, malformedRequest)", async () => {
      let body = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x06]); // OCSPResponse { responseStatus unauthorized }
      const server = await startLoopbackServer(() => ({ status: 200, body }));
      try {
        expect(await statusOf(pki.leaves[0], server.url)).toMatchObject({ status: "unknown", why: expect.stringMatching(/OCSPResponseStatus 6/) });
        body = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x01]);
        expect(await statusOf(pki.leaves[0], server.url)).toMatchObject({ status: "unknown", why: expect.stringMatching(/OCSPResponseStatus 1/) });
        body = new TextEncoder().encode("<html>proxy error</html>");
        expect(await statusOf(pki.leaves[0], server.url)).toMatchObject({ status: "unknown", why: expect.stringMatching(/not an OCSPResponse/) });
        expect(server.attempts()).toBe(3); // none of these is retried
      } finally {
        await server.close();
      }
    });
  });

  describe("reaching the responder", () => {
    it("an unreachable responder is 'unavailable' (retryable) after the bounded retries", async () => {
      const server = await startLoopbackServer(() => ({ status: 503 }));
      try {
        const result = await check(pki.leaves[0], server.url, { retries: 2 });
        expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "RevocationError", reason: "unavailable", retryable: true, message: expect.stringMatching(/HTTP 503 \(3 attempts\)/) });
        expect(server.attempts()).toBe(3);
      } finally {
        await server.close();
      }
      // Nothing listens there any more.
      const closed = await check(pki.leaves[0], server.url, { retries: 0 });
      expect(closed._unsafeUnwrapErr()).toMatchObject({ reason: "unavailable", message: expect.stringMatching(/could not be reached/) });
    });

    it("a responder that never answers is cut off by the time-out, each attempt", async () => {
      const server = await startLoopbackServer(() => "hang");
      try {
        const result = await check(pki.leaves[0], server.url, { timeoutMs: 200, retries: 1 });
        expect(result._unsafeUnwrapErr()).toMatchObject({ reason: "unavailable", message: expect.stringMatching(/did not answer within 200 ms \(2 attempts\)/) });
        expect(server.attempts()).toBe(2);
      } finally {
        await server.close();
      }
    });

    for (const [name, status] of [["tryLater", 3], ["internalError", 2]] as const) {
      it(`${name}, then OpenSSL's answer: the retry gets it`, async () => {
        const responder = await startOpensslResponder(pki, { rows, signer: pki.responder, ndays: 1 });
        // A front that answers ${name} first, then passes the request on to OpenSSL.
        const front = await startLoopbackServer(async (attempt, request) => {
          if (attempt === 1) return { status: 200, body: new Uint8Array([0x30, 0x03, 0x0a, 0x01, status]) };
          const upstream = await fetch(responder.url, { method: "POST", headers: { "content-type": "application/ocsp-request" }, body: request });
          return { status: 200, body: new Uint8Array(await upstream.arrayBuffer()) };
        });
        try {
          expect((await statusOf(pki.leaves[1], front.url)).status).toBe("revoked");
          expect(front.attempts()).toBe(2);
        } finally {
          await Promise.all([responder.close(), front.close()]);
        }
      });
    }

    it("uses the certificate's AIA OCSP URL only when allowed", async () => {
      const responder = await startOpensslResponder(pki, { rows: [], signer: pki.responder, ndays: 1 });
      try {
        const leaf = await pki.issueLeaf({ ocspUrl: responder.url });
        const withAia = createOcspRevocationChecker({ useCertificateAia: true });
        // Not in the index: OpenSSL's "unknown" proves that the request went there.
        expect((await withAia.check({ certificateDer: leaf.der, issuerDer: pki.ca.der, at: new Date() }))._unsafeUnwrap()).toMatchObject({
          status: "unknown",
          why: expect.stringMatching(/does not know the certificate/),
        });
        const withoutAia = createOcspRevocationChecker({});
        expect((await withoutAia.check({ certificateDer: leaf.der, issuerDer: pki.ca.der, at: new Date() }))._unsafeUnwrap()).toMatchObject({
          status: "unknown",
          why: expect.stringMatching(/no OCSP responder is configured/),
        });
      } finally {
        await responder.close();
      }
    });
  });
});
