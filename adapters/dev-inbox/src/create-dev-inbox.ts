import { MAILER_CONTRACT, type MailError, type Mailer } from "@madoguchi/core";
import { Schema } from "effect";
import { errAsync, okAsync } from "neverthrow";
import { DevInboxOptions } from "./dev-inbox.options.ts";
import { isSingleAddress } from "./recipient.ts";

/** A message kept by the dev inbox. */
export interface DevInboxMessage {
  /** The message id (the outbox message id); also the `messageId` that `send` answered. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly receivedAt: Date;
}

/** A `Mailer` that keeps mail in memory for the reference app to show instead of sending it. */
export interface DevInbox extends Mailer {
  /** The kept messages, newest first. Copies: changing them changes nothing in the inbox. */
  list(): DevInboxMessage[];
  /** Forgets every message. */
  clear(): void;
}

const mailError = (reason: MailError["reason"], message: string): MailError => ({
  _tag: "MailError",
  reason,
  operation: "mailer.send",
  retryable: false,
  message,
});

/**
 * The dev inbox: keeps the last `capacity` messages (default 100), deduplicated by message id — a
 * resend of a message still kept is not stored twice, as a receiver deduplicating by Message-ID would
 * do. It is the `embedded` profile's mailer: nothing leaves the process. Throws on invalid options.
 */
export const createDevInbox = (options: DevInboxOptions = {}): DevInbox => {
  const { capacity = 100 } = Schema.decodeUnknownSync(DevInboxOptions)({ capacity: options.capacity }, { errors: "all" });
  const clock = options.clock ?? { now: () => new Date() };
  // Insertion order is arrival order; the first entry is the oldest.
  const messages = new Map<string, DevInboxMessage>();
  let closed = false;

  return {
    meta: { contract: MAILER_CONTRACT, name: "dev-inbox", capabilities: new Set() },
    send(message) {
      if (closed) return errAsync(mailError("unavailable", "the dev inbox is closed"));
      if (!isSingleAddress(message.to)) return errAsync(mailError("rejected", "the recipient is not a single valid address"));
      if (!messages.has(message.id)) {
        messages.set(message.id, { id: message.id, to: message.to, subject: message.subject, text: message.text, receivedAt: clock.now() });
        for (const oldest of messages.keys()) {
          if (messages.size <= capacity) break;
          messages.delete(oldest);
        }
      }
      return okAsync({ messageId: message.id });
    },
    healthCheck: () => (closed ? errAsync({ ...mailError("unavailable", "the dev inbox is closed"), operation: "mailer.healthCheck" }) : okAsync(undefined)),
    close: async () => {
      closed = true;
    },
    list: () => [...messages.values()].reverse().map((m) => ({ ...m, receivedAt: new Date(m.receivedAt.getTime()) })),
    clear: () => messages.clear(),
  };
};
