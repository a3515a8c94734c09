import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import { MAILER_CONTRACT, type MailError, type Mailer, type MailMessage } from "@madoguchi/core";

/** Builds a ready {@link Mailer} for one test; the suite closes it at the end of the test. */
export type MakeMailer = () => Mailer | Promise<Mailer>;

/**
 * What arrived for a message, as the recipient's side sees it: line breaks as `\n`, and without the
 * line break that ends every SMTP body (a single trailing line break is not significant).
 */
export interface ReadBackMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Reads a sent message back from where it was delivered (the dev inbox, the SMTP server's mailbox),
 * by the `messageId` that `send` answered; `null` when nothing arrived under that id. The raw-read
 * hook keeps the suite honest: it checks what was delivered, not what the adapter says it sent.
 */
export type ReadBack = (messageId: string) => Promise<ReadBackMail | null>;

/** Tuning of {@link describeMailerContract}. */
export interface MailerContractOptions {
  /** fast-check runs of the round-trip property (default 15: every run sends real mail). */
  readonly numRuns?: number;
  /** Per-test timeout in ms (default 30 000). */
  readonly testTimeoutMs?: number;
}

/** One named check of the mailer contract: throws (via `expect`) when the adapter breaks it. */
export interface MailerCase {
  readonly name: string;
  readonly run: (mailer: Mailer, readBack: ReadBack, options: MailerContractOptions) => Promise<void>;
}

const okValue = async <T>(pending: PromiseLike<Result<T, MailError>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

const errorOf = async <T>(pending: PromiseLike<Result<T, MailError>>): Promise<MailError> => {
  const result = await pending;
  if (result.isOk()) expect.fail(`expected a MailError, got Ok ${JSON.stringify(result.value)}`);
  expect(result.error._tag).toBe("MailError");
  return result.error;
};

const freshId = (): string => globalThis.crypto.randomUUID();

/** A notification as madoguchi sends them: Japanese, several lines, variant kanji and a surrogate pair. */
const japaneseMessage = (): MailMessage => ({
  id: freshId(),
  to: "resident+juminhyo@example.jp",
  subject: "【窓口市】住民票の写しの交付申請を受け付けました（受付番号 20261123-7K3M9Q）",
  text: [
    "髙﨑 𠮷太郎 様",
    "",
    "住民票の写しの交付申請を受け付けました。",
    "受付番号: 20261123-7K3M9Q",
    "手数料: 300円（お支払い済み）",
    // A long line: more than 78 characters and, in UTF-8, more than 998 bytes (SMTP's line limit).
    "ご不明な点は市民課窓口までお問い合わせください。".repeat(16),
    ".このように行頭がピリオドの行も、そのまま届きます。",
    "From 行頭の From も変わりません。",
    "窓口市役所 市民課",
  ].join("\n"),
});

/** Mail-safe text: Japanese and ASCII words, spaces and line breaks (no lone CR, no control characters). */
const textArb = fc
  .array(
    fc.oneof(
      fc.constantFrom("住民票", "の写し", "髙﨑", "𠮷野家", "①", "ｶﾀｶﾅ", "申請", "。", "、", "—", "～", "🏛️"),
      fc.string({ unit: fc.constantFrom(..."abcXYZ019.,:-=?_ "), minLength: 1, maxLength: 12 }),
      fc.constant("\n"),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((parts) => parts.join(""))
  // Leading/trailing whitespace and blank lines at the ends are not part of the promise.
  .map((text) => text.trim())
  .filter((text) => text.length > 0);

/** Subjects are one line. */
const subjectArb = textArb.map((text) => text.replace(/\s+/g, " ").trim()).filter((s) => s.length > 0);

/** The cases of the mailer contract, exported so that tests can prove each one catches a broken adapter. */
export const mailerCases: readonly MailerCase[] = [
  {
    name: "declares the mailer@1 contract",
    run: async (mailer) => {
      expect(mailer.meta.contract).toBe(MAILER_CONTRACT);
    },
  },
  {
    name: "passes its health check",
    run: async (mailer) => {
      await okValue(mailer.healthCheck());
    },
  },
  {
    name: "delivers a message that reads back equal (recipient, subject, text)",
    run: async (mailer, readBack) => {
      const message = { id: freshId(), to: "taro@example.jp", subject: "Your application was received", text: "Hello.\nThis is madoguchi." };
      const { messageId } = await okValue(mailer.send(message));
      expect(typeof messageId).toBe("string");
      expect(await readBack(messageId)).toEqual({ to: message.to, subject: message.subject, text: message.text });
    },
  },
  {
    name: "keeps Japanese subject and body intact (variant kanji, surrogate pairs, long lines, leading dots)",
    run: async (mailer, readBack) => {
      const message = japaneseMessage();
      const { messageId } = await okValue(mailer.send(message));
      expect(await readBack(messageId)).toEqual({ to: message.to, subject: message.subject, text: message.text });
    },
  },
  {
    name: "answers the same messageId when the same message is sent again (receivers can deduplicate)",
    run: async (mailer, readBack) => {
      const message = japaneseMessage();
      const first = await okValue(mailer.send(message));
      const second = await okValue(mailer.send(message));
      expect(second.messageId).toBe(first.messageId);
      expect((await readBack(second.messageId))?.subject).toBe(message.subject);
      const other = await okValue(mailer.send({ ...message, id: freshId() }));
      expect(other.messageId).not.toBe(first.messageId);
    },
  },
  {
    name: "rejects a recipient that is not one valid address, without naming it in the error",
    run: async (mailer) => {
      for (const to of ["not-an-address", "a@example.jp, b@example.jp", "a@example.jp\r\nBcc: b@example.jp", ""]) {
        const error = await errorOf(mailer.send({ id: freshId(), to, subject: "件名", text: "本文" }));
        expect([to, error.reason, error.retryable]).toEqual([to, "rejected", false]);
        if (to !== "") expect(error.message).not.toContain(to);
      }
    },
  },
  {
    name: "round-trips any mail-safe Japanese and ASCII subject and text (property)",
    run: async (mailer, readBack, options) => {
      await fc.assert(
        fc.asyncProperty(subjectArb, textArb, async (subject, text) => {
          const message = { id: freshId(), to: "hanako@example.jp", subject, text };
          const { messageId } = await okValue(mailer.send(message));
          expect(await readBack(messageId)).toEqual({ to: message.to, subject, text });
        }),
        { numRuns: options.numRuns ?? 15 },
      );
    },
  },
  {
    name: "refuses to send after close() with unavailable",
    run: async (mailer) => {
      await mailer.close();
      const error = await errorOf(mailer.send(japaneseMessage()));
      expect(error.reason).toBe("unavailable");
    },
  },
];

/**
 * Registers the mailer@1 contract as a vitest suite. `makeMailer` builds the adapter for each test
 * (closed afterwards); `readBack` reads what was delivered.
 */
export const describeMailerContract = (name: string, makeMailer: MakeMailer, readBack: ReadBack, options: MailerContractOptions = {}): void => {
  describe(`mailer contract: ${name}`, () => {
    for (const c of mailerCases) {
      it(
        c.name,
        async () => {
          const mailer = await makeMailer();
          try {
            await c.run(mailer, readBack, options);
          } finally {
            await mailer.close();
          }
        },
        options.testTimeoutMs ?? 30_000,
      );
    }
  });
};
