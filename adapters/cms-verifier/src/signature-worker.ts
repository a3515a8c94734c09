import { parentPort, workerData } from "node:worker_threads";
import { checkSignature } from "./signature-checks.ts";
import { signatureError } from "./signature-error.ts";
import type { CheckAnswer, CheckRequest } from "./signature-worker-pool.ts";
import { loadTrustAnchors, type TrustAnchorsPem } from "./trust-anchors.ts";

/**
 * A worker thread of the signature pool: it loads the anchors it was started with, then checks each signature
 * it is sent (every check but revocation, which stays with the verifier: its checker is an object of the main
 * thread, often with a network client). An exception is a CMS the parsers could not read: `malformed`, as inline.
 */
const port = parentPort;
if (port !== null) {
  const anchors = loadTrustAnchors(workerData as TrustAnchorsPem);
  port.on("message", (request: CheckRequest) => {
    void checkSignature(anchors, request.input)
      .then((result): CheckAnswer => (result.isOk() ? { id: request.id, ok: true, value: result.value } : { id: request.id, ok: false, error: result.error }))
      .catch((): CheckAnswer => ({ id: request.id, ok: false, error: signatureError("malformed", "the CMS could not be read") }))
      .then((answer) => port.postMessage(answer));
  });
}
