import type { Mailer } from "@madoguchi/core";
import { createDevInbox } from "@madoguchi/adapter-dev-inbox";
import { createSmtpMailer } from "@madoguchi/adapter-smtp";
import type { Config } from "../../config/config.ts";
import type { DevInboxView } from "../../http/server-deps.ts";

/** The mail side: the Mailer port, and the dev inbox view when that is the mailer. */
export interface MailParts {
  readonly mailer: Mailer;
  readonly devInbox: DevInboxView | null;
}

const factories = {
  "dev-inbox": (): MailParts => {
    const inbox = createDevInbox({ capacity: 500 });
    return { mailer: inbox, devInbox: inbox };
  },
  smtp: (c: Extract<Config["mailer"], { kind: "smtp" }>): MailParts => ({
    mailer: createSmtpMailer({ host: c.host, port: c.port, secure: c.port === 465, from: c.from, timeoutMs: 15_000 }),
    devInbox: null,
  }),
} satisfies { [K in Config["mailer"]["kind"]]: (c: Extract<Config["mailer"], { kind: K }>) => MailParts };

export const buildMailer = (config: Config): MailParts =>
  config.mailer.kind === "smtp" ? factories.smtp(config.mailer) : factories["dev-inbox"]();
