import { createTestCa } from "@madoguchi/adapter-test-card";
import type { ConfiguredTrustAnchor, TrustAnchorFixtures } from "@madoguchi/conformance/trust-anchor-store";
import type { PinnedAnchorConfig } from "../src/index.ts";

const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64"));

/** Three test CAs valid now and one whose validity ended in 2015 (like the 2015 JPKI CA generation). */
export const testCaTrustAnchorFixtures = (): TrustAnchorFixtures => {
  let loaded: ReturnType<TrustAnchorFixtures["load"]> | undefined;
  return {
    load: () =>
      (loaded ??= (async () => {
        const now = new Date();
        const cas = await Promise.all([
          createTestCa({ now, generation: "2019" }),
          createTestCa({ now, generation: "2023" }),
          createTestCa({ now, generation: "auth 2023" }),
          createTestCa({ now: new Date("2013-01-01T00:00:00Z"), validYears: 2, generation: "2013" }),
        ]);
        const [a, b, c, expired] = cas.map((r) => derOf(r._unsafeUnwrap().certificatePem));
        return { certificates: [a!, b!, c!], expiredCertificate: expired! };
      })()),
  };
};

/** The configured anchor as the pinned store's configuration: PEM text (64-column base64) and the pin. */
export const asPinnedConfig = (anchor: ConfiguredTrustAnchor): PinnedAnchorConfig => ({
  purpose: anchor.purpose,
  generation: anchor.generation,
  pem:
    anchor.certificateDer.length === 0
      ? ""
      : `-----BEGIN CERTIFICATE-----\n${Buffer.from(anchor.certificateDer).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`,
  sha256: anchor.sha256,
});
