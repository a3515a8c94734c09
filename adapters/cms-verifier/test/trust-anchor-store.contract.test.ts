import { describeTrustAnchorStoreContract } from "@madoguchi/conformance/trust-anchor-store";
import { createPinnedTrustAnchorStore } from "../src/index.ts";
import { asPinnedConfig, testCaTrustAnchorFixtures } from "./trust-anchor.fixtures.ts";

describeTrustAnchorStoreContract(
  "pinned-config (PEM + SHA-256 pin per generation)",
  (anchors) => createPinnedTrustAnchorStore(anchors.map(asPinnedConfig)),
  testCaTrustAnchorFixtures(),
);
