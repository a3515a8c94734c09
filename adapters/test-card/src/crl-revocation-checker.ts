import {
  REVOCATION_CHECKER_CONTRACT,
  revocationReasonOfCode,
  type RevocationChecker,
  type RevocationError,
  type RevocationStatus,
} from "@madoguchi/core";
import * as asn1js from "asn1js";
import { ResultAsync } from "neverthrow";
import * as pkijs from "pkijs";
import { bytesEqual, sha256, toHex } from "./bytes.ts";

/** Options of {@link createCrlRevocationChecker}. */
export interface CrlRevocationCheckerOptions {
  /** The CRLs currently held (DER), read on every check so that a fresh download takes effect. */
  readonly crls: () => Promise<readonly Uint8Array[]>;
}

const parse = <T>(der: Uint8Array, make: (schema: asn1js.AsnType) => T): T | null => {
  try {
    const parsed = asn1js.fromBER(der);
    return parsed.offset === der.byteLength ? make(parsed.result) : null;
  } catch {
    return null;
  }
};

const nameText = (name: pkijs.RelativeDistinguishedNames) =>
  name.typesAndValues.map((item) => `${item.type}=${String(item.value.valueBlock.value)}`).join(", ");

const extensionInteger = (extensions: pkijs.Extension[] | undefined, oid: string): asn1js.Integer | asn1js.Enumerated | null => {
  const extension = extensions?.find((item) => item.extnID === oid);
  if (extension === undefined) return null;
  const value = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result;
  return value instanceof asn1js.Integer || value instanceof asn1js.Enumerated ? value : null;
};

const stripSign = (hex: string) => hex.replace(/^(00)+(?=..)/, "");

/** CRLs held at once are few (one per issuer, renewed daily), and so are their issuers: a handful of entries covers them. */
const MAX_KNOWN_CRLS = 32;

/**
 * CRLs already parsed, and the issuers whose key verified their signature, by the CRL's SHA-256 (and the
 * issuer's DER). Every check reads the CRLs again, so that a fresh download takes effect; parsing and
 * verifying the same bytes again on every signature was most of a check's time. Bounded, oldest out.
 */
const createCrlMemo = () => {
  const known = new Map<string, { readonly crl: pkijs.CertificateRevocationList; readonly verifiedBy: Map<string, boolean> }>();
  // The issuers are few (the CAs) and checked on every signature: parsed once.
  const issuers = new Map<string, pkijs.Certificate | null>();
  return {
    issuer: (key: string, der: Uint8Array) => {
      if (!issuers.has(key)) {
        issuers.set(key, parse(der, (schema) => new pkijs.Certificate({ schema })));
        if (issuers.size > MAX_KNOWN_CRLS) issuers.delete(issuers.keys().next().value as string);
      }
      return issuers.get(key) ?? null;
    },
      crl: (hash: string, der: Uint8Array) => {
        const hit = known.get(hash);
        if (hit !== undefined) return hit;
        const crl = parse(der, (schema) => new pkijs.CertificateRevocationList({ schema }));
        if (crl === null) return null;
        const entry = { crl, verifiedBy: new Map<string, boolean>() };
        known.set(hash, entry);
        if (known.size > MAX_KNOWN_CRLS) known.delete(known.keys().next().value as string);
        return entry;
      },
    };
  };

  /**
   * A {@link RevocationChecker} on CRLs (RFC 5280 §6.3, the parts JPKI needs): the CRL must name the
   * certificate's issuer and be signed by its key, and be current at `at` (thisUpdate ≤ at ≤
   * nextUpdate); then the serial number decides. No current CRL of the issuer → "unknown" (the relying
   * party refuses, it does not assume good). The test CA publishes such CRLs (`issueTestCrl`); a
   * registered verifier feeds the ones it downloads.
   */
  export const createCrlRevocationChecker = (options: CrlRevocationCheckerOptions): RevocationChecker => {
    const memo = createCrlMemo();
    return {
    meta: { contract: REVOCATION_CHECKER_CONTRACT, name: "crl", capabilities: new Set<never>() },
    check: (input) =>
      ResultAsync.fromPromise(
        (async (): Promise<RevocationStatus> => {
          const certificate = parse(input.certificateDer, (schema) => new pkijs.Certificate({ schema }));
          const issuerKey = toHex(input.issuerDer);
          const issuer = memo.issuer(issuerKey, input.issuerDer);
          if (certificate === null || issuer === null) throw new TypeError("certificate or issuer is not DER");
          const serialNumber = toHex(certificate.serialNumber.valueBlock.valueHexView);
          let stale: RevocationStatus | null = null;
          for (const der of await options.crls()) {
            const crlSha256 = toHex(await sha256(der));
            const known = memo.crl(crlSha256, der);
            if (known === null) continue;
            const { crl, verifiedBy } = known;
            if (!bytesEqual(new Uint8Array(crl.issuer.toSchema().toBER(false)), new Uint8Array(issuer.subject.toSchema().toBER(false)))) continue;
            let verified = verifiedBy.get(issuerKey);
            if (verified === undefined) {
              verified = await crl.verify({ issuerCertificate: issuer }).catch(() => false);
              verifiedBy.set(issuerKey, verified);
            }
            if (!verified) continue;
            const evidence = {
              source: "crl" as const,
              crlIssuer: nameText(crl.issuer),
              // toBigInt, not valueDec: asn1js's valueDec reads 0 for integers of four bytes and more, and
              // cRLNumbers grow that large (RFC 5280 allows 20 octets).
              crlNumber: extensionInteger(crl.crlExtensions?.extensions, "2.5.29.20")?.toBigInt().toString() ?? null,
              thisUpdate: crl.thisUpdate.value,
              nextUpdate: crl.nextUpdate?.value ?? null,
              crlSha256,
              serialNumber,
            };
            const current =
              crl.thisUpdate.value.getTime() <= input.at.getTime() &&
              (crl.nextUpdate === undefined || input.at.getTime() <= crl.nextUpdate.value.getTime());
            if (!current) {
              stale ??= { status: "unknown", why: "the issuer's CRL is not current at the verification time", evidence };
              continue;
            }
            const entry = (crl.revokedCertificates ?? []).find(
              (item) => stripSign(toHex(item.userCertificate.valueBlock.valueHexView)) === stripSign(serialNumber),
            );
            if (entry === undefined || entry.revocationDate.value.getTime() > input.at.getTime()) {
              return { status: "good", evidence };
            }
            const code = extensionInteger(entry.crlEntryExtensions?.extensions, "2.5.29.21")?.valueBlock.valueDec;
            return {
              status: "revoked",
              reason: revocationReasonOfCode(code),
              revokedAt: entry.revocationDate.value,
              evidence,
            };
          }
          return stale ?? { status: "unknown", why: "no CRL of the certificate's issuer is held", evidence: null };
        })(),
        (cause): RevocationError => ({
          _tag: "RevocationError",
          reason: cause instanceof TypeError ? "invalid_input" : "unavailable",
          operation: "revocation-checker.check",
          retryable: !(cause instanceof TypeError),
          message: cause instanceof TypeError ? cause.message : "the CRLs could not be read",
        }),
      ),
  };
};
