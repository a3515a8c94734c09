import { mailerCases } from "@madoguchi/conformance/mailer";
import type { Mailer } from "@madoguchi/core";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createDevInbox } from "../src/index.ts";

// Broken mailers built on the dev inbox: the named case of the mailer contract must fail for each.
const mutants: ReadonlyArray<{ readonly mutant: string; readonly caughtBy: string; readonly make: () => { mailer: Mailer; inbox: ReturnType<typeof createDevInbox> } }> = [
  {
    mutant: "mangles non-ASCII text (Latin-1 round trip)",
    caughtBy: "keeps Japanese subject and body intact (variant kanji, surrogate pairs, long lines, leading dots)",
    make: () => {
      const inbox = createDevInbox();
      const latin1 = (s: string) => Buffer.from(s, "latin1").toString("latin1");
      return { inbox, mailer: { ...inbox, send: (m) => inbox.send({ ...m, subject: latin1(m.subject), text: latin1(m.text) }) } };
    },
  },
  {
    mutant: "answers a new messageId on every send",
    caughtBy: "answers the same messageId when the same message is sent again (receivers can deduplicate)",
    make: () => {
      const inbox = createDevInbox();
      let n = 0;
      return { inbox, mailer: { ...inbox, send: (m) => inbox.send({ ...m, id: `${m.id}-${n++}` }) } };
    },
  },
  {
    mutant: "sends to anything it is given",
    caughtBy: "rejects a recipient that is not one valid address, without naming it in the error",
    make: () => {
      const inbox = createDevInbox();
      return { inbox, mailer: { ...inbox, send: (m) => okAsync({ messageId: m.id }) } };
    },
  },
  {
    mutant: "drops trailing lines of long messages",
    caughtBy: "round-trips any mail-safe Japanese and ASCII subject and text (property)",
    make: () => {
      const inbox = createDevInbox();
      return { inbox, mailer: { ...inbox, send: (m) => inbox.send({ ...m, text: m.text.split("\n").slice(0, 2).join("\n") }) } };
    },
  },
  {
    mutant: "keeps sending after close()",
    caughtBy: "refuses to send after close() with unavailable",
    make: () => {
      const inbox = createDevInbox();
      return { inbox, mailer: { ...inbox, close: async () => undefined } };
    },
  },
];

describe("the mailer contract catches broken mailers", () => {
  for (const { mutant, caughtBy, make } of mutants) {
    it(`fails "${caughtBy}" for a mailer that ${mutant}`, async () => {
      const c = mailerCases.find((x) => x.name === caughtBy);
      expect(c, caughtBy).toBeDefined();
      const { mailer, inbox } = make();
      const readBack = async (id: string) => {
        const found = inbox.list().find((m) => m.id === id);
        return found === undefined ? null : { to: found.to, subject: found.subject, text: found.text };
      };
      await expect(c?.run(mailer, readBack, { numRuns: 30 })).rejects.toThrow();
    });
  }
});
