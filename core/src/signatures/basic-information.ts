import { err, ok, type Result } from "neverthrow";

/**
 * The 4 basic information items (基本4情報) a JPKI signature certificate carries as subjectAltName
 * otherNames (see `../shared/notes/JPKI.md`). Pure: adapters extract the otherName strings, core reads them.
 */

/** Object identifiers of the JPKI subjectAltName otherNames and certificate policies. */
export const JPKI_OID = {
  name: "1.2.392.200149.8.5.5.1",
  nameSubstitute: "1.2.392.200149.8.5.5.2",
  sex: "1.2.392.200149.8.5.5.3",
  dateOfBirth: "1.2.392.200149.8.5.5.4",
  address: "1.2.392.200149.8.5.5.5",
  addressSubstitute: "1.2.392.200149.8.5.5.6",
  /** Certificate policy of the signature certificate (署名用電子証明書). */
  signaturePolicy: "1.2.392.200149.8.5.1.1.20",
  /** Certificate policy of the user-authentication certificate (利用者証明用電子証明書). */
  authenticationPolicy: "1.2.392.200149.8.5.1.3.30",
} as const;

/** Sex code of the basic information: 1 male, 2 female, 3 not known (the meaning of 3 is unconfirmed). */
export type JpkiSexCode = "1" | "2" | "3";

/**
 * Date of birth as the certificate writes it: `EYYYYMMDD`, one era digit then the Gregorian date.
 * Partial dates exist (unknown month or day written as zeros), so month and day may be `null`.
 */
export interface JpkiDateOfBirth {
  /** The string as written in the certificate. */
  readonly raw: string;
  /** Era digit (元号): kept as read; its mapping (e.g. 4 = 平成? 3 = 昭和?) is not relied upon. */
  readonly eraDigit: number;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
}

/** The 4 basic information items as the certificate carries them (no furigana: that is asked). */
export interface BasicInformation {
  /** 氏名, may contain MJ characters (髙, 𠮷). */
  readonly name: string;
  /** 氏名代替文字: the name with 外字 replaced; NOT a kana reading. Empty when the name needs none. */
  readonly nameSubstitute: string;
  readonly sex: JpkiSexCode;
  readonly dateOfBirth: JpkiDateOfBirth;
  /** 住所 */
  readonly address: string;
  /** 住所代替文字, empty when the address needs none. */
  readonly addressSubstitute: string;
}

/** Why the otherNames did not give the 4 basic information items. */
export interface BasicInformationInvalid {
  readonly _tag: "BasicInformationInvalid";
  readonly item: keyof BasicInformation;
  readonly message: string;
}

const DATE_OF_BIRTH = /^([0-9])([0-9]{4})([0-9]{2})([0-9]{2})$/;

/** Reads `EYYYYMMDD`; `null` when it is not that shape or the month/day are out of range. */
export const parseJpkiDateOfBirth = (raw: string): JpkiDateOfBirth | null => {
  const match = DATE_OF_BIRTH.exec(raw);
  if (match === null) return null;
  const [, era, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month > 12 || day > 31 || (month === 0 && day !== 0)) return null;
  if (month !== 0 && day !== 0) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) return null; // 2月30日 and the like
  }
  return { raw, eraDigit: Number(era), year, month: month === 0 ? null : month, day: day === 0 ? null : day };
};

const SEX_CODES: readonly string[] = ["1", "2", "3"];

/**
 * The 4 basic information items from a certificate's otherNames (`type-id` OID → UTF8String). Name,
 * sex, date of birth and address must be present; a missing substitute reads as empty.
 */
export const basicInformationFromOtherNames = (
  otherNames: ReadonlyMap<string, string>,
): Result<BasicInformation, BasicInformationInvalid> => {
  const invalid = (item: keyof BasicInformation, message: string) =>
    err<never, BasicInformationInvalid>({ _tag: "BasicInformationInvalid", item, message });
  const name = otherNames.get(JPKI_OID.name);
  const sex = otherNames.get(JPKI_OID.sex);
  const dob = otherNames.get(JPKI_OID.dateOfBirth);
  const address = otherNames.get(JPKI_OID.address);
  if (name === undefined || name === "") return invalid("name", "the certificate carries no name");
  if (sex === undefined || !SEX_CODES.includes(sex)) return invalid("sex", "the sex code is missing or unknown");
  const dateOfBirth = dob === undefined ? null : parseJpkiDateOfBirth(dob);
  if (dateOfBirth === null) return invalid("dateOfBirth", "the date of birth is missing or not EYYYYMMDD");
  if (address === undefined || address === "") return invalid("address", "the certificate carries no address");
  return ok({
    name,
    nameSubstitute: otherNames.get(JPKI_OID.nameSubstitute) ?? "",
    sex: sex as JpkiSexCode,
    dateOfBirth,
    address,
    addressSubstitute: otherNames.get(JPKI_OID.addressSubstitute) ?? "",
  });
};
