import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { issueTestCard, localityOfAddress, readTestCardInfo, type TestCa, type TestCard } from "../src/index.ts";
import { EXPIRES_AT, holder, ISSUED_AT, makeCaAndCard, PASSWORD } from "./fixtures.ts";
import { openssl } from "./openssl.ts";

let ca: TestCa;
let card: TestCard;
beforeAll(async () => {
  ({ ca, card } = await makeCaAndCard());
});

describe("issueTestCard", () => {
  it("issues a JPKI-shaped signature certificate chained to the test CA", async () => {
    const certificate = new x509.X509Certificate(card.certificatePem);
    expect(certificate.subject).toMatch(/^C=JP, L=みほん県, L=みほん市, CN=[0-9A-F]{32}$/);
    expect(certificate.subject).not.toContain("髙橋");
    expect(certificate.issuer).toBe(new x509.X509Certificate(ca.certificatePem).subject);
    expect(certificate.notBefore).toEqual(ISSUED_AT);
    expect(certificate.notAfter).toEqual(EXPIRES_AT);
    expect(certificate.publicKey.algorithm).toMatchObject({ modulusLength: 2048 });

    const usage = certificate.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(certificate.getExtension(x509.CertificatePolicyExtension)?.policies).toEqual(["1.2.392.200149.8.5.1.1.20"]);
    expect(certificate.getExtension(x509.BasicConstraintsExtension)).toBeNull();
    expect(await certificate.verify({ publicKey: new x509.X509Certificate(ca.certificatePem), signatureOnly: true })).toBe(true);

    const verified = await openssl({ "ca.pem": ca.certificatePem, "card.pem": card.certificatePem }, () => [
      "verify", "-CAfile", "ca.pem", "-attime", String(ISSUED_AT.getTime() / 1000 + 60), "card.pem",
    ]);
    expect(verified.stdout.trim()).toBe("card.pem: OK");
  });

  it("writes the 4 basic information items as six UTF8String otherNames, read back by OpenSSL", async () => {
    const text = await openssl({ "card.pem": card.certificatePem }, () => [
      "x509", "-in", "card.pem", "-noout", "-ext", "subjectAltName",
    ]);
    const names = [...text.stdout.matchAll(/othername: ([0-9.]+)::([^,\n]*)/g)].map(([, oid, value]) => [oid, value]);
    expect(names).toEqual([
      ["1.2.392.200149.8.5.5.1", holder.name],
      ["1.2.392.200149.8.5.5.2", holder.nameSubstitute],
      ["1.2.392.200149.8.5.5.3", holder.sex],
      ["1.2.392.200149.8.5.5.4", holder.dateOfBirth],
      ["1.2.392.200149.8.5.5.5", holder.address],
      ["1.2.392.200149.8.5.5.6", holder.addressSubstitute],
    ]);
    const san = new x509.X509Certificate(card.certificatePem).getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.critical).toBe(false);
  });

  it("starts with 5 tries, unlocked, stores only a hash of the password, and reads back the holder name", () => {
    expect(card).toMatchObject({ triesLeft: 5, locked: false });
    expect(card.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(card)).not.toContain(PASSWORD);
    expect(readTestCardInfo(card)._unsafeUnwrap()).toMatchObject({ holderName: holder.name, notAfter: EXPIRES_AT });
  });

  it("takes locality from options when given", async () => {
    const issued = await issueTestCard(ca, {
      basicInfo: { ...holder, address: "住所不定" },
      notBefore: ISSUED_AT,
      notAfter: EXPIRES_AT,
      signaturePassword: PASSWORD,
      locality: { prefecture: "東京都", city: "千代田区" },
    });
    expect(new x509.X509Certificate(issued._unsafeUnwrap().certificatePem).subject).toMatch(
      /^C=JP, L=東京都, L=千代田区, CN=/,
    );
  });

  it("rejects passwords that are not 6–16 upper-case letters or digits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 5 }),
          fc.string({ minLength: 17, maxLength: 30 }),
          fc.string({ minLength: 6, maxLength: 16 }).filter((s) => /[^A-Z0-9]/.test(s)),
        ),
        async (signaturePassword) => {
          const result = await issueTestCard(ca, { basicInfo: holder, notBefore: ISSUED_AT, notAfter: EXPIRES_AT, signaturePassword });
          expect(result._unsafeUnwrapErr().reason).toBe("invalid_input");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("rejects bad inputs without echoing personal data", async () => {
    const cases = [
      { basicInfo: { ...holder, sex: "4" as "1" }, notBefore: ISSUED_AT, notAfter: EXPIRES_AT },
      { basicInfo: { ...holder, dateOfBirth: "1990-01-02" }, notBefore: ISSUED_AT, notAfter: EXPIRES_AT },
      { basicInfo: { ...holder, name: "" }, notBefore: ISSUED_AT, notAfter: EXPIRES_AT },
      { basicInfo: holder, notBefore: EXPIRES_AT, notAfter: ISSUED_AT },
      { basicInfo: { ...holder, address: "どこか遠く" }, notBefore: ISSUED_AT, notAfter: EXPIRES_AT },
    ];
    for (const options of cases) {
      const error = (await issueTestCard(ca, { ...options, signaturePassword: PASSWORD }))._unsafeUnwrapErr();
      expect(error).toMatchObject({ _tag: "TestCardError", reason: "invalid_input", retryable: false });
      expect(JSON.stringify(error)).not.toMatch(/髙橋|みほん|どこか|1990/);
    }
  });

  it("rejects a corrupt CA", async () => {
    const result = await issueTestCard(
      { certificatePem: ca.certificatePem, privateKeyPkcs8Pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" },
      { basicInfo: holder, notBefore: ISSUED_AT, notAfter: EXPIRES_AT, signaturePassword: PASSWORD },
    );
    expect(result._unsafeUnwrapErr().reason).toBe("corrupt");
  });
});

describe("localityOfAddress", () => {
  it.each([
    ["みほん県みほん市中央一丁目1番1号", "みほん県", "みほん市"],
    ["東京都千代田区千代田1-1", "東京都", "千代田区"],
    ["京都府京都市中京区寺町通御池上る", "京都府", "京都市"],
    ["北海道札幌市中央区北1条西2丁目", "北海道", "札幌市"],
    ["神奈川県横浜市中区港町1-1", "神奈川県", "横浜市"],
    ["大阪府大阪市北区中之島1-3-20", "大阪府", "大阪市"],
    ["長野県北佐久郡軽井沢町大字長倉2381-1", "長野県", "北佐久郡軽井沢町"],
  ])("%s → %s %s", (address, prefecture, city) => {
    expect(localityOfAddress(address)).toEqual({ prefecture, city });
  });

  it("returns null when the address does not start with a prefecture", () => {
    expect(localityOfAddress("千代田区千代田1-1")).toBeNull();
    expect(localityOfAddress("")).toBeNull();
  });
});
