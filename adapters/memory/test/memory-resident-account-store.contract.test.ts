import { describeResidentAccountStoreContract } from "@madoguchi/conformance/resident-account-store";
import { createMemoryResidentAccountStore } from "../src/memory-resident-account-store.ts";

// The reference adapter persists nothing: no raw-read hook.
describeResidentAccountStoreContract("memory", async () => {
  const store = createMemoryResidentAccountStore();
  return { store, close: () => store.close() };
});
