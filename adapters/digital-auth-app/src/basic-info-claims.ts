import { eraOf, ERAS } from "@madoguchi/core";
import { BASIC_INFO_CLAIMS, GENDER_TO_SEX } from "./provider-fields.ts";

/**
 * The 4 basic information items (基本4情報) as the certificate writes them (../shared/notes/JPKI.md).
 * Same shape as the test card's `BasicInfo`; becomes core's 4-info type once that lands in
 * `core/src/signatures/`.
 */
export interface DigitalAuthAppBasicInfo {
  readonly name: string;
  /** 氏名代替文字; the name itself when the provider sends none (no 外字 to replace). */
  readonly nameSubstitute: string;
  /** 1 male, 2 female, 3 not known. */
  readonly sex: "1" | "2" | "3";
  /** `EYYYYMMDD`: era digit (1 明治 … 5 令和) then the Gregorian date. */
  readonly dateOfBirth: string;
  readonly address: string;
  readonly addressSubstitute: string;
}

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
 * Maps the claims of the ID token and user info to the 4-info; `null` when one of name, address, date
 * of birth or gender is missing or malformed (the login scopes ask for all four).
 */
export const basicInfoFromClaims = (claims: Readonly<Record<string, unknown>>): DigitalAuthAppBasicInfo | null => {
  const name = text(claims[BASIC_INFO_CLAIMS.name]);
  const address = addressText(claims[BASIC_INFO_CLAIMS.address]);
  const birthdate = text(claims[BASIC_INFO_CLAIMS.birthdate]);
  const gender = text(claims[BASIC_INFO_CLAIMS.gender]);
  if (name === null || address === null || birthdate === null || gender === null) return null;
  const dateOfBirth = jpkiDateOfBirth(birthdate);
  const sex = GENDER_TO_SEX[gender];
  if (dateOfBirth === null || sex === undefined) return null;
  return {
    name,
    nameSubstitute: text(claims[BASIC_INFO_CLAIMS.nameSubstitute]) ?? name,
    sex,
    dateOfBirth,
    address,
    addressSubstitute: text(claims[BASIC_INFO_CLAIMS.addressSubstitute]) ?? address,
  };
};
