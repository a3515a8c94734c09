import { basicInformationFromOtherNames, JPKI_OID, type BasicInformation, type JpkiKey } from "@madoguchi/core";
import * as asn1js from "asn1js";
import { err, ok, type Result } from "neverthrow";
import type * as pkijs from "pkijs";

const extensionValue = (certificate: pkijs.Certificate, oid: string): asn1js.AsnType | null => {
  const extension = certificate.extensions?.find((item) => item.extnID === oid);
  if (extension === undefined) return null;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  return parsed.offset === -1 ? null : parsed.result;
};

/** The policy identifiers of certificatePolicies (2.5.29.32), empty when absent. */
export const certificatePolicies = (certificate: pkijs.Certificate): readonly string[] => {
  const value = extensionValue(certificate, "2.5.29.32");
  if (!(value instanceof asn1js.Sequence)) return [];
  return value.valueBlock.value.flatMap((info) => {
    const id = info instanceof asn1js.Sequence ? info.valueBlock.value[0] : undefined;
    return id instanceof asn1js.ObjectIdentifier ? [id.valueBlock.toString()] : [];
  });
};

/** Which JPKI certificate this is by its policy, or `null` for neither. */
export const jpkiPurposeOf = (certificate: pkijs.Certificate): JpkiKey | null => {
  const policies = certificatePolicies(certificate);
  if (policies.includes(JPKI_OID.signaturePolicy)) return "signature";
  if (policies.includes(JPKI_OID.authenticationPolicy)) return "authentication";
  return null;
};

/**
 * The subjectAltName otherNames (`[0] { type-id, [0] EXPLICIT UTF8String }`) as type-id → text. A
 * repeated type-id or a value that is not a UTF8String makes the whole set unreadable (`null`).
 */
export const otherNames = (certificate: pkijs.Certificate): ReadonlyMap<string, string> | null => {
  const names = new Map<string, string>();
  const value = extensionValue(certificate, "2.5.29.17");
  if (value === null) return names;
  if (!(value instanceof asn1js.Sequence)) return null;
  for (const general of value.valueBlock.value) {
    if (general.idBlock.tagClass !== 3 || general.idBlock.tagNumber !== 0) continue; // not an otherName
    const parts = (general as asn1js.Constructed).valueBlock.value;
    const [typeId, explicit] = parts ?? [];
    if (!(typeId instanceof asn1js.ObjectIdentifier) || explicit === undefined) return null;
    const text = (explicit as asn1js.Constructed).valueBlock?.value?.[0];
    if (!(text instanceof asn1js.Utf8String)) return null;
    const oid = typeId.valueBlock.toString();
    if (names.has(oid)) return null;
    names.set(oid, text.valueBlock.value);
  }
  return names;
};

/** The 4 basic information items of a signature certificate, or why they cannot be read. */
export const basicInformationOf = (certificate: pkijs.Certificate): Result<BasicInformation, string> => {
  const names = otherNames(certificate);
  if (names === null) return err("the subjectAltName otherNames are not readable");
  const read = basicInformationFromOtherNames(names);
  return read.isOk() ? ok(read.value) : err(read.error.message);
};
