import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RevocationReason } from "@madoguchi/core";

/**
 * A PKI made by OpenSSL itself in a temporary directory, and OpenSSL's own OCSP responder
 * (`openssl ocsp -index … -port 0`) over it, on this machine: the OCSP checker is tested against an
 * implementation it shares no code with.
 */

/** Runs /usr/bin/openssl in `cwd`; rejects with its stderr when it fails. */
export const openssl = (cwd: string, args: readonly string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile("/usr/bin/openssl", args, { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`openssl ${args.slice(0, 2).join(" ")} failed: ${stderr}`));
    });
  });

/** A certificate file and its key file (names inside the PKI directory), and the DER of the certificate. */
export interface Issued {
  readonly cert: string;
  readonly key: string;
  readonly der: Uint8Array;
}

/** A leaf certificate: its serial as OpenSSL's index writes it (upper-case hex, whole bytes). */
export interface Leaf extends Issued {
  readonly serial: string;
}

export interface OpensslPki {
  readonly dir: string;
  /** The issuer of the leaves: its responses are the ones to believe. */
  readonly ca: Issued;
  /** Another CA (another name and key). */
  readonly other: Issued;
  /** Self-signed, the CA's exact name with another key: "names the issuer", signed by someone else. */
  readonly impostor: Issued;
  /** Delegated responder: issued by the CA, id-kp-OCSPSigning, id-pkix-ocsp-nocheck. */
  readonly responder: Issued;
  /** Issued by the CA with ocsp-nocheck but without id-kp-OCSPSigning. */
  readonly responderWithoutEku: Issued;
  /** Issued by the CA with id-kp-OCSPSigning but without ocsp-nocheck. */
  readonly responderWithoutNoCheck: Issued;
  /** id-kp-OCSPSigning and nocheck, issued by the other CA. */
  readonly responderOfOtherCa: Issued;
  /** id-kp-OCSPSigning and nocheck, naming the CA as issuer but signed by the impostor's key. */
  readonly forgedResponder: Issued;
  /** Three leaves of the CA. */
  readonly leaves: readonly [Leaf, Leaf, Leaf];
  /** Issues one more leaf of the CA (with an AIA OCSP URL when given). */
  issueLeaf(options?: { readonly ocspUrl?: string }): Promise<Leaf>;
  remove(): Promise<void>;
}

const CA_NAME = "/C=JP/O=madoguchi OCSP test/CN=OCSP test CA";

const EXTENSIONS = `
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[responder]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
1.3.6.1.5.5.7.48.1.5 = ASN1:NULL
[responder_without_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
1.3.6.1.5.5.7.48.1.5 = ASN1:NULL
[responder_without_nocheck]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
`;

const der = async (dir: string, cert: string) => {
  await openssl(dir, ["x509", "-in", cert, "-outform", "DER", "-out", `${cert}.der`]);
  return new Uint8Array(await readFile(join(dir, `${cert}.der`)));
};

/** A serial of 8 bytes whose first digit is 1–7 (positive, no sign byte), upper-case hex. */
export const randomSerial = (): string => `${1 + Math.floor(Math.random() * 7)}${randomBytes(8).toString("hex").slice(1)}`.toUpperCase();

let counter = 0;

const newKey = async (dir: string, name: string) => {
  await openssl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `${name}.key`]);
  return `${name}.key`;
};

const selfSigned = async (dir: string, name: string, subject: string): Promise<Issued> => {
  const key = await newKey(dir, name);
  await openssl(dir, ["req", "-x509", "-new", "-key", key, "-subj", subject, "-days", "3650", "-config", "ext.cnf", "-extensions", "ca", "-out", `${name}.pem`]);
  return { cert: `${name}.pem`, key, der: await der(dir, `${name}.pem`) };
};

const issue = async (
  dir: string,
  name: string,
  options: { subject: string; by: Issued; extensions: string; serial?: string; extraConfig?: string },
): Promise<Issued & { serial: string }> => {
  const key = await newKey(dir, name);
  const serial = options.serial ?? randomSerial();
  await openssl(dir, ["req", "-new", "-key", key, "-subj", options.subject, "-out", `${name}.csr`]);
  let config = "ext.cnf";
  if (options.extraConfig !== undefined) {
    config = `${name}.cnf`;
    await writeFile(join(dir, config), `${EXTENSIONS}\n${options.extraConfig}`);
  }
  await openssl(dir, [
    "x509", "-req", "-in", `${name}.csr`, "-CA", options.by.cert, "-CAkey", options.by.key, "-set_serial", `0x${serial}`,
    "-days", "365", "-extfile", config, "-extensions", options.extensions, "-out", `${name}.pem`,
  ]);
  return { cert: `${name}.pem`, key, der: await der(dir, `${name}.pem`), serial };
};

/** Makes the whole PKI (a dozen RSA keys: a few seconds). */
export const makeOpensslPki = async (): Promise<OpensslPki> => {
  const dir = await mkdtemp(join(tmpdir(), "madoguchi-ocsp-pki-"));
  await writeFile(join(dir, "ext.cnf"), EXTENSIONS);
  const [ca, other, impostor] = await Promise.all([
    selfSigned(dir, "ca", CA_NAME),
    selfSigned(dir, "other", "/C=JP/O=madoguchi OCSP test/CN=Another CA"),
    selfSigned(dir, "impostor", CA_NAME),
  ]);
  const leaf = (name: string) => issue(dir, name, { subject: `/C=JP/O=madoguchi OCSP test/CN=${name}`, by: ca, extensions: "leaf" });
  const [responder, responderWithoutEku, responderWithoutNoCheck, responderOfOtherCa, forgedResponder, ...leaves] = await Promise.all([
    issue(dir, "responder", { subject: "/C=JP/O=madoguchi OCSP test/CN=OCSP responder", by: ca, extensions: "responder" }),
    issue(dir, "responder-no-eku", { subject: "/C=JP/O=madoguchi OCSP test/CN=OCSP responder without EKU", by: ca, extensions: "responder_without_eku" }),
    issue(dir, "responder-no-nocheck", { subject: "/C=JP/O=madoguchi OCSP test/CN=OCSP responder without nocheck", by: ca, extensions: "responder_without_nocheck" }),
    issue(dir, "responder-other-ca", { subject: "/C=JP/O=madoguchi OCSP test/CN=Another CA's OCSP responder", by: other, extensions: "responder" }),
    issue(dir, "responder-forged", { subject: "/C=JP/O=madoguchi OCSP test/CN=Forged OCSP responder", by: impostor, extensions: "responder" }),
    leaf("leaf-1"),
    leaf("leaf-2"),
    leaf("leaf-3"),
  ]);
  return {
    dir,
    ca,
    other,
    impostor,
    responder: responder!,
    responderWithoutEku: responderWithoutEku!,
    responderWithoutNoCheck: responderWithoutNoCheck!,
    responderOfOtherCa: responderOfOtherCa!,
    forgedResponder: forgedResponder!,
    leaves: [leaves[0]!, leaves[1]!, leaves[2]!],
    issueLeaf: (options = {}) => {
      const name = `leaf-extra-${++counter}`;
      return options.ocspUrl === undefined
        ? leaf(name)
        : issue(dir, name, {
            subject: `/C=JP/O=madoguchi OCSP test/CN=${name}`,
            by: ca,
            extensions: "leaf_aia",
            extraConfig: `[leaf_aia]\nbasicConstraints = critical, CA:FALSE\nauthorityInfoAccess = OCSP;URI:${options.ocspUrl}\n`,
          });
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
};

/** OpenSSL's names of CRL reasons in index.txt (it knows neither privilegeWithdrawn nor aACompromise). */
const OPENSSL_REASON: Partial<Record<RevocationReason, string>> = {
  unspecified: "unspecified",
  keyCompromise: "keyCompromise",
  cACompromise: "CACompromise",
  affiliationChanged: "affiliationChanged",
  superseded: "superseded",
  cessationOfOperation: "cessationOfOperation",
  certificateHold: "certificateHold",
};

/** The reasons OpenSSL's index.txt can carry. */
export const OPENSSL_REASONS = Object.keys(OPENSSL_REASON) as RevocationReason[];

/** One row of OpenSSL's index.txt: a valid certificate, or a revoked one (time, optional reason). */
export type IndexRow =
  | { readonly serial: string; readonly status: "valid" }
  | { readonly serial: string; readonly status: "revoked"; readonly revokedAt: Date; readonly reason?: RevocationReason };

/** UTCTime as index.txt has it: YYMMDDHHMMSSZ. */
const utcTime = (date: Date) => date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, "$1$2$3$4$5$6Z");

/** Serials as OpenSSL looks them up (BN_bn2hex): upper case, whole bytes, no leading zero bytes. */
export const indexSerial = (hex: string) => {
  const bare = hex.toUpperCase().replace(/^0+/, "") || "0";
  return bare.length % 2 === 0 ? bare : `0${bare}`;
};

export const indexText = (rows: readonly IndexRow[]): string =>
  rows
    .map((row) => {
      const serial = indexSerial(row.serial);
      if (row.status === "valid") return `V\t351231235959Z\t\t${serial}\tunknown\t/CN=${serial}\n`;
      const reason = row.reason === undefined ? "" : `,${OPENSSL_REASON[row.reason] ?? fail(`OpenSSL's index cannot say ${row.reason}`)}`;
      return `R\t351231235959Z\t${utcTime(row.revokedAt)}${reason}\t${serial}\tunknown\t/CN=${serial}\n`;
    })
    .join("");

const fail = (message: string): never => {
  throw new Error(message);
};

/** A running `openssl ocsp` responder. */
export interface RunningResponder {
  readonly url: string;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Starts `openssl ocsp -index <rows> -port 0 -CA <ca> -rsigner <signer> -rkey <key>` and resolves once
 * it has announced the port it listens on (its `ACCEPT …:<port>` line, printed after listen()).
 * `ndays`/`nmin` set nextUpdate (none: no nextUpdate); `keyId` names the responder by key hash.
 */
export const startOpensslResponder = async (
  pki: OpensslPki,
  options: {
    readonly rows: readonly IndexRow[];
    readonly signer: Issued;
    readonly ca?: Issued;
    readonly ndays?: number;
    readonly nmin?: number;
    readonly keyId?: boolean;
    readonly extra?: readonly string[];
  },
): Promise<RunningResponder> => {
  const index = `index-${++counter}.txt`;
  await writeFile(join(pki.dir, index), indexText(options.rows));
  const args = [
    "ocsp", "-index", index, "-port", "0", "-CA", (options.ca ?? pki.ca).cert, "-rsigner", options.signer.cert, "-rkey", options.signer.key,
    "-ignore_err",
    ...(options.ndays === undefined ? [] : ["-ndays", String(options.ndays)]),
    ...(options.nmin === undefined ? [] : ["-nmin", String(options.nmin)]),
    ...(options.keyId === true ? ["-resp_key_id"] : []),
    ...(options.extra ?? []),
  ];
  const child = spawn("/usr/bin/openssl", args, { cwd: pki.dir, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const close = async () => {
    running.delete(child);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not announce its port within 20 s: ${err}`)), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /ACCEPT \S*:(\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited (${code}) before listening: ${err}`));
    });
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}/`, close };
};

/** Stops every responder still running (for afterAll). */
export const stopAllResponders = () => Promise.all([...running].map(async (child) => {
  running.delete(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    await exited;
  }
}));

/**
 * OpenSSL answers one request offline (`openssl ocsp -reqin … -respout …`, the responder code without
 * a socket): a request for `serial` made by OpenSSL's client (with or without its nonce), and the DER
 * response. For replaying a captured answer.
 */
export const opensslResponseFor = async (
  pki: OpensslPki,
  options: { readonly rows: readonly IndexRow[]; readonly serial: string; readonly signer: Issued; readonly nonce: boolean; readonly ndays?: number },
): Promise<Uint8Array> => {
  const n = ++counter;
  await writeFile(join(pki.dir, `index-${n}.txt`), indexText(options.rows));
  await openssl(pki.dir, ["ocsp", "-issuer", pki.ca.cert, "-serial", `0x${options.serial}`, options.nonce ? "-nonce" : "-no_nonce", "-reqout", `req-${n}.der`]);
  await openssl(pki.dir, [
    "ocsp", "-index", `index-${n}.txt`, "-CA", pki.ca.cert, "-rsigner", options.signer.cert, "-rkey", options.signer.key,
    "-reqin", `req-${n}.der`, "-respout", `resp-${n}.der`, ...(options.ndays === undefined ? [] : ["-ndays", String(options.ndays)]),
  ]);
  return new Uint8Array(await readFile(join(pki.dir, `resp-${n}.der`)));
};

type Reply = { readonly status: number; readonly body?: Uint8Array } | "hang";

/** A loopback HTTP server whose answer to each POST `answer` decides (it sees the attempt number and the body). */
export const startLoopbackServer = async (
  answer: (attempt: number, body: Uint8Array) => Reply | Promise<Reply>,
): Promise<{ url: string; attempts: () => number; close: () => Promise<void> }> => {
  let attempts = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      attempts += 1;
      const reply = await answer(attempts, new Uint8Array(Buffer.concat(chunks)));
      if (reply === "hang") return; // never answers: the client's time-out ends it
      response.writeHead(reply.status, { "content-type": "application/ocsp-response" });
      response.end(reply.body === undefined ? undefined : Buffer.from(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    attempts: () => attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
