import { basicInformationFromOtherNames, eraOf, ERAS, JPKI_OID, type BasicInformation } from "@madoguchi/core";
import { BASIC_INFO_CLAIMS, GENDER_TO_SEX } from "./provider-fields.ts";

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

const addressText = (value: unknown): string | null => {
  if (typeof value === "string") return text(value);
  if (value !== null && typeof value === "object") return text((value as Record<string, unknown>)["formatted"]);
  return null;
};

/** `YYYY-MM-DD` → `EYYYYMMDD` with the JPKI era digit (明治 1 … 令和 5); null when not a date we can write. */
export const jpkiDateOfBirth = (birthdate: string): string | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) return null;
  const era = eraOf(birthdate);
  if (era === null) return null;
  return `${ERAS.indexOf(era) + 1}${birthdate.replaceAll("-", "")}`;
};

/**
 * Maps the claims of the ID token and user info to core's 4-info, through the same reader as the
 * certificate's otherNames (so both sources obey one set of rules); `null` when one of name, address,
 * date of birth or gender is missing or malformed (the login scopes ask for all four).
 */
export const basicInfoFromClaims = (claims: Readonly<Record<string, unknown>>): BasicInformation | null => {
  const name = text(claims[BASIC_INFO_CLAIMS.name]);
  const address = addressText(claims[BASIC_INFO_CLAIMS.address]);
  const birthdate = text(claims[BASIC_INFO_CLAIMS.birthdate]);
  const gender = text(claims[BASIC_INFO_CLAIMS.gender]);
  if (name === null || address === null || birthdate === null || gender === null) return null;
  const dateOfBirth = jpkiDateOfBirth(birthdate);
  const sex = GENDER_TO_SEX[gender];
  if (dateOfBirth === null || sex === undefined) return null;
  const otherNames = new Map<string, string>([
    [JPKI_OID.name, name],
    [JPKI_OID.sex, sex],
    [JPKI_OID.dateOfBirth, dateOfBirth],
    [JPKI_OID.address, address],
  ]);
  const nameSubstitute = text(claims[BASIC_INFO_CLAIMS.nameSubstitute]);
  const addressSubstitute = text(claims[BASIC_INFO_CLAIMS.addressSubstitute]);
  if (nameSubstitute !== null) otherNames.set(JPKI_OID.nameSubstitute, nameSubstitute);
  if (addressSubstitute !== null) otherNames.set(JPKI_OID.addressSubstitute, addressSubstitute);
  return basicInformationFromOtherNames(otherNames).unwrapOr(null);
};
