import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";

const SHORT_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.5": "SERIALNUMBER",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "1.2.840.113549.1.9.1": "E",
  "0.9.2342.19200300.100.1.25": "DC",
};

// RFC 4514 §2.4 escaping, so that a value containing ", " or "+" cannot be read as more attributes.
const escapeValue = (value: string): string =>
  value
    .replace(/[\\",+;<>=]/g, (char) => `\\${char}`)
    .replace(/^[#\s]/, (char) => `\\${char}`)
    .replace(/\s$/, (char) => `\\${char}`)
    .replace(/\u0000/g, "\\00");

const formatAttribute = (attribute: asn1js.AsnType): string => {
  if (!(attribute instanceof asn1js.Sequence)) return "?";
  const [type, value] = attribute.valueBlock.value;
  const oid = type instanceof asn1js.ObjectIdentifier ? type.valueBlock.toString() : "?";
  const raw: unknown = value instanceof asn1js.BaseStringBlock ? value.getValue() : undefined;
  const text =
    typeof raw === "string" ? escapeValue(raw) : `#${Buffer.from(value?.toBER(false) ?? new ArrayBuffer(0)).toString("hex")}`;
  return `${SHORT_NAMES[oid] ?? oid}=${text}`;
};

/**
 * A name as text in encoding order, e.g. `C=JP, L=みほん県, L=みほん市, CN=…` — the order JPKI documents
 * and OpenSSL print, not RFC 4514's reversed order; multi-valued RDNs are joined with `+`, non-string
 * values shown as `#<hex DER>`. Read from the name's DER because pkijs flattens multi-valued RDNs.
 */
export const formatName = (name: pkijs.RelativeDistinguishedNames): string => {
  const parsed = asn1js.fromBER(name.valueBeforeDecode);
  if (!(parsed.result instanceof asn1js.Sequence)) return "";
  return parsed.result.valueBlock.value
    .map((rdn) => (rdn instanceof asn1js.Set ? rdn.valueBlock.value.map(formatAttribute).join("+") : "?"))
    .join(", ");
};
