import { createTestCa, issueTestCard, type TestCa } from "@madoguchi/adapter-test-card";
import {
  createDigitalAuthAppClient,
  generateClientKeys,
  startStubProvider,
  type DigitalAuthAppClient,
  type StubProvider,
  type StubResident,
  type StubSigningCard,
} from "../src/index.ts";

export const REDIRECT_URI = "http://127.0.0.1:9/callback";
export const CLIENT_ID = "madoguchi-test";

/** A resident of the stub: 4-info as standard OIDC claims (the shape provider-fields.ts assumes). */
export const HANAKO: StubResident = {
  subject: "pairwise-subject-hanako",
  claims: {
    name: "渡邉 花子",
    name_alternative: "渡辺 花子",
    address: { formatted: "東京都千代田区霞が関一丁目1番1号" },
    birthdate: "1990-01-02",
    gender: "female",
  },
};

export interface StubFixture {
  readonly stub: StubProvider;
  readonly client: DigitalAuthAppClient;
  readonly card: StubCard;
  close(): Promise<void>;
}

/** The stub's card and the test CA that issued it (the verifier's trust anchor). */
export interface StubCard extends StubSigningCard {
  readonly caPem: string;
  readonly ca: TestCa;
}

let card: Promise<StubCard> | null = null;
/** One test card for the file's sign flows (RSA key generation is slow on a busy machine). */
export const testCard = (): Promise<StubCard> =>
  (card ??= (async () => {
    const now = new Date();
    const ca = (await createTestCa({ now }))._unsafeUnwrap();
    const issued = (
      await issueTestCard(ca, {
        basicInfo: { name: "渡邉 花子", nameSubstitute: "渡辺 花子", sex: "2", dateOfBirth: "419900102", address: "東京都千代田区霞が関一丁目1番1号", addressSubstitute: "東京都千代田区霞が関一丁目1番1号" },
        notBefore: new Date(now.getTime() - 86_400_000),
        notAfter: new Date(now.getTime() + 86_400_000 * 365),
        signaturePassword: "ABC123",
      })
    )._unsafeUnwrap();
    return { privateKeyPkcs8Pem: issued.privateKeyPkcs8Pem, certificatePem: issued.certificatePem, caPem: ca.certificatePem, ca };
  })());

/** A stub on loopback and a client registered with it, with fresh keys. */
export const startStubFixture = async (): Promise<StubFixture> => {
  const keys = await generateClientKeys();
  const signingCard = await testCard();
  const stub = await startStubProvider({
    clientId: CLIENT_ID,
    clientAuthenticationPublicKey: keys.clientAuthenticationPublicKey,
    resultEncryptionPublicKey: keys.resultEncryptionPublicKey,
    redirectUris: [REDIRECT_URI],
    resident: HANAKO,
    card: signingCard,
  });
  const client = createDigitalAuthAppClient({
    issuer: stub.issuer,
    clientId: CLIENT_ID,
    redirectUris: [REDIRECT_URI],
    clientAuthenticationKey: keys.clientAuthenticationKey,
    resultDecryptionKey: keys.resultDecryptionKey,
  });
  return { stub, client, card: signingCard, close: () => stub.close() };
};
