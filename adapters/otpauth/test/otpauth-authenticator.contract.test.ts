import { describeTotpAuthenticatorContract } from "@madoguchi/conformance/totp-authenticator";
import { createOtpauthAuthenticator } from "../src/index.ts";
import { readQrCode } from "./read-qr-code.ts";

describeTotpAuthenticatorContract("otpauth", () => createOtpauthAuthenticator(), { readQrCode });
