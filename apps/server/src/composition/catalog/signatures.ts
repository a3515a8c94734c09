import { join } from "node:path";
import type { Router } from "express";
import type { Clock, JpkiSigner, SignatureVerifier } from "@madoguchi/core";
import { createCmsSignatureVerifier } from "@madoguchi/adapter-cms-verifier";
import {
  createTestCaRevocationChecker,
  createTestCardJpkiSigner,
  createTestCardRouter,
  loadOrCreateTestCardSetup,
} from "@madoguchi/adapter-test-card";
import type { Config } from "../../config/config.ts";
import { buildPinnedVerifier } from "./jpki-trust-anchors.ts";

/** The signature side of a deployment: the verifier, and in the embedded profile the test card. */
export interface SignatureParts {
  readonly verifier: SignatureVerifier;
  readonly testCardRouter: Router | null;
  /**
   * A card this service reads itself (the test card in the embedded profile; a card reader one day):
   * its authentication key logs residents in (R10, docs/adr/0023-digital-authentication-app.md).
   */
  readonly cardSigner: JpkiSigner | null;
  /**
   * The test card's signature key as the Digital Authentication App's loopback stub signs with it (ADR
   * 25): the card as it was when the service started (a card the CLI issues later takes a restart).
   */
  readonly stubCard: { readonly privateKeyPkcs8Pem: string; readonly certificatePem: string } | null;
}

/**
 * With `MADOGUCHI_JPKI_TRUST_ANCHORS` (config `jpkiTrust.kind === "pinned"`): the CMS verifier over
 * the pinned JPKI CA generations, revocation from `MADOGUCHI_JPKI_OCSP_URL` and/or the CRLs of
 * `MADOGUCHI_JPKI_CRL_DIR` (both: OCSP first, the CRLs as fallback; ADR 22), checked at start; no test
 * card (its signatures would not verify against real anchors). Otherwise: a software test card with
 * its own test CA under `<data>/test-card`, and the CMS verifier trusting exactly that CA.
 */
export const buildSignatures = async (config: Config, clock: Clock): Promise<SignatureParts> => {
  if (config.jpkiTrust.kind === "pinned") {
    const { verifier } = await buildPinnedVerifier(config.jpkiTrust.anchorsDir, { crlDir: config.jpkiTrust.crlDir, ocsp: config.jpkiTrust.ocsp }, config.signatureWorkers);
    return { verifier, testCardRouter: null, cardSigner: null, stubCard: null };
  }
  const dir = join(config.dataDir, "test-card");
  const setup = await loadOrCreateTestCardSetup({ dir, now: clock.now() });
  if (setup.isErr()) throw new Error(`cannot set up the test card: ${setup.error.message}`);
  // `exclusive`: the card file's one queue, shared by the HTTP sign route and the card signer (login).
  const { ca, getCard, saveCard, exclusive } = setup.value;
  const read = config.profile === "embedded" ? await getCard() : null;
  const card = read === null ? null : read.isOk() ? read.value : null;
  return {
    // The test CA issues both kinds of test certificates; the JPKI policy tells them apart. Revocation:
    // the test CA's CRL of the serials in <data>/test-card/revoked.json (`madoguchi test-card revoke`).
    verifier: createCmsSignatureVerifier({
      trustAnchorsPem: [ca.certificatePem],
      authenticationTrustAnchorsPem: [ca.certificatePem],
      revocation: createTestCaRevocationChecker({ ca, dir, clock }),
      workers: config.signatureWorkers,
    }),
    testCardRouter: config.profile === "embedded" ? createTestCardRouter({ getCard, saveCard, exclusive, clock }) : null,
    cardSigner: config.profile === "embedded" ? createTestCardJpkiSigner({ getCard, saveCard, exclusive, clock }) : null,
    stubCard: card === null ? null : { privateKeyPkcs8Pem: card.privateKeyPkcs8Pem, certificatePem: card.certificatePem },
  };
};
