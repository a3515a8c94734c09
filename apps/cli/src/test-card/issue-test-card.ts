import { resolve } from "node:path";
import { issueTestCardFiles, localityOfAddress, SIGNATURE_PASSWORD_PATTERN, type JpkiSex } from "@madoguchi/adapter-test-card";
import { Schema } from "effect";
import { err, errAsync, ok, Result, type ResultAsync } from "neverthrow";
import { collectFlagErrors, decodeFlag, invalidFlag } from "../args/decode-flag.ts";
import type { CliError } from "../cli.errors.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import { cardJson, cardLines } from "./card-lines.ts";
import { cardStatus } from "./card-status.ts";
import { parseIsoInstant } from "./iso-instant.ts";
import { DEFAULT_VALID_YEARS, MAX_VALID_YEARS, type IssueInput } from "./issue-test-card-flags.ts";
import { parseJpkiBirthDate } from "./jpki-birth-date.ts";
import { fromTestCardError } from "./test-card-error.ts";

const OPERATION = "test-card issue";

const Text = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200));
const TEXT_EXPECTED = { ja: "1〜200 文字で、前後に空白を含めないでください", en: "1 to 200 characters without leading or trailing spaces" };

/**
 * Checks every option (all wrong values reported at once, none repeated back), then issues the card
 * with the adapter's `issueTestCardFiles`, which creates the directory's test CA on first use and
 * replaces `card.json`, and reports the new card as `test-card show` would.
 */
export const runIssueTestCard = (input: IssueInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const now = context.now();
  const options = decodeIssueOptions(input, now);
  if (options.isErr()) return errAsync(options.error);
  const { dir, ...issue } = options.value;
  return issueTestCardFiles({ ...issue, dir: resolve(context.cwd, dir) })
    .andThen(({ card }) => cardStatus(card, now))
    .mapErr((e) => fromTestCardError(OPERATION, dir, e))
    .map((status) => ({
      human: [
        { ja: `テストカードを発行しました: ${dir}`, en: `issued a test card: ${dir}` },
        ...cardLines(status),
        ...(issue.revoked === undefined ? [] : [{ ja: "失効: テスト CA の失効リストに載せました", en: "revoked: listed on the test CA's revocation list" }]),
        ...(issue.authenticationPin === undefined ? [] : [{ ja: "利用者証明用の鍵あり（暗証番号 4 桁、3 回まで）", en: "with a user-authentication key (4-digit PIN, 3 tries)" }]),
      ],
      json: { dir, card: cardJson(status), revoked: issue.revoked !== undefined, authenticationKey: issue.authenticationPin !== undefined },
    }));
};

interface IssueOptions {
  /** As typed: relative to the working directory. */
  readonly dir: string;
  readonly now: Date;
  readonly validYears: number;
  readonly signaturePassword: string;
  readonly authenticationPin?: string;
  /** --revoked: the card is put on the test CA's revoked list as of issuing. */
  readonly revoked?: { readonly at: Date; readonly reason: "affiliationChanged" };
  readonly basicInfo: {
    readonly name: string;
    readonly nameSubstitute: string;
    readonly sex: JpkiSex;
    readonly dateOfBirth: string;
    readonly address: string;
    readonly addressSubstitute: string;
  };
}

/** Years added as the adapter adds them (`setUTCFullYear`), to know the end of validity beforehand. */
const addYears = (date: Date, years: number): Date => {
  const out = new Date(date);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
};

const DAY_MS = 86_400_000;

const decodeIssueOptions = (input: IssueInput, now: Date): Result<IssueOptions, CliError> => {
  const s = input.strings;
  const name: Result<string, CliError> = decodeFlag(OPERATION, "name", Text, requiredString(s.name, "name"), TEXT_EXPECTED);
  const nameSubstitute: Result<string, CliError> = decodeFlag(OPERATION, "name-substitute", Text, s["name-substitute"] ?? requiredString(s.name, "name"), TEXT_EXPECTED);
  const address: Result<string, CliError> = decodeFlag(OPERATION, "address", Text, requiredString(s.address, "address"), TEXT_EXPECTED).andThen((a) =>
    localityOfAddress(a) === null
      ? err(invalidFlag(OPERATION, "address", { ja: "都道府県と市区町村から始めてください（例: みほん県みほん市中央一丁目1番1号）", en: "start with the prefecture and city (e.g. みほん県みほん市中央一丁目1番1号)" }))
      : ok(a),
  );
  const addressSubstitute: Result<string, CliError> = decodeFlag(OPERATION, "address-substitute", Text, s["address-substitute"] ?? requiredString(s.address, "address"), TEXT_EXPECTED);
  const birthInput = requiredString(s.birth, "birth");
  const birth: Result<string, CliError> =
    parseJpkiBirthDate(birthInput, now.toISOString().slice(0, 10)) === null
      ? err(invalidFlag(OPERATION, "birth", { ja: "元号の番号（1〜5）と西暦の年月日 9 桁で、その元号の期間内の過去の日付（例 419900102 = 平成 1990-01-02）", en: "9 digits: era digit (1–5) and a past Gregorian date within that era (e.g. 419900102 = Heisei 1990-01-02)" }))
      : ok(birthInput);
  const sex: Result<JpkiSex, CliError> = decodeFlag(OPERATION, "sex", Schema.Literals(["1", "2", "3"]), requiredString(s.sex, "sex"), { ja: "1（男）、2（女）、3（不明）のいずれか", en: "1 (male), 2 (female) or 3 (unknown)" });
  const password: Result<string, CliError> = decodeFlag(OPERATION, "password", Schema.String.check(Schema.isPattern(SIGNATURE_PASSWORD_PATTERN)), requiredString(s.password, "password"), {
    ja: "英大文字と数字の 6〜16 文字",
    en: "6 to 16 upper-case letters or digits",
  });
  const validYears: Result<number, CliError> =
    s["valid-years"] === undefined
      ? ok(DEFAULT_VALID_YEARS)
      : decodeFlag(OPERATION, "valid-years", Schema.String.check(Schema.isPattern(/^[0-9]{1,2}$/)), s["valid-years"], { ja: `1〜${MAX_VALID_YEARS} の整数`, en: `a whole number from 1 to ${MAX_VALID_YEARS}` })
          .map(Number)
          .andThen((n) => (n >= 1 && n <= MAX_VALID_YEARS ? ok(n) : err(invalidFlag(OPERATION, "valid-years", { ja: `1〜${MAX_VALID_YEARS} の整数`, en: `a whole number from 1 to ${MAX_VALID_YEARS}` }))));
  const notBefore: Result<Date | null, CliError> =
    s["not-before"] === undefined
      ? ok(null)
      : parseIsoInstant(s["not-before"]).match(
          (d) => ok(d),
          () => err(invalidFlag(OPERATION, "not-before", { ja: "ISO 8601 の日付または日時（例 2024-04-01、2024-04-01T09:00:00+09:00）", en: "an ISO 8601 date or date-time (e.g. 2024-04-01, 2024-04-01T09:00:00+09:00)" })),
        );

  const authPin: Result<string | null, CliError> =
    s["auth-pin"] === undefined
      ? ok(null)
      : decodeFlag(OPERATION, "auth-pin", Schema.String.check(Schema.isPattern(/^[0-9]{4}$/)), s["auth-pin"], { ja: "数字 4 桁", en: "4 digits" });

  // Every option is checked before any is reported, so that one run names all the wrong ones.
  const checked = Result.combineWithAllErrors([name, nameSubstitute, address, addressSubstitute, sex, birth, password, validYears, notBefore, authPin]);
  if (checked.isErr()) return err(collectFlagErrors(OPERATION, checked.error));
  const [holderName, holderNameSubstitute, holderAddress, holderAddressSubstitute, holderSex, birthValue, signaturePassword, years, notBeforeValue, authenticationPin] = checked.value;

  // --expired: the card's validity ended yesterday, unless --not-before says when it started.
  const start = notBeforeValue ?? (input.booleans.expired ? new Date(addYears(now, -years).getTime() - DAY_MS) : now);
  if (input.booleans.expired && addYears(start, years).getTime() >= now.getTime()) {
    return err(
      invalidFlag(OPERATION, "not-before", {
        ja: `--expired では --not-before に ${years} 年以上前の日時を指定してください（有効期間の終わりが過去になるように）`,
        en: `with --expired, --not-before must be more than ${years} years ago (so that validity has ended)`,
      }),
    );
  }
  const dir = requiredString(s.dir, "dir");
  return ok({
    dir,
    now: start,
    validYears: years,
    signaturePassword,
    ...(authenticationPin === null ? {} : { authenticationPin }),
    // A change of address (affiliationChanged) is the common reason a JPKI signature certificate is revoked.
    ...(input.booleans.revoked ? { revoked: { at: now, reason: "affiliationChanged" as const } } : {}),
    basicInfo: {
      name: holderName,
      nameSubstitute: holderNameSubstitute,
      sex: holderSex,
      dateOfBirth: birthValue,
      address: holderAddress,
      addressSubstitute: holderAddressSubstitute,
    },
  });
};
