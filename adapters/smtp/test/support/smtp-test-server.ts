import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { decodeMime } from "./decode-mime.ts";

/** A message the test server accepted: envelope, decoded headers and text, and the raw source. */
export interface ReceivedMail {
  readonly envelopeTo: readonly string[];
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly raw: string;
}

/** A real SMTP server process (smtp-server) listening on 127.0.0.1. */
export interface TestSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** The latest message with this Message-ID header, or undefined. */
  byMessageId(messageId: string): ReceivedMail | undefined;
  close(): Promise<void>;
}

/** How the test server behaves. */
export interface TestSmtpServerOptions {
  /** Require AUTH with exactly these credentials. */
  readonly credentials?: { readonly user: string; readonly pass: string };
  /** Answer every RCPT TO with this reply code (e.g. 550, 451). */
  readonly rejectRecipientsWith?: number;
}

/**
 * Starts smtp-server on 127.0.0.1:0. STARTTLS is disabled (no certificate on loopback), so AUTH is
 * allowed without TLS here — the test server only, never a real relay.
 */
export const startTestSmtpServer = async (options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> => {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: options.credentials === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.credentials !== undefined && auth.username === options.credentials.user && auth.password === options.credentials.pass;
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipientsWith === undefined) return callback();
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: options.rejectRecipientsWith }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("binary");
        const { headers, text } = decodeMime(raw);
        received.push({ envelopeTo: session.envelope.rcptTo.map((a) => a.address), headers, text, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    byMessageId: (messageId) => received.findLast((m) => m.headers.get("message-id") === messageId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A TCP server on 127.0.0.1:0 that accepts connections and never says a word (no SMTP greeting). */
export const startSilentServer = async (): Promise<{ port: number; close(): void }> => {
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
};

/** A TCP port that was free a moment ago: connecting to it is refused. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
