import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "./oids.ts";

/** The part of the address a JPKI signature certificate repeats in its subject (`L=` twice). */
export interface Locality {
  /** 都道府県, e.g. `みほん県`. */
  readonly prefecture: string;
  /** 市区町村 (with 郡 when present), e.g. `みほん市`. */
  readonly city: string;
}

// 東京都, 北海道, 京都府 and 大阪府 first: a naive "up to the first 都/道/府/県" cuts 京都府 to 京都.
const PREFECTURE = /^(東京都|北海道|京都府|大阪府|[^\s]{2,3}県)/u;
const CITY = /^((?:[^\s]+?郡)?[^\s]+?[市区町村])/u;

/** Prefecture and city read from the start of a Japanese address, or `null` if it does not start so. */
export const localityOfAddress = (address: string): Locality | null => {
  const trimmed = address.trim();
  const prefecture = PREFECTURE.exec(trimmed)?.[1];
  if (prefecture === undefined) return null;
  const city = CITY.exec(trimmed.slice(prefecture.length))?.[1];
  return city === undefined ? null : { prefecture, city };
};

type StringKind = "printable" | "utf8";

const attribute = (type: string, value: string, kind: StringKind) =>
  new pkijs.AttributeTypeAndValue({
    type,
    value: kind === "printable" ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
  });

// One attribute per RDN, as JPKI's names are. pkijs would put every attribute of an unparsed name into
// a single multi-valued RDN, so the name is encoded here and handed to pkijs as parsed bytes.
const distinguishedName = (attributes: readonly pkijs.AttributeTypeAndValue[]) => {
  const encoded = new asn1js.Sequence({
    value: attributes.map((item) => new asn1js.Set({ value: [item.toSchema()] })),
  }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(encoded).result });
};

/**
 * Subject (and issuer) of the test CA: the JPKI signature CA's shape with `(TEST)` in it so nobody can
 * mistake it for the real one. `generation` optionally adds one more OU so people can tell test
 * generations apart; verifiers must not rely on it: real generations share their name and differ only
 * by key and validity, so a trust store tells them apart by signature.
 */
export const testCaName = (generation: string | undefined): pkijs.RelativeDistinguishedNames =>
  distinguishedName([
    attribute(OID.countryName, "JP", "printable"),
    attribute(OID.organizationName, "JPKI", "printable"),
    attribute(OID.organizationalUnitName, "JPKI for digital signature (TEST)", "printable"),
    attribute(OID.organizationalUnitName, "madoguchi test card CA", "printable"),
    ...(generation === undefined ? [] : [attribute(OID.organizationalUnitName, generation, "printable")]),
  ]);

/** Subject of a signature certificate: `C=JP, L=<prefecture>, L=<city>, CN=<opaque id>` (CN is not the name). */
export const cardSubjectName = (locality: Locality, opaqueId: string): pkijs.RelativeDistinguishedNames =>
  distinguishedName([
    attribute(OID.countryName, "JP", "printable"),
    attribute(OID.localityName, locality.prefecture, "utf8"),
    attribute(OID.localityName, locality.city, "utf8"),
    attribute(OID.commonName, opaqueId, "printable"),
  ]);
