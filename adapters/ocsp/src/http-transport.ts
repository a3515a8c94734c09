/** One POST of an OCSPRequest: the body, or why there is none and whether trying again may help. */
export type PostOutcome =
  | { readonly kind: "response"; readonly body: Uint8Array }
  | { readonly kind: "failed"; readonly retryable: boolean; readonly message: string };

/** How the checker reaches a responder (RFC 6960 Appendix A.1: HTTP POST, `application/ocsp-request`). */
export interface TransportOptions {
  /** Per attempt, connection and body included. */
  readonly timeoutMs: number;
  /** The largest response body read; a larger one is refused (a responder's answer is a few KiB). */
  readonly maxResponseBytes: number;
}

const readLimited = async (response: Response, limit: number): Promise<Uint8Array | null> => {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
};

/**
 * POSTs `request` to `url` once, within `timeoutMs`. A network failure, a time-out, 5xx, 408 and 429 are
 * retryable; another non-2xx status or an oversized body is not. Never throws.
 */
export const postOcspRequest = async (url: string, request: Uint8Array, options: TransportOptions): Promise<PostOutcome> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/ocsp-request", accept: "application/ocsp-response" },
      body: new Uint8Array(request),
      signal: controller.signal,
      redirect: "error",
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      return { kind: "failed", retryable, message: `the OCSP responder answered HTTP ${response.status}` };
    }
    const body = await readLimited(response, options.maxResponseBytes);
    if (body === null) return { kind: "failed", retryable: false, message: `the OCSP response is larger than ${options.maxResponseBytes} bytes` };
    return { kind: "response", body };
  } catch {
    return {
      kind: "failed",
      retryable: true,
      message: controller.signal.aborted ? `the OCSP responder did not answer within ${options.timeoutMs} ms` : "the OCSP responder could not be reached",
    };
  } finally {
    clearTimeout(timer);
  }
};
