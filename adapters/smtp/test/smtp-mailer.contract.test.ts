import { describeMailerContract } from "@madoguchi/conformance/mailer";
import { afterAll, beforeAll } from "vitest";
import { createSmtpMailer } from "../src/index.ts";
import { startTestSmtpServer, type TestSmtpServer } from "./support/smtp-test-server.ts";

// The real nodemailer client against a real smtp-server on loopback; readBack decodes what arrived.
let server: TestSmtpServer;
beforeAll(async () => {
  server = await startTestSmtpServer();
});
afterAll(() => server.close());

describeMailerContract(
  "smtp (nodemailer → smtp-server on 127.0.0.1)",
  () => createSmtpMailer({ host: "127.0.0.1", port: server.port, secure: false, from: "窓口市 市民課 <noreply@city.example.jp>", timeoutMs: 5000 }),
  async (messageId) => {
    const mail = server.byMessageId(messageId);
    return mail === undefined ? null : { to: mail.headers.get("to") ?? "", subject: mail.headers.get("subject") ?? "", text: mail.text };
  },
);
