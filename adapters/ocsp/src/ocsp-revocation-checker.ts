import {
  REVOCATION_CHECKER_CONTRACT,
  type RevocationChecker,
  type RevocationError,
  type RevocationEvidence,
  type RevocationStatus,
} from "@madoguchi/core";
import { ResultAsync } from "neverthrow";
import * as pkijs from "pkijs";
import { bytesEqual, digest, toHex } from "./bytes.ts";
import { nameDer, nameText, parseCertificate, serialHex } from "./der.ts";
import { postOcspRequest } from "./http-transport.ts";
import { buildOcspRequest, type CertIdHash } from "./ocsp-request.ts";
import { checkResponder, parseOcspResponse, readCertStatus, RESPONSE_STATUS, responseNonce } from "./ocsp-response.ts";
import { OID } from "./oids.ts";

/** Options of {@link createOcspRevocationChecker}. */
export interface OcspRevocationCheckerOptions {
  /**
   * The responder every request goes to (http or https), e.g. the platform provider's. Without it the
   * certificate's own AIA OCSP URL is used, and only when {@link useCertificateAia} allows it.
   */
  readonly responderUrl?: string;
  /** Ask the responder that the certificate's authorityInfoAccess names (default false). */
  readonly useCertificateAia?: boolean;
  /** Hash of the CertID (default SHA-1: what RFC 5019 responders must understand). */
  readonly certIdHash?: CertIdHash;
  /** Refuse a response without our nonce (default true). A response with another nonce is always refused. */
  readonly requireNonce?: boolean;
  /** Tolerated difference between our clock and the responder's (default 5 minutes). */
  readonly clockSkewMs?: number;
  /** A response without nextUpdate is current for this long after its thisUpdate (default 5 minutes). */
  readonly maxAgeWithoutNextUpdateMs?: number;
  /** Per attempt (default 5 s). */
  readonly timeoutMs?: number;
  /** Further attempts after a retryable failure (default 2: three in all). */
  readonly retries?: number;
  /** Pause before the n-th retry: n × this (default 200 ms). */
  readonly retryDelayMs?: number;
  /** The largest response read (default 64 KiB). */
  readonly maxResponseBytes?: number;
  /** Random bytes for the nonce (tests may fix them); default WebCrypto. */
  readonly randomBytes?: (length: number) => Uint8Array;
}

const MINUTE = 60_000;
/** RFC 8954 §2.1: nonces are 1 to 32 octets; 32 recommended. */
const NONCE_LENGTH = 32;

/** The input is not a certificate: the caller's fault, not retryable. */
class InvalidInput extends Error {}
/** No usable answer after every attempt: the responder's fault, retryable. */
class Unavailable extends Error {}

const unknown = (why: string, evidence: RevocationEvidence | null = null): RevocationStatus => ({ status: "unknown", why, evidence });

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
};

/** The http(s) OCSP URLs of a certificate's authorityInfoAccess. */
const aiaOcspUrls = (certificate: pkijs.Certificate): string[] => {
  const access = certificate.extensions?.find((extension) => extension.extnID === OID.authorityInfoAccess)?.parsedValue;
  if (!(access instanceof pkijs.InfoAccess)) return [];
  return access.accessDescriptions
    .filter((item) => item.accessMethod === OID.adOcsp && item.accessLocation.type === 6)
    .map((item) => String(item.accessLocation.value))
    .filter(isHttpUrl);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A {@link RevocationChecker} over OCSP (RFC 6960): for each check it sends an OCSPRequest (CertID of
 * the certificate under its issuer, a fresh nonce) by HTTP POST, with a time-out and bounded retries,
 * and believes the answer only when
 * - it is a successful BasicOCSPResponse signed by the issuer itself or by a delegated responder (a
 *   certificate the issuer signed with id-kp-OCSPSigning and id-pkix-ocsp-nocheck, valid at `at`);
 * - it echoes our nonce (a response without one only with `requireNonce: false`);
 * - it has a SingleResponse for exactly our CertID, current at `at` (thisUpdate ≤ at ≤ nextUpdate,
 *   ± the clock skew; without nextUpdate, at most `maxAgeWithoutNextUpdateMs` old).
 *
 * Then good / revoked (reason, time; a revocation dated after `at` is not yet in force) / unknown, with
 * the DER response as evidence. Any answer that cannot be believed — malformed, unauthorised signer,
 * wrong nonce, another certificate, stale, responder status unauthorized/malformedRequest/sigRequired —
 * is "unknown" (the verifier refuses it: `revocation_unknown`). An unreachable responder, a time-out, an
 * HTTP 5xx or tryLater/internalError after the retries is the `unavailable` error (retryable).
 */
export const createOcspRevocationChecker = (options: OcspRevocationCheckerOptions): RevocationChecker => {
  if (options.responderUrl !== undefined && !isHttpUrl(options.responderUrl)) {
    throw new Error("ocsp options: responderUrl must be an absolute http(s) URL");
  }
  const hash = options.certIdHash ?? "SHA-1";
  const requireNonce = options.requireNonce ?? true;
  const skewMs = options.clockSkewMs ?? 5 * MINUTE;
  const maxAgeMs = options.maxAgeWithoutNextUpdateMs ?? 5 * MINUTE;
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  const retryDelayMs = options.retryDelayMs ?? 200;
  const transport = { timeoutMs: options.timeoutMs ?? 5_000, maxResponseBytes: options.maxResponseBytes ?? 65_536 };
  const randomBytes = options.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)));

  const run = async (input: { certificateDer: Uint8Array; issuerDer: Uint8Array; at: Date }): Promise<RevocationStatus> => {
    const certificate = parseCertificate(input.certificateDer);
    const issuer = parseCertificate(input.issuerDer);
    if (certificate === null || issuer === null) throw new InvalidInput("certificate or issuer is not DER");
    const serialNumber = serialHex(certificate.serialNumber);
    if (!bytesEqual(nameDer(certificate.issuer), nameDer(issuer.subject))) {
      return unknown("the certificate does not name the given issuer");
    }
    const url = options.responderUrl ?? (options.useCertificateAia === true ? aiaOcspUrls(certificate)[0] : undefined);
    if (url === undefined) return unknown("no OCSP responder is configured or named by the certificate");

    const request = await buildOcspRequest(certificate, issuer, hash, randomBytes(NONCE_LENGTH));

    // Ask, retrying what may pass: no answer, HTTP 5xx, tryLater / internalError.
    let last = "";
    let body: Uint8Array | null = null;
    let parsed: ReturnType<typeof parseOcspResponse> | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs * attempt);
      const outcome = await postOcspRequest(url, request.der, transport);
      if (outcome.kind === "failed") {
        last = outcome.message;
        if (!outcome.retryable) return unknown(outcome.message);
        continue;
      }
      const read = parseOcspResponse(outcome.body);
      if (read.kind === "status" && (read.responseStatus === RESPONSE_STATUS.tryLater || read.responseStatus === RESPONSE_STATUS.internalError)) {
        last = `the OCSP responder answered ${read.responseStatus === RESPONSE_STATUS.tryLater ? "tryLater" : "internalError"}`;
        continue;
      }
      body = outcome.body;
      parsed = read;
      break;
    }
    if (body === null || parsed === null) throw new Unavailable(`${last} (${retries + 1} attempts)`);
    if (parsed.kind === "malformed") return unknown(parsed.why);
    if (parsed.kind === "status") return unknown(`the OCSP responder refused the request (OCSPResponseStatus ${parsed.responseStatus})`);
    const { basic } = parsed;

    const responder = await checkResponder(basic, issuer, input.at, skewMs);
    if (!responder.ok) return unknown(`the OCSP response is not from an authorised responder: ${responder.why}`);

    const nonce = responseNonce(basic);
    if (nonce === null ? requireNonce : request.nonceExtnValue === null || !bytesEqual(nonce, request.nonceExtnValue)) {
      return unknown(nonce === null ? "the OCSP response carries no nonce" : "the OCSP response's nonce is not ours (a replayed answer?)");
    }

    const single = basic.tbsResponseData.responses.find((item) => item.certID.isEqual(request.certId));
    if (single === undefined) return unknown("the OCSP response does not answer for this certificate");
    const evidence: RevocationEvidence = {
      source: "ocsp",
      responder: nameText(responder.signer.subject),
      producedAt: basic.tbsResponseData.producedAt,
      thisUpdate: single.thisUpdate,
      nextUpdate: single.nextUpdate ?? null,
      responseDer: body,
      responseSha256: toHex(await digest("SHA-256", body)),
      serialNumber,
    };
    const at = input.at.getTime();
    if (single.thisUpdate.getTime() > at + skewMs) return unknown("the OCSP response is from after the time asked about", evidence);
    const expires = single.nextUpdate === undefined ? single.thisUpdate.getTime() + maxAgeMs : single.nextUpdate.getTime();
    if (at > expires + skewMs) return unknown("the OCSP response is not current at the time asked about", evidence);

    const status = readCertStatus(single.certStatus);
    if (status === null) return unknown("the OCSP response's certStatus does not decode", evidence);
    if (status.kind === "unknown") return unknown("the OCSP responder does not know the certificate", evidence);
    if (status.kind === "good" || status.revokedAt.getTime() > at) return { status: "good", evidence };
    return { status: "revoked", reason: status.reason, revokedAt: status.revokedAt, evidence };
  };

  return {
    meta: { contract: REVOCATION_CHECKER_CONTRACT, name: "ocsp", capabilities: new Set<never>() },
    check: (input) =>
      ResultAsync.fromPromise(run(input), (cause): RevocationError => {
        const invalid = cause instanceof InvalidInput;
        return {
          _tag: "RevocationError",
          reason: invalid ? "invalid_input" : "unavailable",
          operation: "revocation-checker.check",
          retryable: !invalid,
          message: cause instanceof InvalidInput || cause instanceof Unavailable ? cause.message : "the OCSP check failed",
        };
      }),
  };
};

