import { describePasskeyRelyingPartyContract } from "@madoguchi/conformance/passkey-relying-party";
import { createWebAuthnRelyingParty } from "../src/index.ts";

describePasskeyRelyingPartyContract("simplewebauthn", ({ rpId, origin }) =>
  createWebAuthnRelyingParty({ rpId, rpName: "みほん市 madoguchi", origins: [origin] }),
);
