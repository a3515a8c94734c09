import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** Parses `der` with `make`, or `null` when it is not exactly one well-formed value of that type. */
export const parseDer = <T>(der: Uint8Array, make: (schema: asn1js.AsnType) => T): T | null => {
  try {
    const parsed = asn1js.fromBER(der);
    return parsed.offset === der.byteLength && parsed.offset > 0 ? make(parsed.result) : null;
  } catch {
    return null;
  }
};

/** A certificate from DER, or `null`. */
export const parseCertificate = (der: Uint8Array): pkijs.Certificate | null =>
  parseDer(der, (schema) => new pkijs.Certificate({ schema }));

/** The DER of a name (for exact comparison). */
export const nameDer = (name: pkijs.RelativeDistinguishedNames): Uint8Array => new Uint8Array(name.toSchema().toBER(false));

/** The DER of a certificate. */
export const certificateDer = (certificate: pkijs.Certificate): Uint8Array => new Uint8Array(certificate.toSchema(true).toBER(false));

/** A readable DN, as the CRL checker writes one: `type=value, …` in certificate order. */
export const nameText = (name: pkijs.RelativeDistinguishedNames): string =>
  name.typesAndValues.map((item) => `${item.type}=${String(item.value.valueBlock.value)}`).join(", ");

/** Serial numbers compare as numbers: DER's leading zero (sign) bytes do not matter. */
export const serialHex = (integer: asn1js.Integer): string =>
  Buffer.from(integer.valueBlock.valueHexView).toString("hex").replace(/^(00)+(?=..)/, "");
