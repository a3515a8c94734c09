import * as asn1js from "asn1js";
import { ResultAsync } from "neverthrow";
import * as pkijs from "pkijs";
import { REVOCATION_REASON_CODES, type RevocationReason } from "@madoguchi/core";
import { toWholeSeconds } from "./certificate-builder.ts";
import { loadTestCa } from "./load-test-ca.ts";
import { toPem } from "./pem.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCa } from "./test-card.ts";

/** One revoked certificate on a test CRL. */
export interface TestCrlEntry {
  /** Serial number, hex as `SignerCertificate.serialNumber` reports it. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason;
}

/** Options of {@link issueTestCrl}. */
export interface IssueTestCrlOptions {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** cRLNumber: increases with every CRL the CA issues. */
  readonly crlNumber: number;
  readonly revoked: readonly TestCrlEntry[];
}

const time = (date: Date) => new pkijs.Time({ type: 0, value: toWholeSeconds(date) });

/**
 * A CRL (v2, DER and PEM) signed by the test CA, with a cRLNumber and one reasonCode per entry, as
 * J-LIS publishes them for registered verifiers (there split per municipality; here one per CA).
 */
export const issueTestCrl = (
  ca: TestCa,
  options: IssueTestCrlOptions,
): ResultAsync<{ readonly der: Uint8Array; readonly pem: string }, TestCardError> =>
  loadTestCa(ca, "test-card.crl").andThen((issuer) =>
    ResultAsync.fromPromise(
      (async () => {
        const crl = new pkijs.CertificateRevocationList({
          version: 1,
          issuer: issuer.certificate.subject,
          thisUpdate: time(options.thisUpdate),
          nextUpdate: time(options.nextUpdate),
          crlExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: "2.5.29.20", // cRLNumber
                extnValue: new asn1js.Integer({ value: options.crlNumber }).toBER(false),
              }),
            ],
          }),
        });
        if (options.revoked.length > 0) {
          crl.revokedCertificates = options.revoked.map(
            (entry) =>
              new pkijs.RevokedCertificate({
                userCertificate: new asn1js.Integer({ valueHex: Buffer.from(entry.serialNumber, "hex") }),
                revocationDate: time(entry.revokedAt),
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: "2.5.29.21", // reasonCode
                      extnValue: new asn1js.Enumerated({ value: REVOCATION_REASON_CODES[entry.reason] }).toBER(false),
                    }),
                  ],
                }),
              }),
          );
        }
        await crl.sign(issuer.privateKey, "SHA-256");
        const der = new Uint8Array(crl.toSchema(true).toBER(false));
        return { der, pem: toPem("X509 CRL", der) };
      })(),
      (cause) => testCardError("test-card.crl", "unavailable", "could not issue the test CRL", { cause }),
    ),
  );
