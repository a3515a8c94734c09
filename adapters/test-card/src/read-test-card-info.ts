import { err, ok, type Result } from "neverthrow";
import { parseCertificatePem, readOtherName } from "./certificate-parsing.ts";
import { OID } from "./oids.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCard } from "./test-card.ts";

/** What the card shows its holder (the JPKI app's card screen). Personal data: never log it. */
export interface TestCardInfo {
  /** 氏名 from the certificate's subjectAltName. */
  readonly holderName: string;
  /** End of validity of the signature certificate. */
  readonly notAfter: Date;
  /** Certificate serial number, lower-case hex. */
  readonly serialNumber: string;
  readonly triesLeft: number;
  readonly locked: boolean;
}

/** Reads the holder-facing information of a card from its certificate. */
export const readTestCardInfo = (card: TestCard): Result<TestCardInfo, TestCardError> => {
  const certificate = parseCertificatePem(card.certificatePem);
  const holderName = certificate === null ? null : readOtherName(certificate, OID.jpkiName);
  if (certificate === null || holderName === null) {
    return err(testCardError("test-card.info", "corrupt", "the card certificate has no readable JPKI name"));
  }
  return ok({
    holderName,
    notAfter: certificate.notAfter.value,
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString("hex"),
    triesLeft: card.triesLeft,
    locked: card.locked,
  });
};
