import { describeSigningSessionStoreContract } from "@madoguchi/conformance/signing-session-store";
import { createMemorySigningSessionStore } from "../src/index.ts";

describeSigningSessionStoreContract("memory", async () => ({ store: createMemorySigningSessionStore(), close: async () => undefined }));
