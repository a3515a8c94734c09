import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "./oids.ts";

/** Inputs of the CAdES-BES-like signed attributes the test card signs. */
export interface SignedAttributesInput {
  /** SHA-256 of the detached content. */
  readonly contentDigest: Uint8Array;
  readonly signingTime: Date;
  /** SHA-256 of the signer certificate's DER, for signingCertificateV2. */
  readonly signerCertificateHash: Uint8Array;
  readonly signerCertificate: pkijs.Certificate;
}

const attribute = (type: string, value: asn1js.BaseBlock) => new pkijs.Attribute({ type, values: [value] });

// RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise.
const signingTimeValue = (date: Date) =>
  date.getUTCFullYear() >= 1950 && date.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });

/**
 * `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }` (RFC 5035). The hash algorithm
 * is SHA-256, the DEFAULT, so DER omits it; issuerSerial binds the hash to issuer and serial number.
 */
const signingCertificateV2 = (input: SignedAttributesInput) =>
  new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.OctetString({ valueHex: input.signerCertificateHash }),
              new asn1js.Sequence({
                value: [
                  new asn1js.Sequence({
                    value: [
                      new asn1js.Constructed({
                        idBlock: { tagClass: 3, tagNumber: 4 },
                        value: [input.signerCertificate.issuer.toSchema()],
                      }),
                    ],
                  }),
                  new asn1js.Integer({ valueHex: input.signerCertificate.serialNumber.valueBlock.valueHexView }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });

// DER orders a SET OF by its elements' encodings, shorter ones padded with zero bytes (X.690 §11.6).
// OpenSSL re-encodes signed attributes in that order before checking the signature, so ours must match.
const compareDer = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
};

/**
 * The signed attributes (contentType id-data, messageDigest, signingTime, signingCertificateV2) in DER
 * order, and the DER of the SET OF that the signature covers (RFC 5652 §5.4: tagged as SET, not [0]).
 */
export const buildSignedAttributes = (
  input: SignedAttributesInput,
): { readonly attributes: pkijs.SignedAndUnsignedAttributes; readonly der: Uint8Array } => {
  const attributes = [
    attribute(OID.contentTypeAttribute, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigestAttribute, new asn1js.OctetString({ valueHex: input.contentDigest })),
    attribute(OID.signingTimeAttribute, signingTimeValue(input.signingTime)),
    attribute(OID.signingCertificateV2Attribute, signingCertificateV2(input)),
  ]
    .map((item) => ({ item, der: new Uint8Array(item.toSchema().toBER(false)) }))
    .sort((a, b) => compareDer(a.der, b.der))
    .map(({ item }) => item);
  const signed = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const der = new Uint8Array(signed.toSchema().toBER(false));
  der[0] = 0x31; // [0] IMPLICIT → SET OF, the encoding the signature is computed over
  return { attributes: signed, der };
};
