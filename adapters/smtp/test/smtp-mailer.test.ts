import { randomUUID } from "node:crypto";
import type { MailError } from "@madoguchi/core";
import type { Result } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../src/index.ts";
import { closedPort, startSilentServer, startTestSmtpServer, type TestSmtpServer } from "./support/smtp-test-server.ts";

const FROM = "窓口市 市民課 <noreply@city.example.jp>";
const mailerFor = (port: number, extra: { auth?: { user: string; pass: string }; timeoutMs?: number } = {}) =>
  createSmtpMailer({ host: "127.0.0.1", port, secure: false, from: FROM, timeoutMs: extra.timeoutMs ?? 5000, ...(extra.auth === undefined ? {} : { auth: extra.auth }) });

const errorOf = async <T>(pending: PromiseLike<Result<T, MailError>>): Promise<MailError> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected a MailError");
  return result.error;
};

const notification = () => ({
  id: randomUUID(),
  to: "hanako.yamada@example.jp",
  subject: "【窓口市】手数料のお支払いを確認しました",
  text: "髙橋 𠮷子 様\n\n手数料 300円 のお支払いを確認しました。\n窓口市役所",
});

describe("smtp mailer against a real smtp-server on loopback", () => {
  let server: TestSmtpServer;
  beforeAll(async () => {
    server = await startTestSmtpServer();
  });
  afterAll(() => server.close());

  it("delivers UTF-8 Japanese subject and body to exactly the one recipient, from the configured sender", async () => {
    const mailer = mailerFor(server.port);
    const message = notification();
    const { messageId } = (await mailer.send(message))._unsafeUnwrap();
    await mailer.close();
    const mail = server.byMessageId(messageId);
    expect(mail?.envelopeTo).toEqual([message.to]);
    expect(mail?.headers.get("to")).toBe(message.to);
    expect(mail?.headers.get("from")).toBe(FROM);
    expect(mail?.headers.get("subject")).toBe(message.subject);
    expect(mail?.text).toBe(message.text);
    expect(mail?.headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8/i);
    // The subject travels as RFC 2047 UTF-8 encoded words, not raw 8-bit bytes.
    expect(mail?.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
  });

  it("derives the Message-ID from the message id: a resend carries the same one, another message a different one", async () => {
    const mailer = mailerFor(server.port);
    const message = notification();
    const first = (await mailer.send(message))._unsafeUnwrap();
    const second = (await mailer.send(message))._unsafeUnwrap();
    const other = (await mailer.send({ ...message, id: randomUUID() }))._unsafeUnwrap();
    await mailer.close();
    expect(first.messageId).toBe(`<${message.id}@city.example.jp>`);
    expect(second.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(server.received.filter((m) => m.headers.get("message-id") === first.messageId)).toHaveLength(2);
  });

  it("passes its health check", async () => {
    const mailer = mailerFor(server.port);
    expect((await mailer.healthCheck()).isOk()).toBe(true);
    await mailer.close();
  });
});

describe("smtp mailer: failures mapped to MailError", () => {
  it("maps a 550 reply to rejected, not retryable, without the address in the message", async () => {
    const server = await startTestSmtpServer({ rejectRecipientsWith: 550 });
    try {
      const message = notification();
      const error = await errorOf(mailerFor(server.port).send(message));
      expect(error).toMatchObject({ _tag: "MailError", reason: "rejected", retryable: false, operation: "mailer.send" });
      expect(error.message).toContain("550");
      expect(error.message).not.toContain(message.to);
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("maps a 451 reply to unavailable, retryable", async () => {
    const server = await startTestSmtpServer({ rejectRecipientsWith: 451 });
    try {
      const error = await errorOf(mailerFor(server.port).send(notification()));
      expect([error.reason, error.retryable]).toEqual(["unavailable", true]);
    } finally {
      await server.close();
    }
  });

  it("maps a closed port to unavailable, retryable (send and health check)", async () => {
    const mailer = mailerFor(await closedPort());
    for (const error of [await errorOf(mailer.send(notification())), await errorOf(mailer.healthCheck())]) {
      expect([error.reason, error.retryable]).toEqual(["unavailable", true]);
    }
  });

  it("maps a server that never greets to timeout, retryable", async () => {
    const silent = await startSilentServer();
    try {
      const error = await errorOf(mailerFor(silent.port, { timeoutMs: 300 }).send(notification()));
      expect([error.reason, error.retryable]).toEqual(["timeout", true]);
    } finally {
      silent.close();
    }
  });

  it("authenticates with the configured credentials; wrong ones are rejected (535), not retried", async () => {
    const server = await startTestSmtpServer({ credentials: { user: "madoguchi", pass: "s3cret-pass" } });
    try {
      const good = mailerFor(server.port, { auth: { user: "madoguchi", pass: "s3cret-pass" } });
      const { messageId } = (await good.send(notification()))._unsafeUnwrap();
      expect(server.byMessageId(messageId)).toBeDefined();
      expect((await good.healthCheck()).isOk()).toBe(true);
      const bad = mailerFor(server.port, { auth: { user: "madoguchi", pass: "wrong" } });
      const error = await errorOf(bad.send(notification()));
      expect([error.reason, error.retryable]).toEqual(["rejected", false]);
      expect(error.message).not.toContain("wrong");
      expect((await errorOf(bad.healthCheck())).reason).toBe("rejected");
      // Without credentials the server refuses the mail (530 authentication required).
      expect((await errorOf(mailerFor(server.port).send(notification()))).reason).toBe("rejected");
    } finally {
      await server.close();
    }
  });
});

describe("smtp mailer: options", () => {
  const base = { host: "127.0.0.1", port: 25, secure: false, from: FROM, timeoutMs: 1000 };
  const attempt = (options: unknown) => () => createSmtpMailer(options as never);

  it("accepts a plain address or a display name with an address as the sender", () => {
    expect(attempt({ ...base, from: "noreply@city.example.jp" })).not.toThrow();
    expect(attempt({ ...base, requireTLS: true, auth: { user: "u", pass: "p" } })).not.toThrow();
  });

  it("rejects invalid options at construction, without quoting the password", () => {
    expect(attempt({ ...base, host: "" })).toThrow(/host/);
    expect(attempt({ ...base, port: 0 })).toThrow(/port/);
    expect(attempt({ ...base, port: 70000 })).toThrow(/port/);
    expect(attempt({ ...base, from: "窓口市" })).toThrow(/from/);
    expect(attempt({ ...base, from: "a@b.jp\r\nBcc: c@d.jp" })).toThrow(/from/);
    expect(attempt({ ...base, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(attempt({ ...base, secure: "yes", auth: { user: "u", pass: "hunter2-secret" } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2-secret") }),
    );
  });
});
