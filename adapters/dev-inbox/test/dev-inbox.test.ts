import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDevInbox } from "../src/index.ts";

const message = (id: string, subject = `件名 ${id}`) => ({ id, to: "taro@example.jp", subject, text: "本文" });

describe("dev inbox", () => {
  it("lists kept messages newest first, with the time each arrived", async () => {
    let now = Date.UTC(2026, 10, 23, 9, 0, 0);
    const inbox = createDevInbox({ clock: { now: () => new Date(now++) } });
    await inbox.send(message("a"));
    await inbox.send(message("b"));
    expect(inbox.list()).toEqual([
      { id: "b", to: "taro@example.jp", subject: "件名 b", text: "本文", receivedAt: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, 1)) },
      { id: "a", to: "taro@example.jp", subject: "件名 a", text: "本文", receivedAt: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, 0)) },
    ]);
  });

  it("keeps only the last `capacity` messages (property: the newest N, in order)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 30 }), async (capacity, count) => {
        const inbox = createDevInbox({ capacity });
        for (let i = 0; i < count; i++) await inbox.send(message(`m${i}`));
        const expected = Array.from({ length: Math.min(capacity, count) }, (_, k) => `m${count - 1 - k}`);
        expect(inbox.list().map((m) => m.id)).toEqual(expected);
      }),
    );
  });

  it("deduplicates by message id: a resend is answered but kept once, as first received", async () => {
    const inbox = createDevInbox();
    expect((await inbox.send(message("same", "first"))).isOk()).toBe(true);
    const again = await inbox.send(message("same", "second"));
    expect(again._unsafeUnwrap()).toEqual({ messageId: "same" });
    expect(inbox.list().map((m) => [m.id, m.subject])).toEqual([["same", "first"]]);
  });

  it("forgets everything on clear()", async () => {
    const inbox = createDevInbox();
    await inbox.send(message("a"));
    inbox.clear();
    expect(inbox.list()).toEqual([]);
    await inbox.send(message("a"));
    expect(inbox.list()).toHaveLength(1);
  });

  it("hands out copies: changing a listed message changes nothing inside", async () => {
    const inbox = createDevInbox();
    await inbox.send(message("a"));
    const [listed] = inbox.list();
    listed?.receivedAt.setTime(0);
    (listed as { subject: string }).subject = "changed";
    expect(inbox.list()[0]?.subject).toBe("件名 a");
    expect(inbox.list()[0]?.receivedAt.getTime()).not.toBe(0);
  });

  it("rejects invalid options at construction", () => {
    expect(() => createDevInbox({ capacity: 0 })).toThrow(/capacity/);
    expect(() => createDevInbox({ capacity: 1.5 })).toThrow(/capacity/);
  });

  it("fails its health check once closed", async () => {
    const inbox = createDevInbox();
    expect((await inbox.healthCheck()).isOk()).toBe(true);
    await inbox.close();
    expect((await inbox.healthCheck())._unsafeUnwrapErr()).toMatchObject({ reason: "unavailable", operation: "mailer.healthCheck" });
  });
});
