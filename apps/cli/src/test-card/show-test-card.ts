import { join, resolve } from "node:path";
import { TEST_CARD_FILES, type TestCard } from "@madoguchi/adapter-test-card";
import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result, type ResultAsync } from "neverthrow";
import { cliError, type CliError } from "../cli.errors.ts";
import { requiredString, type CliContext, type CommandReport } from "../command.ts";
import { cardJson, cardLines } from "./card-lines.ts";
import { cardRevocation } from "./card-revocation.ts";
import { cardStatus } from "./card-status.ts";
import { readTextFile } from "../files/read-text-file.ts";
import type { ShowInput } from "./show-test-card-flags.ts";
import { fromTestCardError } from "./test-card-error.ts";

const OPERATION = "test-card show";

/** The shape of `card.json` as the adapter writes it (`TestCard`). */
const CardFileSchema = Schema.Struct({
  certificatePem: Schema.String,
  privateKeyPkcs8Pem: Schema.String,
  passwordHash: Schema.String,
  triesLeft: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  locked: Schema.Boolean,
});

/**
 * The directory's current card as the server sees it. Read-only: it reads `card.json` itself rather
 * than through `loadOrCreateTestCardSetup`, which would create a CA and a demo card where there is none.
 */
export const runShowTestCard = (input: ShowInput, context: CliContext): ResultAsync<CommandReport, CliError> => {
  const shownDir = requiredString(input.strings.dir, "dir");
  const cardDir = resolve(context.cwd, shownDir);
  const file = join(cardDir, TEST_CARD_FILES.card);
  const now = context.now();
  return readTextFile(OPERATION, file, join(shownDir, TEST_CARD_FILES.card))
    .mapErr((e) =>
      e.reason === "not_found"
        ? cliError(OPERATION, "not_found", "test_card.not_found", {
            ja: `テストカードがありません: ${shownDir}（madoguchi test-card issue で発行できます）`,
            en: `no test card in ${shownDir} (issue one with madoguchi test-card issue)`,
          })
        : e,
    )
    .andThen((text) => decodeCard(text, shownDir))
    .andThen((card) => cardStatus(card, now).mapErr((e) => fromTestCardError(OPERATION, shownDir, e)))
    // Revoked or not, as the server's CRL of this directory's revoked.json says it at `now`.
    .andThen((status) =>
      cardRevocation(cardDir, status.serialNumber, now)
        .mapErr((e) => fromTestCardError(OPERATION, shownDir, e))
        .map((revocation) => ({ status, revocation })),
    )
    .map(({ status, revocation }) => ({
      human: [{ ja: `テストカード: ${shownDir}`, en: `test card: ${shownDir}` }, ...cardLines(status, revocation)],
      json: { dir: shownDir, card: cardJson(status, revocation) },
    }));
};

const decodeCard = (text: string, shownDir: string): Result<TestCard, CliError> => {
  const damaged = cliError(OPERATION, "invalid_input", "test_card.corrupt", {
    ja: `${TEST_CARD_FILES.card} がテストカードではありません: ${shownDir}`,
    en: `${TEST_CARD_FILES.card} is not a test card: ${shownDir}`,
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(damaged);
  }
  const decoded = Schema.decodeUnknownResult(CardFileSchema)(json);
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(damaged);
};
