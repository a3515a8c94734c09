import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { BasicInfo } from "./test-card.ts";
import { OID } from "./oids.ts";

/**
 * Extension builders. Values are encoded with asn1js directly so the bytes are exactly what RFC 5280
 * and the JPKI profile say, independent of which pkijs helper classes happen to round-trip.
 */

const der = (value: asn1js.BaseBlock): ArrayBuffer => value.toBER(false);

const extension = (extnID: string, critical: boolean, value: asn1js.BaseBlock) =>
  new pkijs.Extension({ extnID, critical, extnValue: der(value) });

/** Key usage bits as named in RFC 5280 §4.2.1.3, bit 0 first. */
export type KeyUsageBit =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign";

const KEY_USAGE_BITS: readonly KeyUsageBit[] = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
];

/** keyUsage, critical, as a DER BIT STRING with trailing zero bits dropped (DER named-bit rule). */
export const keyUsageExtension = (bits: readonly KeyUsageBit[]): pkijs.Extension => {
  const positions = bits.map((bit) => KEY_USAGE_BITS.indexOf(bit));
  const highest = Math.max(...positions);
  const byte = positions.reduce((acc, position) => acc | (0x80 >> position), 0);
  return extension(
    OID.keyUsage,
    true,
    new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits: 7 - highest }),
  );
};

/** basicConstraints for a CA, critical, without a path length (JPKI has no intermediates). */
export const caBasicConstraintsExtension = (): pkijs.Extension =>
  extension(OID.basicConstraints, true, new asn1js.Sequence({ value: [new asn1js.Boolean({ value: true })] }));

/** subjectKeyIdentifier: method 1 of RFC 5280 §4.2.1.2 (SHA-1 of the subjectPublicKey bits). */
export const subjectKeyIdentifierExtension = (keyIdentifier: Uint8Array): pkijs.Extension =>
  extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier }));

/** authorityKeyIdentifier with the issuer's key identifier only. */
export const authorityKeyIdentifierExtension = (keyIdentifier: Uint8Array): pkijs.Extension =>
  extension(
    OID.authorityKeyIdentifier,
    false,
    new asn1js.Sequence({
      value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: keyIdentifier })],
    }),
  );

/** certificatePolicies with bare policy identifiers (no qualifiers). */
export const certificatePoliciesExtension = (policies: readonly string[]): pkijs.Extension =>
  extension(
    OID.certificatePolicies,
    false,
    new asn1js.Sequence({
      value: policies.map(
        (policy) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: policy })] }),
      ),
    }),
  );

/** `otherName ::= [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }` */
const otherName = (typeId: string, value: string) =>
  new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Utf8String({ value })],
      }),
    ],
  });

/** subjectAltName carrying the 4 basic information items as six otherNames, non-critical (JPKI.md). */
export const basicInfoAltNameExtension = (info: BasicInfo): pkijs.Extension =>
  extension(
    OID.subjectAltName,
    false,
    new asn1js.Sequence({
      value: [
        otherName(OID.jpkiName, info.name),
        otherName(OID.jpkiNameSubstitute, info.nameSubstitute),
        otherName(OID.jpkiSex, info.sex),
        otherName(OID.jpkiDateOfBirth, info.dateOfBirth),
        otherName(OID.jpkiAddress, info.address),
        otherName(OID.jpkiAddressSubstitute, info.addressSubstitute),
      ],
    }),
  );
