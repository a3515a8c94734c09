/**
 * @madoguchi/adapter-cms-verifier — the SignatureVerifier port for detached CMS signatures (JPKI
 * signature certificates), on pkijs and Node's WebCrypto.
 */
export { createCmsSignatureVerifier, type CmsSignatureVerifierOptions } from "./create-cms-signature-verifier.ts";
export {
  createPinnedTrustAnchorStore,
  createCmsSignatureVerifierFromStore,
  type PinnedAnchorConfig,
} from "./pinned-trust-anchor-store.ts";
