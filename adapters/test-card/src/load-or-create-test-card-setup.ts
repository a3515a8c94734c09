import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { createTestCa } from "./create-test-ca.ts";
import { serialQueueForCardDir, type SerialQueue } from "./serial-queue.ts";
import { addAuthenticationKey, cardHolderOf, issueTestCard } from "./issue-test-card.ts";
import {
  ensurePrivateDirectory,
  readTestCaFiles,
  readTestCardFile,
  writeTestCaFiles,
  writeTestCardFile,
} from "./test-card-files.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { BasicInfo, TestCa, TestCard } from "./test-card.ts";

/** Signature password of the demo card created by {@link loadOrCreateTestCardSetup}. */
export const DEMO_SIGNATURE_PASSWORD = "MADO1234";

/** Authentication PIN (利用者証明用, 4 digits) of the demo card: resident login with the card. */
export const DEMO_AUTHENTICATION_PIN = "1234";

/**
 * The fictional holder of the demo card. The name uses MJ characters (髙, 𠮷) on purpose: they are the
 * ones OCR and fonts get wrong, and the substitute field shows what 代替文字 look like.
 */
export const DEMO_BASIC_INFO: BasicInfo = {
  name: "髙橋 𠮷子",
  nameSubstitute: "高橋 吉子",
  sex: "2",
  dateOfBirth: "419900102",
  address: "みほん県みほん市中央一丁目1番1号",
  addressSubstitute: "みほん県みほん市中央一丁目1番1号",
};

/** Options of {@link loadOrCreateTestCardSetup}. */
export interface TestCardSetupOptions {
  /** Directory of the files, e.g. `./data/test-card/`. Created with mode 0700. */
  readonly dir: string;
  /** Start of validity of what gets created. */
  readonly now: Date;
}

/** The reference app's test CA and its one demo card, backed by files. */
export interface TestCardSetup {
  readonly ca: TestCa;
  /** The card as it was when loaded or created. */
  readonly card: TestCard;
  /** The card as currently stored (re-read, so a CLI reset is seen by a running server). */
  getCard(): ResultAsync<TestCard, TestCardError>;
  /** Stores the card state returned by `signDetached` (success or error). */
  saveCard(card: TestCard): ResultAsync<void, TestCardError>;
  /**
   * The one queue of this `card.json` in the process (the same for every setup of `dir`): whoever reads,
   * checks and writes the card — the HTTP sign route, the card signer — runs that in here.
   */
  readonly exclusive: SerialQueue;
}

const OPERATION = "test-card.setup";

/** Whether the card is the demo card this setup issues: its certificate names {@link DEMO_BASIC_INFO}. */
const isDemoCard = (card: TestCard): boolean => {
  const holder = cardHolderOf(card);
  return holder !== null && (Object.keys(DEMO_BASIC_INFO) as (keyof BasicInfo)[]).every((field) => holder.basicInfo[field] === DEMO_BASIC_INFO[field]);
};

const DEMO_CARD_YEARS = 5; // a signature certificate lasts until the 5th birthday after issue

/**
 * Loads the test CA and demo card from `dir`, creating on first use a CA and one demo card (holder
 * {@link DEMO_BASIC_INFO}, password {@link DEMO_SIGNATURE_PASSWORD}, authentication PIN
 * {@link DEMO_AUTHENTICATION_PIN}) as PEM/JSON files with mode 0600. A new CA always gets a new card:
 * a card from a lost CA would never verify. A stored demo card without an authentication key (data
 * directories from before) gets one with the demo PIN, its signature side unchanged, so card login
 * works there too; a card of another holder issued without one is left as it was issued.
 */
export const loadOrCreateTestCardSetup = (options: TestCardSetupOptions): ResultAsync<TestCardSetup, TestCardError> => {
  const { dir, now } = options;
  const issueDemoCard = (ca: TestCa) => {
    const notAfter = new Date(now);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + DEMO_CARD_YEARS);
    return issueTestCard(ca, {
      basicInfo: DEMO_BASIC_INFO,
      notBefore: now,
      notAfter,
      signaturePassword: DEMO_SIGNATURE_PASSWORD,
      authenticationPin: DEMO_AUTHENTICATION_PIN,
    }).andThen((card) => writeTestCardFile(dir, card, OPERATION).map(() => card));
  };
  return ensurePrivateDirectory(dir, OPERATION)
    .andThen(() => readTestCaFiles(dir, OPERATION))
    .andThen((existingCa) =>
      existingCa === null
        ? createTestCa({ now }).andThen((ca) =>
            writeTestCaFiles(dir, ca, OPERATION).andThen(() => issueDemoCard(ca).map((card) => ({ ca, card }))),
          )
        : readTestCardFile(dir, OPERATION).andThen((card) =>
            card === null
              ? issueDemoCard(existingCa).map((issued) => ({ ca: existingCa, card: issued }))
              : card.authentication === undefined && isDemoCard(card)
                ? // The demo card from before it had an authentication key: it gets one with the demo PIN,
                  // keeping its signature side as it is. A card issued by `madoguchi test-card issue`
                  // without --auth-pin (another holder) stays as issued: that was asked for.
                  addAuthenticationKey(existingCa, card, DEMO_AUTHENTICATION_PIN).andThen((withKey) =>
                    writeTestCardFile(dir, withKey, OPERATION).map(() => ({ ca: existingCa, card: withKey })),
                  )
                : okAsync({ ca: existingCa, card }),
          ),
    )
    .map(({ ca, card }) => ({
      ca,
      card,
      // A vanished card.json is reported, not replaced by the loaded card: that would restore tries.
      getCard: () =>
        readTestCardFile(dir, "test-card.get").andThen((stored) =>
          stored === null
            ? errAsync(testCardError("test-card.get", "corrupt", "card.json has disappeared"))
            : okAsync(stored),
        ),
      saveCard: (next: TestCard) => writeTestCardFile(dir, next, "test-card.save"),
      exclusive: serialQueueForCardDir(dir),
    }));
};
