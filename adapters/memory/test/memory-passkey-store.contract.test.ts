import { describePasskeyStoreContract } from "@madoguchi/conformance/passkey-store";
import { createMemoryPasskeyStore } from "../src/index.ts";

describePasskeyStoreContract("memory", async () => ({ store: createMemoryPasskeyStore(), close: async () => undefined }));
