import * as asn1js from "asn1js";
import type { Result } from "neverthrow";
import * as pkijs from "pkijs";
import type { RevocationChecker } from "@madoguchi/core";
import { bytesEqual, toHex } from "./bytes.ts";
import { parseCertificatePem } from "./certificate-parsing.ts";
import { createCrlRevocationChecker } from "./crl-revocation-checker.ts";
import { issueTestCrl } from "./test-crl.ts";
import { createTestCa } from "./create-test-ca.ts";
import { issueCardCertificate } from "./issue-test-card.ts";
import type { KeyUsageBit } from "./certificate-extensions.ts";
import { hashSignaturePassword } from "./signature-password.ts";
import { signDetached } from "./sign-detached.ts";
import type { TestCardError } from "./test-card.errors.ts";
import { DEMO_BASIC_INFO } from "./load-or-create-test-card-setup.ts";
import { SIGNATURE_PASSWORD_TRIES, type BasicInfo, type TestCa, type TestCard } from "./test-card.ts";

/**
 * Fixtures for `@madoguchi/conformance/signature-verifier`, typed structurally here so this package
 * needs no dependency on the conformance package (it checks the shape where both are imported).
 */

/** Which certificate signs a fixture CMS. */
export type TestCardFixtureSigner =
  | "valid" // issued by the trusted CA, valid at `at`
  | "untrusted_ca" // issued by a second CA that is not a trust anchor
  | "impostor_ca" // issued by a CA with the trusted CA's exact name but another key
  | "expired" // trusted CA, notAfter before `at`
  | "not_yet_valid" // trusted CA, notBefore after `at`
  | "wrong_key_usage" // trusted CA, keyUsage keyEncipherment only
  | "revoked" // trusted CA, on the CA's current CRL (keyCompromise)
  | "authentication"; // trusted authentication CA, a user-authentication certificate

/** A fixture CMS and where its signature value lies, so a suite can flip bytes in it. */
export interface TestCardSignedFixture {
  readonly cms: Uint8Array;
  readonly signatureValueOffset: number;
  readonly signatureValueLength: number;
  /** Lower-case hex, as `SignerCertificate.serialNumber`. */
  readonly signerSerialNumber: string;
}

/** Fixtures after their keys were generated. */
export interface LoadedTestCardSignatureFixtures {
  readonly trustAnchorsPem: readonly string[];
  readonly authenticationTrustAnchorsPem: readonly string[];
  /** The trusted CAs' current CRLs (the `revoked` card on the signature CA's). */
  readonly revocation: RevocationChecker;
  readonly basicInformation: BasicInfo;
  /** Verification time at which the trusted CA and the valid card are valid. */
  readonly at: Date;
  /** signingTime written into every fixture CMS (whole seconds). */
  readonly signingTime: Date;
  sign(signer: TestCardFixtureSigner, content: Uint8Array, basicInformation?: BasicInfo): Promise<TestCardSignedFixture>;
}

/** Lazily generated fixtures (RSA key generation takes a while, so it happens once, on `load()`). */
export interface TestCardSignatureFixtures {
  load(): Promise<LoadedTestCardSignatureFixtures>;
}

const PASSWORD = "FIXTURE1";
const CA_START = new Date("2026-01-01T00:00:00Z");
const AT = new Date("2026-06-01T00:00:00Z");
const SIGNING_TIME = new Date("2026-05-31T23:00:00Z");

const unwrap = async <T>(result: PromiseLike<Result<T, TestCardError>>): Promise<T> => {
  const settled = await result;
  if (settled.isErr()) throw new Error(`test card fixture failed: ${settled.error.reason} ${settled.error.message}`);
  return settled.value;
};

const cardFrom = async (
  ca: TestCa,
  passwordHash: string,
  notBefore: Date,
  notAfter: Date,
  keyUsage: readonly KeyUsageBit[] = ["digitalSignature", "nonRepudiation"],
  purpose: "signature" | "authentication" = "signature",
  basicInfo: BasicInfo = DEMO_BASIC_INFO,
): Promise<TestCard> => {
  const issued = await unwrap(
    issueCardCertificate(ca, {
      basicInfo,
      locality: { prefecture: "みほん県", city: "みほん市" },
      notBefore,
      notAfter,
      keyUsage,
      purpose,
    }),
  );
  return { ...issued, passwordHash, triesLeft: SIGNATURE_PASSWORD_TRIES, locked: false };
};

// The signature value is the SignerInfo's last field and the SignerInfo the last element, so with
// definite lengths and no unsigned attributes it is the tail of the DER. Checked, not assumed.
const locateSignature = (cms: Uint8Array): TestCardSignedFixture => {
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(cms).result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0]!;
  const signature = signerInfo.signature.valueBlock.valueHexView;
  const offset = cms.byteLength - signature.byteLength;
  if (!bytesEqual(cms.subarray(offset), signature)) throw new Error("signature value is not at the end of the CMS");
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  return {
    cms,
    signatureValueOffset: offset,
    signatureValueLength: signature.byteLength,
    signerSerialNumber: Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString("hex"),
  };
};

/**
 * Signature fixtures made with the test card: a trusted test CA and cards that are valid, expired, not
 * yet valid, of the wrong key usage, or issued by an untrusted or an impostor CA. Times are fixed
 * (verification at 2026-06-01) so results do not depend on the day the suite runs.
 */
export const testCardSignatureFixtures = (): TestCardSignatureFixtures => {
  let loaded: Promise<LoadedTestCardSignatureFixtures> | undefined;
  const build = async (): Promise<LoadedTestCardSignatureFixtures> => {
    const passwordHash = await hashSignaturePassword(PASSWORD);
    const [trusted, untrusted, impostor, authenticationCa] = await Promise.all([
      unwrap(createTestCa({ now: CA_START })),
      unwrap(createTestCa({ now: CA_START, generation: "untrusted" })),
      unwrap(createTestCa({ now: CA_START })),
      unwrap(createTestCa({ now: CA_START, generation: "user authentication" })),
    ]);
    const fiveYearsOn = new Date("2031-01-01T00:00:00Z");
    const cards: Record<TestCardFixtureSigner, TestCard> = {
      valid: await cardFrom(trusted, passwordHash, CA_START, fiveYearsOn),
      untrusted_ca: await cardFrom(untrusted, passwordHash, CA_START, fiveYearsOn),
      impostor_ca: await cardFrom(impostor, passwordHash, CA_START, fiveYearsOn),
      expired: await cardFrom(trusted, passwordHash, CA_START, new Date("2026-05-01T00:00:00Z")),
      not_yet_valid: await cardFrom(trusted, passwordHash, new Date("2026-07-01T00:00:00Z"), fiveYearsOn),
      wrong_key_usage: await cardFrom(trusted, passwordHash, CA_START, fiveYearsOn, ["keyEncipherment"]),
      revoked: await cardFrom(trusted, passwordHash, CA_START, fiveYearsOn),
      authentication: await cardFrom(authenticationCa, passwordHash, CA_START, fiveYearsOn, ["digitalSignature"], "authentication"),
    };
    const revokedSerial = parseCertificatePem(cards.revoked.certificatePem)!.serialNumber.valueBlock.valueHexView;
    const crlTimes = { thisUpdate: new Date("2026-05-31T00:00:00Z"), nextUpdate: new Date("2026-06-02T00:00:00Z") };
    const crls = [
      await unwrap(
        issueTestCrl(trusted, {
          ...crlTimes,
          crlNumber: 7,
          revoked: [{ serialNumber: toHex(revokedSerial), revokedAt: new Date("2026-05-15T00:00:00Z"), reason: "keyCompromise" }],
        }),
      ),
      await unwrap(issueTestCrl(authenticationCa, { ...crlTimes, crlNumber: 1, revoked: [] })),
    ].map((crl) => crl.der);
    return {
      trustAnchorsPem: [trusted.certificatePem],
      authenticationTrustAnchorsPem: [authenticationCa.certificatePem],
      revocation: createCrlRevocationChecker({ crls: async () => crls }),
      basicInformation: DEMO_BASIC_INFO,
      at: AT,
      signingTime: SIGNING_TIME,
      sign: async (signer, content, basicInformation) => {
        const card =
          basicInformation === undefined
            ? cards[signer]
            : await cardFrom(trusted, passwordHash, CA_START, fiveYearsOn, undefined, "signature", basicInformation);
        const signed = await unwrap(signDetached(card, content, { password: PASSWORD, signingTime: SIGNING_TIME }));
        return locateSignature(signed.cms);
      },
    };
  };
  return {
    load: () => {
      loaded ??= build();
      return loaded;
    },
  };
};
