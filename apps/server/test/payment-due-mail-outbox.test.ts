import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { createOutboxRelay } from "../src/outbox/outbox-relay.ts";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// The payment-due mail (ADR 26) goes through the transactional outbox with the fee change that decided it: the
// mail server being down loses nothing — the change is kept, the mail waits and leaves once mail works again.
let server: TestServer;
let mailServer: SMTPServer;
const received: { readonly to: readonly string[]; readonly raw: string }[] = [];

/** A real SMTP server on loopback (smtp-server), on `port` (0: any); it keeps what it accepts in `received`. */
const startMailServer = async (port: number): Promise<SMTPServer> => {
  const smtp = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(port, "127.0.0.1", () => resolve());
  });
  return smtp;
};
const stopMailServer = (smtp: SMTPServer) => new Promise<void>((resolve) => smtp.close(() => resolve()));

beforeAll(async () => {
  // Up for the start-up health check; the test takes it down and brings it back on the same port.
  mailServer = await startMailServer(0);
  const port = (mailServer.server.address() as AddressInfo).port;
  server = await startTestServer({ MADOGUCHI_MAILER: "smtp", MADOGUCHI_SMTP_HOST: "127.0.0.1", MADOGUCHI_SMTP_PORT: String(port) });
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("outbox-all"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
  await stopMailServer(mailServer);
});

describe("the payment-due mail, when the mail server is down", () => {
  it("keeps the fee change, queues the mail with a retry time, and delivers it once the mail server is back", async () => {
    const staff = await staffWithSession(server, "processor");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
    (await server.deps.staffAccess.addMember(StaffGroupId("outbox-all"), staff.id))._unsafeUnwrap();
    const email = `outbox-due-${process.pid}@example.jp`;
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { email } }));
    const a = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;

    // The submission's 受付 mail leaves while mail works; then the mail server goes down.
    await server.relay.runOnce();
    const port = (mailServer.server.address() as AddressInfo).port;
    await stopMailServer(mailServer);
    received.length = 0;

    const raised = await call(`${server.staffUrl}/api/staff/applications/${a.id}/fee`, {
      headers: staff.headers,
      body: { expectedCount: 0, edits: [{ index: 0, quantity: 3, exemptionReason: null }], reason: "3通の請求" },
    });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ effect: "request_payment", totals: { pendingDifference: 300 } });

    // The relay (kicked by the change; this awaits or repeats that run) tries: SMTP is unreachable, so the
    // mail stays queued with the failure and a later attempt.
    await server.relay.runOnce();
    const farFuture = new Date(Date.now() + 86_400_000);
    const [due, ...others] = (await server.deps.outbox.due(farFuture, 100))._unsafeUnwrap();
    expect(others).toEqual([]);
    expect(due?.message).toMatchObject({ id: `payment-due-${a.id}-1`, kind: "application.payment_due", applicationId: a.id, amount: 300, reason: "difference", seq: 1 });
    expect(due?.attempts).toBe(1);
    expect(due?.lastError).toMatch(/^mailer: /);
    expect(due!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // The books kept the change whatever the mail did.
    expect((await server.deps.paymentLedger.listForApplication(a.id))._unsafeUnwrap().map((r) => r.event.kind)).toEqual(["fee_fixed"]);

    // The mail server is back on its port; a relay run after the retry time (the server's own relay and
    // mailer, its clock an hour on) delivers the mail once, to the resident, with its stable Message-ID.
    mailServer = await startMailServer(port);
    const later = { now: () => new Date(Date.now() + 3_600_000) };
    const relay = createOutboxRelay({ ...server.deps, clock: later, logger: pino({ level: "silent" }) });
    expect(await relay.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual([email]);
    expect(received[0]?.raw).toMatch(new RegExp(`^Message-ID: <payment-due-${a.id}-1@`, "im"));
    expect(received[0]?.raw).not.toContain(a.applicant.address);
    expect(await relay.runOnce()).toEqual({ sent: 0, failed: 0 });
    // Neither the address nor the name reached the log on the way.
    expect(server.logText()).not.toContain(email);
    expect(server.logText()).not.toContain(a.applicant.name);
  });
});
