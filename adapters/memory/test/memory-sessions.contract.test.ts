import { describeLoginStateStoreContract } from "@madoguchi/conformance/login-state-store";
import { describeSessionStoreContract } from "@madoguchi/conformance/session-store";
import { createMemoryStore } from "../src/index.ts";

describeSessionStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { store: store.sessions, close: () => store.close() };
});

describeLoginStateStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { store: store.loginState, auditLog: store.auditLog, close: () => store.close() };
});
