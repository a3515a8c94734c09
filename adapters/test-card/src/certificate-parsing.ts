import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { fromPem } from "./pem.ts";

/** A certificate parsed by pkijs from PEM, or `null` when the text is not one certificate. */
export const parseCertificatePem = (pem: string): pkijs.Certificate | null => {
  const der = fromPem("CERTIFICATE", pem);
  if (der === null) return null;
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset !== der.byteLength) return null;
    return new pkijs.Certificate({ schema: parsed.result });
  } catch {
    // pkijs throws on a schema mismatch; to the caller that is just "not a certificate".
    return null;
  }
};

/** The bytes of the JPKI otherName `typeId` in the certificate's subjectAltName, as text, or `null`. */
export const readOtherName = (certificate: pkijs.Certificate, typeId: string): string | null => {
  const san = certificate.extensions?.find((extension) => extension.extnID === "2.5.29.17");
  if (san === undefined) return null;
  const parsed = asn1js.fromBER(san.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return null;
  for (const generalName of parsed.result.valueBlock.value) {
    if (generalName.idBlock.tagClass !== 3 || generalName.idBlock.tagNumber !== 0) continue;
    if (!(generalName instanceof asn1js.Constructed)) continue;
    const [oid, wrapped] = generalName.valueBlock.value;
    if (!(oid instanceof asn1js.ObjectIdentifier) || oid.valueBlock.toString() !== typeId) continue;
    const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
    if (inner instanceof asn1js.Utf8String) return inner.valueBlock.value;
  }
  return null;
};
