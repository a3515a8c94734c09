import { createCmsSignatureVerifier } from "@madoguchi/adapter-cms-verifier";
import { createCrlRevocationChecker, issueTestCrl } from "@madoguchi/adapter-test-card";
import { describeJpkiSignerContract, type JpkiSignerHarness } from "@madoguchi/conformance/jpki-signer";
import type { JpkiSigner } from "@madoguchi/core";
import { ResultAsync } from "neverthrow";
import { afterAll } from "vitest";
import { approveInStub, createDigitalAuthAppSigner } from "../src/index.ts";
import { startStubFixture, type StubFixture } from "./stub-fixture.ts";

const fixtures: StubFixture[] = [];
afterAll(async () => {
  for (const fixture of fixtures) await fixture.close();
});

let built: Promise<JpkiSignerHarness> | undefined;

/**
 * The app's signer under E's jpki-signer contract: the resident's part (opening the app, approving)
 * is played by approveInStub on the session's redirect challenge. The app signs with the signature
 * key only and asks for no secret here (the PIN is typed in the app).
 */
const build = async (): Promise<JpkiSignerHarness> => {
  const fixture = await startStubFixture();
  fixtures.push(fixture);
  const at = new Date();
  const crl = (await issueTestCrl(fixture.card.ca, { thisUpdate: new Date(at.getTime() - 3_600_000), nextUpdate: new Date(at.getTime() + 86_400_000), crlNumber: 1, revoked: [] }))._unsafeUnwrap();
  const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [fixture.card.caPem], revocation: createCrlRevocationChecker({ crls: async () => [crl.der] }) });
  const challengeUrls = new Map<string, string>();
  return {
    makeSigner: async (): Promise<JpkiSigner> => {
      const signer = createDigitalAuthAppSigner({ client: fixture.client, issuer: fixture.stub.issuer });
      return {
        ...signer,
        startSigning: (request) =>
          signer.startSigning(request).map((session) => {
            if (session.challenge.kind === "redirect") challengeUrls.set(session.sessionId, session.challenge.url);
            return session;
          }),
      };
    },
    completeRight: (signer, sessionId) => {
      const url = challengeUrls.get(sessionId);
      const callback = url === undefined ? Promise.resolve(null) : approveInStub(url).then((location) => new URL(location));
      return ResultAsync.fromSafePromise(callback).andThen((approved) =>
        signer.completeSigning({
          sessionId,
          completion: { kind: "authorization_code", code: approved?.searchParams.get("code") ?? "none", state: approved?.searchParams.get("state") ?? "none" },
        }),
      );
    },
    // The resident presses cancel in the app: the callback carries `error` and `state` instead of a code.
    decline: (signer, sessionId) => {
      const url = challengeUrls.get(sessionId);
      const callback = url === undefined ? Promise.resolve(null) : approveInStub(url, "cancel").then((location) => new URL(location));
      return ResultAsync.fromSafePromise(callback).andThen((cancelled) =>
        signer.completeSigning({
          sessionId,
          completion: { kind: "declined", error: cancelled?.searchParams.get("error") ?? "none", state: cancelled?.searchParams.get("state") ?? null },
        }),
      );
    },
    wrongSecret: () => null,
    tries: () => null,
    verifier,
    at,
    keys: ["signature"],
  };
};

describeJpkiSignerContract("digital authentication app (loopback stub)", () => (built ??= build()));
