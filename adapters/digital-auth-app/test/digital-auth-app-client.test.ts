import { createHash, createPublicKey, verify, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ResultAsync } from "neverthrow";
import { approveInStub, createDigitalAuthAppClient, generateClientKeys, jpkiDateOfBirth, type DigitalAuthAppError } from "../src/index.ts";
import { CLIENT_ID, REDIRECT_URI, startStubFixture, type StubFixture } from "./stub-fixture.ts";

let fixture: StubFixture;
beforeAll(async () => {
  fixture = await startStubFixture();
});
afterAll(() => fixture.close());
beforeEach(() => fixture.stub.misbehave(null));

const started = async () => (await fixture.client.startLogin())._unsafeUnwrap();
const reasonOf = async <T>(result: ResultAsync<T, DigitalAuthAppError>) => {
  const settled = await result;
  expect(settled.isErr()).toBe(true);
  return settled._unsafeUnwrapErr().reason;
};

describe("Digital Authentication App login against the loopback stub", () => {
  it("talks to loopback only", () => {
    expect(new URL(fixture.stub.issuer).hostname).toBe("127.0.0.1");
  });

  it("asks for the 4-info scopes with PKCE S256, a state and a nonce", async () => {
    const { authorizationUrl, pending } = await started();
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get("scope")).toBe("openid name address birthdate gender");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toBe(createHash("sha256").update(pending.codeVerifier).digest("base64url"));
    expect(url.searchParams.get("state")).toBe(pending.state);
    expect(url.searchParams.get("nonce")).toBe(pending.nonce);
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
  });

  it("good flow: the subject and the 4-info mapped to the certificate's form", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    const login = (await fixture.client.finishLogin(pending, callback))._unsafeUnwrap();
    expect(login).toEqual({
      subject: "pairwise-subject-hanako",
      basicInfo: {
        name: "渡邉 花子",
        nameSubstitute: "渡辺 花子",
        sex: "2",
        dateOfBirth: { raw: "419900102", eraDigit: 4, year: 1990, month: 1, day: 2 },
        address: "東京都千代田区霞が関一丁目1番1号",
        addressSubstitute: "",
      },
    });
  });

  it("a wrong state is refused as state_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    expect(await reasonOf(fixture.client.finishLogin({ ...pending, state: "another-state" }, callback))).toBe("state_mismatch");
  });

  it("a callback of another login (its state) is refused as state_mismatch", async () => {
    const first = await started();
    const second = await started();
    const callback = await approveInStub(second.authorizationUrl);
    expect(await reasonOf(fixture.client.finishLogin(first.pending, callback))).toBe("state_mismatch");
  });

  it("a callback arriving at another address than the authorization's redirect URI is refused as state_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = new URL(await approveInStub(authorizationUrl));
    callback.host = "127.0.0.1:10";
    expect(await reasonOf(fixture.client.finishLogin(pending, callback.href))).toBe("state_mismatch");
  });

  it("refuses to start with a redirect URI that is not configured", async () => {
    expect(await reasonOf(fixture.client.startLogin("http://127.0.0.1:9/elsewhere"))).toBe("state_mismatch");
  });

  it("a wrong nonce is refused as nonce_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    expect(await reasonOf(fixture.client.finishLogin({ ...pending, nonce: "another-nonce" }, callback))).toBe("nonce_mismatch");
  });

  it("a PKCE verifier that does not match the challenge is refused as pkce_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    const other = (await started()).pending.codeVerifier;
    expect(await reasonOf(fixture.client.finishLogin({ ...pending, codeVerifier: other }, callback))).toBe("pkce_mismatch");
  });

  it("a replayed code is refused as code_replayed", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    expect((await fixture.client.finishLogin(pending, callback)).isOk()).toBe(true);
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("code_replayed");
  });

  it("an expired ID token is refused as id_token_expired", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    fixture.stub.misbehave("expired_id_token");
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("id_token_expired");
  });

  it("an ID token signed with a key outside the provider's JWKS is refused as id_token_signature_invalid", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    fixture.stub.misbehave("foreign_key_id_token");
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("id_token_signature_invalid");
  });

  it("an ID token for another client is refused as audience_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    fixture.stub.misbehave("wrong_audience");
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("audience_mismatch");
  });

  it("an ID token from another issuer is refused as issuer_mismatch", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl);
    fixture.stub.misbehave("wrong_issuer");
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("issuer_mismatch");
  });

  it("a resident who cancels in the app is refused as access_denied", async () => {
    const { authorizationUrl, pending } = await started();
    const callback = await approveInStub(authorizationUrl, "cancel");
    expect(await reasonOf(fixture.client.finishLogin(pending, callback))).toBe("access_denied");
  });

  it("a client whose private_key_jwt key the provider does not know gets no token", async () => {
    const keys = await generateClientKeys();
    const stranger = createDigitalAuthAppClient({
      issuer: fixture.stub.issuer,
      clientId: CLIENT_ID,
      redirectUris: [REDIRECT_URI],
      clientAuthenticationKey: keys.clientAuthenticationKey,
      resultDecryptionKey: keys.resultDecryptionKey,
    });
    const { authorizationUrl, pending } = (await stranger.startLogin())._unsafeUnwrap();
    const callback = await approveInStub(authorizationUrl);
    expect(await reasonOf(stranger.finishLogin(pending, callback))).toBe("client_authentication_failed");
    // The refused request did not burn the code: only an authenticated client's exchange does.
    expect((await fixture.client.finishLogin(pending, callback)).isOk()).toBe(true);
  });

  it("refuses plain http towards anything but loopback", async () => {
    const keys = await generateClientKeys();
    expect(() =>
      createDigitalAuthAppClient({
        issuer: "http://idp.example.jp/api/realms/main",
        clientId: CLIENT_ID,
        redirectUris: [REDIRECT_URI],
        clientAuthenticationKey: keys.clientAuthenticationKey,
        resultDecryptionKey: keys.resultDecryptionKey,
      }),
    ).toThrow(/https/);
  });
});

describe("sign transaction against the loopback stub", () => {
  it("good flow: the card's PKCS#1 v1.5 signature over the hash, and its certificate", async () => {
    const data = new TextEncoder().encode('{"type":"madoguchi.application/v1"}');
    const sha256 = createHash("sha256").update(data).digest();
    const { authorizationUrl, pending } = (await fixture.client.startSigning(sha256))._unsafeUnwrap();
    expect(new URL(authorizationUrl).searchParams.get("scope")).toBe("openid sign");
    const callback = await approveInStub(authorizationUrl);
    const signed = (await fixture.client.finishSigning(pending, callback))._unsafeUnwrap();
    expect(signed.certificatePem).toBe(fixture.card.certificatePem);
    const publicKey = createPublicKey(new X509Certificate(signed.certificatePem).publicKey.export({ type: "spki", format: "pem" }));
    expect(verify("sha256", data, publicKey, signed.signature)).toBe(true);
    expect(verify("sha256", new TextEncoder().encode("other"), publicKey, signed.signature)).toBe(false);
  });

  it("a sign callback cannot finish a login, nor a login callback a signature", async () => {
    const sign = (await fixture.client.startSigning(new Uint8Array(32)))._unsafeUnwrap();
    const login = await started();
    expect(await reasonOf(fixture.client.finishLogin(sign.pending, "http://127.0.0.1:9/callback?code=x&state=y"))).toBe("state_mismatch");
    expect(await reasonOf(fixture.client.finishSigning(login.pending, "http://127.0.0.1:9/callback?code=x&state=y"))).toBe("state_mismatch");
  });

  it("a hash that is not 32 bytes is refused before any request", async () => {
    expect(await reasonOf(fixture.client.startSigning(new Uint8Array(20)))).toBe("sign_transaction_failed");
  });
});

describe("4-info mapping", () => {
  it("writes the JPKI era digit before the Gregorian date", () => {
    expect(jpkiDateOfBirth("1990-01-02")).toBe("419900102");
    expect(jpkiDateOfBirth("1989-01-07")).toBe("319890107");
    expect(jpkiDateOfBirth("1989-01-08")).toBe("419890108");
    expect(jpkiDateOfBirth("2019-05-01")).toBe("520190501");
    expect(jpkiDateOfBirth("1872-12-31")).toBeNull();
    expect(jpkiDateOfBirth("1990/01/02")).toBeNull();
  });
});
