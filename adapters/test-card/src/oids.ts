/** Object identifiers used by the test card (see /work/shared/notes/JPKI.md and RFC 5652, 5280, 5035). */
export const OID = {
  countryName: "2.5.4.6",
  localityName: "2.5.4.7",
  organizationName: "2.5.4.10",
  organizationalUnitName: "2.5.4.11",
  commonName: "2.5.4.3",

  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",

  sha256: "2.16.840.1.101.3.4.2.1",
  sha256WithRsaEncryption: "1.2.840.113549.1.1.11",

  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentTypeAttribute: "1.2.840.113549.1.9.3",
  messageDigestAttribute: "1.2.840.113549.1.9.4",
  signingTimeAttribute: "1.2.840.113549.1.9.5",
  signingCertificateV2Attribute: "1.2.840.113549.1.9.16.2.47",

  /** JPKI signature certificate policy (署名用電子証明書). */
  jpkiSignaturePolicy: "1.2.392.200149.8.5.1.1.20",
  jpkiName: "1.2.392.200149.8.5.5.1",
  jpkiNameSubstitute: "1.2.392.200149.8.5.5.2",
  jpkiSex: "1.2.392.200149.8.5.5.3",
  jpkiDateOfBirth: "1.2.392.200149.8.5.5.4",
  jpkiAddress: "1.2.392.200149.8.5.5.5",
  jpkiAddressSubstitute: "1.2.392.200149.8.5.5.6",
} as const;
