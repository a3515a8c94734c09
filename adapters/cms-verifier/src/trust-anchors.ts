import type { JpkiKey } from "@madoguchi/core";
import * as asn1js from "asn1js";
import { Schema } from "effect";
import * as pkijs from "pkijs";
import { certificateDer } from "./certificate-facts.ts";
import type { TrustAnchor } from "./certificate-path.ts";
import { certificatesFromPem } from "./pem.ts";

/** The configured anchors as PEM, per purpose: what a verifier (or a worker of its pool) starts from. */
export interface TrustAnchorsPem {
  readonly trustAnchorsPem: readonly string[];
  readonly authenticationTrustAnchorsPem?: readonly string[];
}

const OptionsSchema = Schema.Struct({
  trustAnchorsPem: Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  authenticationTrustAnchorsPem: Schema.optionalKey(Schema.Array(Schema.String)),
});

const parseAnchor = (der: Uint8Array): TrustAnchor | null => {
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset !== der.byteLength) return null;
    const certificate = new pkijs.Certificate({ schema: parsed.result });
    return { certificate, der: certificateDer(certificate) };
  } catch {
    return null; // pkijs throws on a schema mismatch: for configuration that is "not a certificate"
  }
};

/** Trust anchors from configuration; throws at start-up (fail fast) when one is not a certificate. */
export const loadTrustAnchors = (options: TrustAnchorsPem): Readonly<Record<JpkiKey, readonly TrustAnchor[]>> => {
  const decoded = Schema.decodeUnknownResult(OptionsSchema)(
    { trustAnchorsPem: options.trustAnchorsPem, ...(options.authenticationTrustAnchorsPem === undefined ? {} : { authenticationTrustAnchorsPem: options.authenticationTrustAnchorsPem }) },
    { errors: "all" },
  );
  if (decoded._tag === "Failure") throw new Error(`cms-verifier options: ${decoded.failure.message}`);
  const load = (pems: readonly string[], option: string) =>
    pems.flatMap((pem, index) => {
      const ders = certificatesFromPem(pem);
      const anchors = ders.map(parseAnchor);
      if (ders.length === 0 || anchors.some((anchor) => anchor === null)) {
        throw new Error(`cms-verifier options: ${option}[${index}] is not a PEM certificate`);
      }
      return anchors as TrustAnchor[];
    });
  return {
    signature: load(decoded.success.trustAnchorsPem, "trustAnchorsPem"),
    authentication: load(decoded.success.authenticationTrustAnchorsPem ?? [], "authenticationTrustAnchorsPem"),
  };
};
