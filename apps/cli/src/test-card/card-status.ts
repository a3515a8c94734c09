import { X509Certificate } from "node:crypto";
import { readTestCardInfo, type TestCard, type TestCardError } from "@madoguchi/adapter-test-card";
import { err, ok, type Result } from "neverthrow";

/** Whether the card's certificate can sign at `now`. */
export type CardValidity = "valid" | "expired" | "not_yet_valid";

/** What the CLI shows of a card. The holder's name is personal data: printed for its owner, never logged. */
export interface CardStatus {
  readonly holderName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialNumber: string;
  readonly triesLeft: number;
  readonly locked: boolean;
  readonly validity: CardValidity;
}

const validFrom = (certificatePem: string): Date | null => {
  try {
    return new X509Certificate(certificatePem).validFromDate;
  } catch {
    return null; // Node's X.509 parser throws on what it cannot read: a damaged card file, not a bug
  }
};

/**
 * Reads a card's status: the adapter's holder view plus the start of validity, which that view does
 * not carry (read here with Node's own X.509 parser).
 */
export const cardStatus = (card: TestCard, now: Date): Result<CardStatus, TestCardError> =>
  readTestCardInfo(card).andThen((info) => {
    const notBefore = validFrom(card.certificatePem);
    if (notBefore === null) {
      return err<CardStatus, TestCardError>({
        _tag: "TestCardError",
        reason: "corrupt",
        operation: "test-card.info",
        retryable: false,
        message: "the card certificate cannot be parsed",
      });
    }
    const validity: CardValidity =
      now.getTime() < notBefore.getTime() ? "not_yet_valid" : now.getTime() > info.notAfter.getTime() ? "expired" : "valid";
    return ok({ ...info, notBefore, validity });
  });
